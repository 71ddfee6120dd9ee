import Foundation

/// 信息员: a resident who passes on what they see, with an area (a grid or community) and one
/// officer who keeps in touch on a cadence, as the care list keeps its visits. Who they are is
/// known to leaders and to that officer only.
public struct InformantInput: Sendable, Codable, Equatable {
    public var residentID: Int64
    /// A grid or a community.
    public var areaUnitID: Int64
    public var contactOfficerID: Int64
    public var cadenceDays: Int?
    public init(residentID: Int64, areaUnitID: Int64, contactOfficerID: Int64, cadenceDays: Int? = nil) {
        self.residentID = residentID; self.areaUnitID = areaUnitID; self.contactOfficerID = contactOfficerID; self.cadenceDays = cadenceDays
    }
}

/// How the officer kept in touch.
public enum InformantContactKind: String, Sendable, Codable, CaseIterable {
    case visit      // 走访
    case meeting    // 见面
    case phone      // 电话
}

public struct InformantContactInput: Sendable, Codable, Equatable {
    public var kind: String
    public var note: String
    public init(kind: String, note: String = "") { self.kind = kind; self.note = note }
}

/// 表彰: a note of thanks, or a reward with its amount.
public enum RecognitionKind: String, Sendable, Codable, CaseIterable {
    case thanks     // 感谢
    case reward     // 奖励
}

public struct RecognitionInput: Sendable, Codable, Equatable {
    public var kind: String
    public var note: String
    /// Yuan, for a reward.
    public var amount: String?
    public init(kind: String, note: String, amount: String? = nil) { self.kind = kind; self.note = note; self.amount = amount }
}

public enum InformantRules {
    public static let defaultCadenceDays = 30, maxCadenceDays = 365, maxNote = 500, maxAmount = 20

    /// Leaders, and the officer who keeps contact: no one else learns who an informant is.
    public static func mayKnow(_ caller: Caller, contactOfficerID: Int64?) -> Bool {
        caller.role.seesConfidential || (caller.userID != nil && caller.userID == contactOfficerID)
    }

    /// A resident's tags as `caller` may see them: 信息员 only to those who may know.
    public static func visibleTags(_ tags: [ResidentTag], _ caller: Caller, contactOfficerID: Int64?) -> [ResidentTag] {
        mayKnow(caller, contactOfficerID: contactOfficerID) ? tags : tags.filter { $0 != .informant }
    }

    /// Tags as saved by an edit from someone who could not see 信息员: a tag they never saw is kept.
    public static func savedTags(_ edited: [ResidentTag], before: [ResidentTag], _ caller: Caller, contactOfficerID: Int64?) -> [ResidentTag] {
        guard !mayKnow(caller, contactOfficerID: contactOfficerID), before.contains(.informant), !edited.contains(.informant) else { return edited }
        return edited + [.informant]
    }

    public static func cadence(_ days: Int?) -> Result<Int, ValidationFailure> {
        let d = days ?? defaultCadenceDays
        return (1...maxCadenceDays).contains(d) ? .success(d) : .failure(ValidationFailure(field: "cadenceDays", .outOfRange))
    }

    public static func contact(_ input: InformantContactInput) -> Result<(InformantContactKind, String), ValidationFailure> {
        var errors: [FieldError] = []
        let kind = InformantContactKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", problem: input.kind.isEmpty ? .required : .invalidChoice)) }
        let note = input.note.trimmed
        if note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        guard errors.isEmpty, let kind else { return .failure(ValidationFailure(errors)) }
        return .success((kind, note))
    }

    /// A reward names its amount in yuan; thanks has none. Both say what for.
    public static func recognition(_ input: RecognitionInput) -> Result<(RecognitionKind, String, Int64?), ValidationFailure> {
        var errors: [FieldError] = []
        let kind = RecognitionKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", problem: input.kind.isEmpty ? .required : .invalidChoice)) }
        let note = input.note.trimmed
        if note.isEmpty { errors.append(FieldError(field: "note", problem: .required)) } else if note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        var fen: Int64?
        let amount = (input.amount ?? "").trimmed
        if amount.count > maxAmount { errors.append(FieldError(field: "amount", problem: .tooLong)) }
        else if kind == .reward {
            if amount.isEmpty { errors.append(FieldError(field: "amount", problem: .required)) }
            else {
                switch Yuan.parse(amount) {
                case .success(let f) where f > 0: fen = f
                case .success: errors.append(FieldError(field: "amount", problem: .invalidAmount))
                case .failure(let p): errors.append(FieldError(field: "amount", problem: p))
                }
            }
        }
        guard errors.isEmpty, let kind else { return .failure(ValidationFailure(errors)) }
        return .success((kind, note, fen))
    }
}
