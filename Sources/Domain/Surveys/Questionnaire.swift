/// 问卷: the questions, in order, and which answers count for the two rates leaders are judged
/// on (群众安全感, 满意度). A questionnaire is versioned: once a round has used a version it is
/// never changed again (see `QuestionnaireRules.revision`).
public enum QuestionKind: String, Sendable, Codable, CaseIterable {
    case single               // 单选
    case multiple             // 多选
    case rating               // 1–5 分
    case yesNo = "yes_no"     // 是 / 否
    case text                 // 文字
}

public struct Choice: Sendable, Codable, Equatable {
    public var code: String
    public var label: String
    public init(_ code: String, _ label: String) { self.code = code; self.label = label }
}

/// Asked only when an earlier question was answered with one of `answers` (跳题).
public struct AskIf: Sendable, Codable, Equatable {
    public var question: String
    public var answers: [String]
    public init(question: String, answers: [String]) { self.question = question; self.answers = answers }
}

public struct Question: Sendable, Codable, Equatable {
    public var key: String
    public var kind: QuestionKind
    public var prompt: String
    /// Single and multiple choice only; yes/no and ratings have their fixed codes.
    public var choices: [Choice]
    public var required: Bool
    public var askIf: AskIf?
    public init(key: String, kind: QuestionKind, prompt: String, choices: [Choice] = [], required: Bool = true, askIf: AskIf? = nil) {
        self.key = key; self.kind = kind; self.prompt = prompt; self.choices = choices; self.required = required; self.askIf = askIf
    }

    public static let ratingCodes = ["1", "2", "3", "4", "5"]
    public static let yesNoCodes = ["yes", "no"]

    /// Every answer code this question takes (none for free text).
    public var codes: [String] {
        switch kind {
        case .single, .multiple: choices.map(\.code)
        case .rating: Self.ratingCodes
        case .yesNo: Self.yesNoCodes
        case .text: []
        }
    }
}

/// A rate's definition, kept with the questionnaire and shown next to the figure: the answers
/// that count (安全 / 比较安全) over the answers that are valid (all but 说不清).
public struct RateDefinition: Sendable, Codable, Equatable {
    public var question: String
    public var counted: [String]
    public var valid: [String]
    public init(question: String, counted: [String], valid: [String]) { self.question = question; self.counted = counted; self.valid = valid }

    /// True / false for a valid answer, nil when the answer is not counted at all (说不清, skipped).
    public func classify(_ answers: [String: [String]]) -> Bool? {
        guard let a = answers[question]?.first, valid.contains(a) else { return nil }
        return counted.contains(a)
    }
}

public struct QuestionnaireBody: Sendable, Codable, Equatable {
    public var questions: [Question]
    public var security: RateDefinition
    public var satisfaction: RateDefinition
    public init(questions: [Question], security: RateDefinition, satisfaction: RateDefinition) {
        self.questions = questions; self.security = security; self.satisfaction = satisfaction
    }

    public func question(_ key: String) -> Question? { questions.first { $0.key == key } }
    public func label(_ key: String, _ code: String) -> String {
        guard let q = question(key) else { return code }
        return q.choices.first { $0.code == code }?.label ?? code
    }
}

extension QuestionnaireBody {
    /// 双提升 standard questionnaire, as the bureau's survey team asks it by phone.
    public static let standard = QuestionnaireBody(
        questions: [
            Question(key: "security", kind: .single, prompt: "您觉得您所在地区的社会治安状况怎么样？",
                     choices: [Choice("safe", "安全"), Choice("fairly_safe", "比较安全"), Choice("not_very_safe", "不太安全"), Choice("unsafe", "不安全"), Choice("unsure", "说不清")]),
            Question(key: "satisfaction", kind: .single, prompt: "您对公安机关的工作满意吗？",
                     choices: [Choice("satisfied", "满意"), Choice("fairly_satisfied", "比较满意"), Choice("not_very_satisfied", "不太满意"),
                               Choice("unsatisfied", "不满意"), Choice("unaware", "不了解")]),
            Question(key: "sees_police", kind: .single, prompt: "您在住处附近能经常看到民警、辅警或警车巡逻吗？",
                     choices: [Choice("often", "经常看到"), Choice("sometimes", "有时看到"), Choice("rarely", "很少看到"), Choice("never", "从未看到")]),
            Question(key: "knows_officer", kind: .yesNo, prompt: "您知道您所在社区（村）的社区民警吗？"),
            Question(key: "officer_visited", kind: .yesNo, prompt: "社区民警到您家走访过吗？", askIf: AskIf(question: "knows_officer", answers: ["yes"])),
            Question(key: "officer_rating", kind: .rating, prompt: "请给社区民警的工作打分（1–5 分）", required: false,
                     askIf: AskIf(question: "knows_officer", answers: ["yes"])),
            Question(key: "concerns", kind: .multiple, prompt: "您最关心哪些治安问题？（可多选）",
                     choices: [Choice("theft", "盗窃"), Choice("fraud", "电信网络诈骗"), Choice("traffic", "交通秩序"), Choice("disputes", "邻里纠纷"),
                               Choice("noise", "噪声扰民"), Choice("other", "其他")], required: false),
            Question(key: "suggestion", kind: .text, prompt: "您对公安工作还有什么意见建议？", required: false),
        ],
        security: RateDefinition(question: "security", counted: ["safe", "fairly_safe"], valid: ["safe", "fairly_safe", "not_very_safe", "unsafe"]),
        satisfaction: RateDefinition(question: "satisfaction", counted: ["satisfied", "fairly_satisfied"],
                                     valid: ["satisfied", "fairly_satisfied", "not_very_satisfied", "unsatisfied"]))
}

public enum QuestionnaireRules {
    public static let maxQuestions = 60, maxPrompt = 200, maxChoices = 20, maxLabel = 60, maxText = 500, maxName = 60, maxCode = 40

    /// Field by field, why a questionnaire cannot be saved. Fields are `questions[i].…`.
    public static func errors(name: String, _ body: QuestionnaireBody) -> [FieldError] {
        var errors: [FieldError] = []
        if name.trimmed.isEmpty { errors.append(FieldError(field: "name", problem: .required)) }
        else if name.count > maxName { errors.append(FieldError(field: "name", problem: .tooLong)) }
        if body.questions.isEmpty { errors.append(FieldError(field: "questions", problem: .required)) }
        if body.questions.count > maxQuestions { errors.append(FieldError(field: "questions", problem: .tooLarge)) }
        var seen: [String: Question] = [:]
        for (i, q) in body.questions.enumerated() {
            let f = "questions[\(i)]"
            if q.key.isEmpty || q.key.count > maxCode || !q.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                errors.append(FieldError(field: "\(f).key", problem: .invalidCode))
            } else if seen[q.key] != nil { errors.append(FieldError(field: "\(f).key", problem: .duplicateCode)) }
            if q.prompt.trimmed.isEmpty { errors.append(FieldError(field: "\(f).prompt", problem: .required)) }
            else if q.prompt.count > maxPrompt { errors.append(FieldError(field: "\(f).prompt", problem: .tooLong)) }
            switch q.kind {
            case .single, .multiple:
                let codes = q.choices.map(\.code)
                if q.choices.count < 2 || q.choices.count > maxChoices || Set(codes).count != codes.count
                    || q.choices.contains(where: { $0.code.isEmpty || $0.code.count > maxCode || $0.label.trimmed.isEmpty || $0.label.count > maxLabel }) {
                    errors.append(FieldError(field: "\(f).choices", problem: .invalidChoice))
                }
            case .rating, .yesNo, .text:
                if !q.choices.isEmpty { errors.append(FieldError(field: "\(f).choices", problem: .invalidChoice)) }
            }
            // A condition looks back only, at a question with fixed answers.
            if let c = q.askIf, seen[c.question].map({ earlier in c.answers.isEmpty || c.answers.count > maxChoices || !c.answers.allSatisfy(earlier.codes.contains) }) ?? true {
                errors.append(FieldError(field: "\(f).askIf", problem: .invalidChoice))
            }
            seen[q.key] = q
        }
        for (field, rate) in [("security", body.security), ("satisfaction", body.satisfaction)] {
            guard let q = seen[rate.question], q.kind == .single || q.kind == .yesNo || q.kind == .rating, !rate.valid.isEmpty,
                  rate.valid.count <= maxChoices, rate.counted.count <= maxChoices, rate.valid.allSatisfy(q.codes.contains), rate.counted.allSatisfy(rate.valid.contains) else {
                errors.append(FieldError(field: field, problem: .invalidChoice)); continue
            }
        }
        return errors
    }

    /// Where an edit goes: a version no round has used is changed in place; one a round has
    /// used is locked, and the edit becomes the next version.
    public enum Revision: Equatable, Sendable { case inPlace(version: Int), newVersion(Int) }

    public static func revision(latestVersion: Int, usedByRound: Bool) -> Revision {
        usedByRound ? .newVersion(latestVersion + 1) : .inPlace(version: latestVersion)
    }
}
