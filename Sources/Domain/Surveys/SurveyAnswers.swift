/// One respondent's answers, checked against the questionnaire: skip logic first (a question
/// whose condition is not met is not asked, and whatever was sent for it is dropped), then
/// required answers, then each answer against its question's choices.
public enum SurveyAnswers {
    /// `raw` is by question key; a single answer is a one-element list. Gives back the answers
    /// kept (trimmed text, no skipped or empty questions) or every field refused, as
    /// `answers.<key>`.
    public static func validate(_ body: QuestionnaireBody, _ raw: [String: [String]]) -> Result<[String: [String]], ValidationFailure> {
        var errors: [FieldError] = []
        for key in raw.keys.sorted() where body.question(key) == nil {
            errors.append(FieldError(field: "answers.\(key)", problem: .unknownQuestion))
        }
        var kept: [String: [String]] = [:]
        for q in body.questions {
            if let c = q.askIf, !(kept[c.question] ?? []).contains(where: c.answers.contains) { continue }
            let field = "answers.\(q.key)"
            let given = (raw[q.key] ?? []).map(\.trimmed).filter { !$0.isEmpty }
            if given.isEmpty {
                if q.required { errors.append(FieldError(field: field, problem: .required)) }
                continue
            }
            switch q.kind {
            case .text:
                let text = given.joined(separator: "\n")
                if text.count > QuestionnaireRules.maxText { errors.append(FieldError(field: field, problem: .tooLong)) }
                else if !InputText.isAcceptable(text) { errors.append(FieldError(field: field, problem: .controlCharacter)) }
                else { kept[q.key] = [text] }
            case .multiple:
                if !given.allSatisfy(q.codes.contains) || Set(given).count != given.count { errors.append(FieldError(field: field, problem: .invalidChoice)) }
                else { kept[q.key] = q.codes.filter(given.contains) }
            case .single, .yesNo, .rating:
                if given.count != 1 || !q.codes.contains(given[0]) {
                    errors.append(FieldError(field: field, problem: q.kind == .rating ? .outOfRange : .invalidChoice))
                } else { kept[q.key] = given }
            }
        }
        return errors.isEmpty ? .success(kept) : .failure(ValidationFailure(errors))
    }
}

/// A rate over valid answers, in percent; nil when nothing valid was answered (shown "—",
/// never 0 % or 100 %).
public struct SurveyRate: Sendable, Codable, Equatable {
    public var counted: Int
    public var valid: Int
    public init(counted: Int, valid: Int) { self.counted = counted; self.valid = valid }
    public var percent: Double? { valid == 0 ? nil : Double(counted) * 100 / Double(valid) }

    /// Adds up one answer classified by a `RateDefinition`.
    public mutating func add(_ classified: Bool?) {
        guard let c = classified else { return }
        valid += 1
        if c { counted += 1 }
    }
    public static func + (a: SurveyRate, b: SurveyRate) -> SurveyRate { SurveyRate(counted: a.counted + b.counted, valid: a.valid + b.valid) }
    public static let zero = SurveyRate(counted: 0, valid: 0)
}

extension SurveyRate {
    public var text: String { Percent.text(counted, of: valid) }

    /// The change from an earlier rate in percentage points, one decimal ("+2.5", "−1.0"); nil
    /// when either has nothing valid.
    public func change(from earlier: SurveyRate?) -> String? {
        guard let now = percent, let before = earlier?.percent else { return nil }
        let tenths = Int(((now - before) * 10).rounded())
        return (tenths > 0 ? "+" : tenths < 0 ? "−" : "±") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
