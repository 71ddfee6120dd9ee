/// 接待咨询: a walk-in at the office, logged in two taps — what it was about, and what came of it.
public enum ConsultationOutcome: String, Sendable, Codable, CaseIterable {
    case answered       // 当场解答
    case request        // 转为诉求
    case appointment    // 转为预约
}

public struct ConsultationInput: Sendable, Codable, Equatable {
    /// A service kind's code (户口迁入 / 迁出咨询 …).
    public var topic: String
    public var outcome: String
    /// Nil for an anonymous visitor.
    public var residentID: Int64?
    public var note: String
    public init(topic: String, outcome: String, residentID: Int64? = nil, note: String = "") {
        self.topic = topic; self.outcome = outcome; self.residentID = residentID; self.note = note
    }
}

public enum ConsultationRules {
    public static let maxNote = 500

    /// Field by field, why a consultation is refused.
    public static func errors(_ input: ConsultationInput, kinds: [ServiceKind]) -> [FieldError] {
        var errors: [FieldError] = []
        if !kinds.contains(where: { $0.code == input.topic }) { errors.append(FieldError(field: "topic", problem: input.topic.isEmpty ? .required : .invalidChoice)) }
        if ConsultationOutcome(rawValue: input.outcome) == nil { errors.append(FieldError(field: "outcome", problem: input.outcome.isEmpty ? .required : .invalidChoice)) }
        if input.note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        return errors
    }
}
