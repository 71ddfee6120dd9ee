import Foundation

/// 早中晚点名: three a day (seed 002).
public enum RollCallSlot: String, Sendable, Codable, CaseIterable {
    case morning, noon, evening
}

/// Where each person was at a roll call.
public enum RollCallStatus: String, Sendable, Codable, CaseIterable {
    case present            // 在岗
    case leave              // 请假
    case elsewhere          // 外出执勤
}

public struct RollCallInput: Sendable, Codable, Equatable {
    /// `2026-12-05`.
    public var day: String
    public var slot: String
    /// Each person of the station called, and where they were.
    public var attendance: [Int64: String]
    /// What was stressed (部署、强调事项).
    public var note: String
    public init(day: String, slot: String, attendance: [Int64: String], note: String = "") {
        self.day = day; self.slot = slot; self.attendance = attendance; self.note = note
    }

    private enum CodingKeys: String, CodingKey { case day, slot, attendance, note }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decode([String: String].self, forKey: .attendance)
        var attendance: [Int64: String] = [:]
        for (k, v) in raw {
            guard let id = Int64(k) else { throw DecodingError.dataCorruptedError(forKey: .attendance, in: c, debugDescription: "keys are user ids") }
            attendance[id] = v
        }
        self.init(day: try c.decode(String.self, forKey: .day), slot: try c.decode(String.self, forKey: .slot), attendance: attendance,
                  note: try c.decodeIfPresent(String.self, forKey: .note) ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(day, forKey: .day); try c.encode(slot, forKey: .slot); try c.encode(note, forKey: .note)
        try c.encode(Dictionary(uniqueKeysWithValues: attendance.map { (String($0.key), $0.value) }), forKey: .attendance)
    }
}

public struct ValidRollCall: Sendable, Equatable {
    public var day: String
    public var slot: RollCallSlot
    public var attendance: [Int64: RollCallStatus]
    public var note: String
}

public enum RollCallRules {
    public static let maxNote = 1_000

    /// `today`: a roll call is recorded when it is held, not ahead of it.
    public static func validate(_ input: RollCallInput, today: String) -> Result<ValidRollCall, ValidationFailure> {
        var errors: [FieldError] = []
        let day = input.day.trimmed
        if CivilDate.dayNumber(day) == nil { errors.append(FieldError(field: "day", problem: .invalidDate)) } else if day > today { errors.append(FieldError(field: "day", problem: .inFuture)) }
        let slot = RollCallSlot(rawValue: input.slot)
        if slot == nil { errors.append(FieldError(field: "slot", problem: .invalidChoice)) }
        var attendance: [Int64: RollCallStatus] = [:]
        for (id, raw) in input.attendance.sorted(by: { $0.key < $1.key }) {
            if let a = RollCallStatus(rawValue: raw) { attendance[id] = a } else { errors.append(FieldError(field: "attendance.\(id)", problem: .invalidChoice)) }
        }
        if input.attendance.isEmpty { errors.append(FieldError(field: "attendance", problem: .required)) }
        let note = input.note.trimmed
        if note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        guard errors.isEmpty, let slot else { return .failure(ValidationFailure(errors)) }
        return .success(ValidRollCall(day: day, slot: slot, attendance: attendance, note: note))
    }

    /// Roll calls expected of `stations` over `days` days: three a day each.
    public static func expected(days: Int, stations: Int) -> Int { max(0, days) * RollCallSlot.allCases.count * max(0, stations) }
}
