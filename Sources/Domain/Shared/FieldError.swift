/// Why a field was refused. Texts live in the web catalog (`problem.<reason>`), so every
/// language gets the same reasons.
public enum FieldProblem: String, Sendable, Codable, Error {
    case required, tooLong, invalidIDNumber, invalidIDCheckDigit, invalidIDBirthDate
    case invalidPhone, invalidDate, invalidChoice, unknownTag, unknownGrid, unknownUnit
    case unknownHousehold, duplicateIDNumber, repeatedInFile, duplicateUsername, duplicateCode
    case birthDateMismatch, outOfJurisdiction, wrongColumns, weakPassword, invalidCode
    case wrongParentKind, malformed, inFuture, tooOld, unknownPlace, unknownResident
    case tooLarge, notAnImage, notAllowedNow, moreThanAttended, notNull, controlCharacter
    case unknownParty, beforeDispute, disputeClosed, inconsistentCase
    case beforeStart, negativeAmount, tooManyDecimals, invalidAmount, unknownOfficer, unknownPatrol
    case overlappingShift, notRestDay, tooManyDays, alreadyRecorded, tooFewHouseholds, alreadyInGroup
    case notInGroup, tooFrequent, tooFewHalfDays, eveningUncovered, inPast, slotFull, outsidePlan, alreadyCheckedIn, alreadyRated, hasAppointments
    case unknownQuestion, outOfRange, alreadyAnswered, quotaFull, roundClosed, invalidToken, maxAttempts
}

public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var problem: FieldProblem
    /// Row in an import file (1 = header), when the error comes from one.
    public var row: Int?
    public init(field: String, problem: FieldProblem, row: Int? = nil) {
        self.field = field; self.problem = problem; self.row = row
    }
}

/// Thrown when input is refused; nothing has been written.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(field: String, _ problem: FieldProblem) { self.errors = [FieldError(field: field, problem: problem)] }
}
