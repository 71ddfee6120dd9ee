import Foundation

/// 预约: an officer's service to a resident at home (上门) or at the community office.
public enum AppointmentPlace: String, Sendable, Codable, CaseIterable { case home, office }

public enum AppointmentStatus: String, Sendable, Codable, CaseIterable {
    case booked, confirmed, done, cancelled
    public var isOpen: Bool { self == .booked || self == .confirmed }
}

/// A bookable time of an officer: one planned block of one day, with room for `capacity`.
public struct AppointmentSlot: Sendable, Codable, Equatable, Hashable {
    /// `2026-12-07`.
    public var day: String
    public var block: OfficeBlock
    public var capacity: Int
    public init(day: String, block: OfficeBlock, capacity: Int) { self.day = day; self.block = block; self.capacity = capacity }

    public var start: Date? { CivilDate.dayNumber(day).map { OfficeHours.date(minute: $0 * 1440 + block.minutes.lowerBound) } }
}

public enum AppointmentRules {
    /// The officer's slots over `days` from `from`: each planned block of each day, except the
    /// days off given (leave, a holiday duty elsewhere).
    public static func slots(plan: WeeklyPlan, from: String, days: Int, capacity: Int, except daysOff: Set<String> = []) -> [AppointmentSlot] {
        guard let first = CivilDate.dayNumber(from) else { return [] }
        return (first..<first + days).flatMap { n -> [AppointmentSlot] in
            let day = CivilDate.iso(dayNumber: n)
            guard !daysOff.contains(day) else { return [] }
            return plan.blocks.filter { $0.weekday == CivilDate.weekday(dayNumber: n) }.sorted().map { AppointmentSlot(day: day, block: $0.block, capacity: capacity) }
        }
    }

    /// A booking (or the new time of a rescheduling) takes a place in one of the officer's slots
    /// that has not started and still has room. The store takes the place atomically; this says
    /// why not, field by field.
    public static func validateBooking(day: String, block: OfficeBlock, slots: [AppointmentSlot], taken: Int, now: Date) -> ValidationFailure? {
        guard let slot = slots.first(where: { $0.day == day && $0.block == block }), let start = slot.start else {
            return CivilDate.dayNumber(day) == nil ? ValidationFailure(field: "day", .invalidDate) : ValidationFailure(field: "slot", .outsidePlan)
        }
        if start <= now { return ValidationFailure(field: "slot", .inPast) }
        if taken >= slot.capacity { return ValidationFailure(field: "slot", .slotFull) }
        return nil
    }

    /// Confirming, rescheduling or cancelling: only an open appointment, and a reschedule or a
    /// cancellation gives its reason.
    public static func validateChange(status: AppointmentStatus, reason: String?, needsReason: Bool) -> ValidationFailure? {
        if !status.isOpen { return ValidationFailure(field: "status", .notAllowedNow) }
        if needsReason, (reason ?? "").trimmed.isEmpty { return ValidationFailure(field: "reason", .required) }
        return nil
    }

    /// The day-before reminder: 09:00 China time the day before, or at once when booked later.
    public static func remindAt(_ slot: AppointmentSlot, bookedAt: Date) -> Date? {
        guard let n = CivilDate.dayNumber(slot.day) else { return nil }
        return max(bookedAt, OfficeHours.date(minute: (n - 1) * 1440 + 540))
    }
}

/// A booking as the form or the API gives it. The officer is the household's grid officer unless named.
public struct AppointmentInput: Sendable, Codable, Equatable {
    public var householdID: Int64
    public var residentID: Int64?
    public var kind: String
    public var place: String
    public var day: String
    public var block: String
    public var note: String
    public var officerID: Int64?
    /// The visit that found the need (an expired ID card), when booked from it.
    public var visitID: Int64?
    public init(householdID: Int64, residentID: Int64? = nil, kind: String, place: String, day: String, block: String, note: String = "",
                officerID: Int64? = nil, visitID: Int64? = nil) {
        self.householdID = householdID; self.residentID = residentID; self.kind = kind; self.place = place; self.day = day; self.block = block
        self.note = note; self.officerID = officerID; self.visitID = visitID
    }
}

/// What the resident or the officer may do to an open appointment.
public enum AppointmentChange: String, Sendable, Codable, CaseIterable {
    case confirm, reschedule, cancel
    public var needsReason: Bool { self != .confirm }
}

extension AppointmentRules {
    public static let maxNote = 500
    /// How far ahead slots are offered.
    public static let daysAhead = 14

    /// The fields of a booking that need no database: the kind known, the place one the kind
    /// allows, the note short enough. The slot itself is checked against the plan by `validateBooking`.
    public static func validate(_ input: AppointmentInput, kinds: [ServiceKind]) -> (kind: ServiceKind?, place: AppointmentPlace?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let kind = kinds.first { $0.code == input.kind }
        if kind == nil { errors.append(FieldError(field: "kind", problem: input.kind.trimmed.isEmpty ? .required : .invalidChoice)) }
        let place = AppointmentPlace(rawValue: input.place)
        if place == nil || (place == .home && kind?.atHome == false) { errors.append(FieldError(field: "place", problem: .invalidChoice)) }
        if OfficeBlock(rawValue: input.block) == nil { errors.append(FieldError(field: "block", problem: .invalidChoice)) }
        if input.note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        return (kind, place, errors)
    }
}

extension WeeklyPlan {
    /// "1:morning,1:evening,…": how the plan is stored, in order.
    public var text: String { blocks.sorted().map { "\($0.weekday):\($0.block.rawValue)" }.joined(separator: ",") }

    public init?(text: String) {
        var blocks = Set<PlannedBlock>()
        for part in text.split(separator: ",") {
            let p = part.split(separator: ":")
            guard p.count == 2, let d = Int(p[0]), let b = OfficeBlock(rawValue: String(p[1])) else { return nil }
            blocks.insert(PlannedBlock(weekday: d, block: b))
        }
        self.init(blocks: blocks)
    }
}
