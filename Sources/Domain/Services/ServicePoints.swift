/// 服务点: a bus station's 旅客联动服务平台 (seed 001), the 365-day 户政大厅 (seed 004). What
/// their staff do for people passing through, counted by kind.
public enum ServicePointService: String, Sendable, Codable, CaseIterable {
    case directions          // 指路问询
    case lostFound = "lost_found"   // 失物招领
    case certificate         // 开具证明
    case help                // 求助帮扶
}

public struct ServicePointLogInput: Sendable, Codable, Equatable {
    public var placeID: Int64
    public var kind: String
    /// How many were served at once (a family asking the way counts once; three certificates, three).
    public var count: Int
    public var note: String
    public init(placeID: Int64, kind: String, count: Int = 1, note: String = "") { self.placeID = placeID; self.kind = kind; self.count = count; self.note = note }
}

public enum ServicePointRules {
    public static let maxCount = 999, maxNote = 500

    public static func errors(_ input: ServicePointLogInput) -> [FieldError] {
        var errors: [FieldError] = []
        if ServicePointService(rawValue: input.kind) == nil { errors.append(FieldError(field: "kind", problem: input.kind.isEmpty ? .required : .invalidChoice)) }
        if !(1...maxCount).contains(input.count) { errors.append(FieldError(field: "count", problem: input.count < 1 ? .negativeAmount : .tooLarge)) }
        if input.note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        return errors
    }
}
