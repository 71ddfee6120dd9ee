/// 编辑问卷 as a leader fills in the form: questions by their wording, choices by their labels
/// one per line, conditions and rates by the labels of the answers they name. The codes answers
/// are stored under stay those of the version edited, and new ones are made for what is new, so
/// a new version's results still line up with the last one's.
public struct QuestionDraft: Sendable, Equatable {
    /// Empty for a question added on this form.
    public var key: String
    public var kind: String
    public var prompt: String
    /// Single and multiple choice: one label per line.
    public var choices: String
    public var required: Bool
    /// The earlier question's key, or empty when always asked.
    public var askIf: String
    /// The earlier answers that make it asked, by label.
    public var askIfAnswers: String
    public var removed: Bool

    public init(key: String = "", kind: String = QuestionKind.single.rawValue, prompt: String = "", choices: String = "", required: Bool = true,
                askIf: String = "", askIfAnswers: String = "", removed: Bool = false) {
        self.key = key; self.kind = kind; self.prompt = prompt; self.choices = choices; self.required = required
        self.askIf = askIf; self.askIfAnswers = askIfAnswers; self.removed = removed
    }

    /// A blank row left blank adds nothing.
    public var isBlank: Bool { key.isEmpty && prompt.trimmed.isEmpty }
}

/// A rate as the form holds it: its question, the answers that count, the answers left out of
/// the valid ones (说不清) — answers by label.
public struct RateDraft: Sendable, Equatable {
    public var question: String
    public var counted: String
    public var excluded: String
    public init(question: String = "", counted: String = "", excluded: String = "") { self.question = question; self.counted = counted; self.excluded = excluded }
}

public struct QuestionnaireDraft: Sendable, Equatable {
    public var name: String
    public var questions: [QuestionDraft]
    public var security: RateDraft
    public var satisfaction: RateDraft

    public init(name: String, questions: [QuestionDraft], security: RateDraft, satisfaction: RateDraft) {
        self.name = name; self.questions = questions; self.security = security; self.satisfaction = satisfaction
    }

    /// The form filled in with a saved version.
    public init(name: String, _ body: QuestionnaireBody) {
        func labels(_ key: String, _ codes: [String]) -> String { codes.map { QuestionnaireDraft.label(body.question(key), $0) }.joined(separator: "、") }
        func rate(_ r: RateDefinition) -> RateDraft {
            RateDraft(question: r.question, counted: labels(r.question, r.counted),
                      excluded: labels(r.question, (body.question(r.question)?.codes ?? []).filter { !r.valid.contains($0) }))
        }
        self.init(name: name, questions: body.questions.map { q in
            QuestionDraft(key: q.key, kind: q.kind.rawValue, prompt: q.prompt, choices: q.choices.map(\.label).joined(separator: "\n"), required: q.required,
                          askIf: q.askIf?.question ?? "", askIfAnswers: q.askIf.map { labels($0.question, $0.answers) } ?? "")
        }, security: rate(body.security), satisfaction: rate(body.satisfaction))
    }

    /// Labels of the fixed answers: 是 / 否, and the ratings' own digits.
    static let yesNoLabels = ["yes": "是", "no": "否"]

    static func label(_ q: Question?, _ code: String) -> String {
        guard let q else { return code }
        switch q.kind {
        case .yesNo: return yesNoLabels[code] ?? code
        case .single, .multiple: return q.choices.first { $0.code == code }?.label ?? code
        case .rating, .text: return code
        }
    }

    /// A list of labels as typed: one per line, or separated by 、 or commas.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { "\n\r、，,".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// The questionnaire this form describes, `previous` being the version edited (its codes are
    /// kept). Errors name the form's fields: `q3.choices` is the fourth row's choices.
    public func body(previous: QuestionnaireBody?) -> Result<QuestionnaireBody, ValidationFailure> {
        var errors: [FieldError] = []
        var questions: [Question] = [], rows: [Int] = []   // rows[i]: the form row of questions[i]
        var used = Set((previous?.questions ?? []).map(\.key) + self.questions.map(\.key))
        func fresh(_ prefix: String, _ taken: Set<String>) -> String {
            var n = 1
            while taken.contains("\(prefix)\(n)") { n += 1 }
            return "\(prefix)\(n)"
        }
        for (i, d) in self.questions.enumerated() where !d.removed && !d.isBlank {
            guard let kind = QuestionKind(rawValue: d.kind) else { errors.append(FieldError(field: "q\(i).kind", problem: .invalidChoice)); continue }
            let key = d.key.isEmpty ? fresh("q", used) : d.key
            used.insert(key)
            var choices: [Choice] = []
            if kind == .single || kind == .multiple {
                let old = previous?.question(d.key)?.choices ?? []
                var codes = Set(old.map(\.code))
                // One per line: a label may itself hold 、 ("民警、辅警").
                let labels = d.choices.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
                for label in labels where !choices.contains(where: { $0.label == label }) {
                    if let kept = old.first(where: { $0.label == label }) { choices.append(kept); continue }
                    let code = fresh("c", codes)
                    codes.insert(code)
                    choices.append(Choice(code, label))
                }
            }
            questions.append(Question(key: key, kind: kind, prompt: d.prompt.trimmed, choices: choices, required: d.required))
            rows.append(i)
        }
        // Conditions and rates name answers by label; a label the question does not have is refused.
        func codes(_ labels: String, of key: String) -> [String]? {
            guard let q = questions.first(where: { $0.key == key }) else { return nil }
            var out: [String] = []
            for label in Self.list(labels) {
                guard let code = q.codes.first(where: { $0 == label || Self.label(q, $0) == label }) else { return nil }
                if !out.contains(code) { out.append(code) }
            }
            return out
        }
        for (j, i) in rows.enumerated() where !self.questions[i].askIf.isEmpty {
            let d = self.questions[i]
            guard let answers = codes(d.askIfAnswers, of: d.askIf) else { errors.append(FieldError(field: "q\(i).askIf", problem: .invalidChoice)); continue }
            questions[j].askIf = AskIf(question: d.askIf, answers: answers)
        }
        func rate(_ field: String, _ r: RateDraft) -> RateDefinition {
            guard let counted = codes(r.counted, of: r.question), let excluded = codes(r.excluded, of: r.question) else {
                errors.append(FieldError(field: field, problem: .invalidChoice))
                return RateDefinition(question: r.question, counted: [], valid: [])
            }
            let all = questions.first { $0.key == r.question }?.codes ?? []
            return RateDefinition(question: r.question, counted: counted, valid: all.filter { !excluded.contains($0) })
        }
        let body = QuestionnaireBody(questions: questions, security: rate("security", security), satisfaction: rate("satisfaction", satisfaction))
        // The questionnaire's own rules, their fields renamed to the form's rows.
        for e in QuestionnaireRules.errors(name: name, body) where !errors.contains(where: { $0.field == e.field }) {
            var e = e
            if e.field.hasPrefix("questions["), let close = e.field.firstIndex(of: "]"), let j = Int(e.field.dropFirst(10).prefix(while: { $0 != "]" })), j < rows.count {
                e.field = "q\(rows[j])" + e.field[e.field.index(after: close)...]
            }
            errors.append(e)
        }
        return errors.isEmpty ? .success(body) : .failure(ValidationFailure(errors))
    }
}
