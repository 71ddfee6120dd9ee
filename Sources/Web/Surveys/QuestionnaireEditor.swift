import Domain
import Foundation
import Persistence
import Vapor

/// 编辑问卷 on the web: every question a row of the form (wording, type, choices one per line,
/// required, the earlier answer it waits on), a few blank rows to add questions, and the two
/// rates by the labels of the answers they count. Fields are `q<row>.<part>`.
enum QuestionnaireEditor {
    /// Blank rows offered for new questions; saving with them filled offers as many again.
    static let blankRows = 3

    /// The draft in a posted form (rows in the order they were numbered).
    static func draft(_ pairs: [(String, String)]) -> QuestionnaireDraft {
        var fields: [String: String] = [:]
        for (name, value) in pairs { fields[name] = value }
        let rows = Set(pairs.compactMap { name, _ -> Int? in
            guard name.hasPrefix("q"), let dot = name.firstIndex(of: ".") else { return nil }
            return Int(name[name.index(after: name.startIndex)..<dot])
        }).filter { $0 < QuestionnaireRules.maxQuestions + blankRows }.sorted()
        func rate(_ name: String) -> RateDraft {
            RateDraft(question: fields["\(name).question"] ?? "", counted: fields["\(name).counted"] ?? "", excluded: fields["\(name).excluded"] ?? "")
        }
        return QuestionnaireDraft(name: fields["name"] ?? "", questions: rows.map { i in
            func f(_ part: String) -> String { fields["q\(i).\(part)"] ?? "" }
            return QuestionDraft(key: f("key"), kind: f("kind"), prompt: f("prompt"), choices: f("choices"), required: f("required") == "on",
                                 askIf: f("askIf"), askIfAnswers: f("askIfAnswers"), removed: f("removed") == "on")
        }, security: rate("security"), satisfaction: rate("satisfaction"))
    }

    /// What an error's field is called on the page: "第 4 题 · 选项".
    static func labels(_ t: Texts, _ draft: QuestionnaireDraft) -> [String: String] {
        var out = ["name": t("survey.questionnaireName"), "security": t("survey.security"), "satisfaction": t("survey.satisfaction"), "questions": t("survey.questionsField")]
        for i in draft.questions.indices {
            for (part, key) in [("key", "survey.prompt"), ("kind", "survey.kind"), ("prompt", "survey.prompt"), ("choices", "survey.choicesField"), ("askIf", "survey.askIfField")] {
                out["q\(i).\(part)"] = t("survey.questionN", String(i + 1)) + " · " + t(key)
            }
        }
        return out
    }

    static func page(_ ctx: PageContext, _ q: QuestionnaireView, _ draft: QuestionnaireDraft, saveAsNew: Bool, errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        // The rows as posted (or saved), then blank ones to add to.
        var rows = draft.questions
        while rows.last?.isBlank == true { rows.removeLast() }
        rows += (0..<blankRows).map { _ in QuestionDraft() }
        let earlier = draft.questions.filter { !$0.key.isEmpty }
        var body: HTML = Layout.errors(t, errors, labels: labels(t, draft))
        body += "<p class=\"muted\">\(t(q.locked ? "survey.editLocked" : "survey.editInPlace", "v\(q.version)"))<br>\(t("survey.labelsHint"))</p>"
        var fields: HTML = Layout.field("name", label: t("survey.questionnaireName"), value: draft.name, extra: "required maxlength=\"\(QuestionnaireRules.maxName)\"")
        for (i, d) in rows.enumerated() {
            let isNew = d.key.isEmpty
            let kinds = QuestionKind.allCases.map { ($0.rawValue, t("questionKind.\($0.rawValue)")) }
            let conditions = [("", t("survey.alwaysAsked"))] + earlier.filter { $0.key != d.key }.map { ($0.key, $0.prompt) }
            fields += "<fieldset class=\"question\" id=\"edit-q\(i)\"><legend>\(isNew ? t("survey.newQuestion") : t("survey.questionN", String(i + 1)))</legend>"
                + "<input type=\"hidden\" name=\"q\(i).key\" value=\"\(d.key)\">"
                + Layout.field("q\(i).prompt", label: t("survey.prompt"), value: d.prompt, extra: "maxlength=\"\(QuestionnaireRules.maxPrompt)\"")
                + "<div class=\"fields-row\">" + Layout.select("q\(i).kind", label: t("survey.kind"), options: kinds, selected: d.kind)
                + Layout.select("q\(i).askIf", label: t("survey.askIfField"), options: conditions, selected: d.askIf)
                + Layout.field("q\(i).askIfAnswers", label: t("survey.askIfAnswers"), value: d.askIfAnswers, extra: "placeholder=\"\(t("survey.labelsExample"))\"") + "</div>"
                + "<label>\(t("survey.choicesField"))<textarea name=\"q\(i).choices\" rows=\"3\" placeholder=\"\(t("survey.choicesHint"))\">\(d.choices)</textarea></label>"
                + "<label class=\"check\"><input type=\"checkbox\" name=\"q\(i).required\"\(d.required ? " checked" : "")> \(t("survey.required"))</label>"
                + (isNew ? "" : "<label class=\"check\"><input type=\"checkbox\" name=\"q\(i).removed\"\(d.removed ? " checked" : "")> \(t("survey.removeQuestion"))</label>")
                + "</fieldset>"
        }
        let choiceQuestions = earlier.filter { $0.kind != QuestionKind.multiple.rawValue && $0.kind != QuestionKind.text.rawValue }.map { ($0.key, $0.prompt) }
        for (name, rate) in [("security", draft.security), ("satisfaction", draft.satisfaction)] {
            fields += "<fieldset class=\"rate\" id=\"edit-\(name)\"><legend>\(t("survey.\(name)"))</legend>"
                + "<div class=\"fields-row\">" + Layout.select("\(name).question", label: t("survey.rateQuestion"), options: choiceQuestions, selected: rate.question)
                + Layout.field("\(name).counted", label: t("survey.countedAnswers"), value: rate.counted)
                + Layout.field("\(name).excluded", label: t("survey.excludedAnswers"), value: rate.excluded) + "</div>"
                + "<p class=\"muted\">\(t("survey.excludedHint"))</p></fieldset>"
        }
        fields += "<label class=\"check\"><input type=\"checkbox\" name=\"saveAsNew\"\(saveAsNew ? " checked" : "")> \(t("survey.saveAsNew"))</label>"
        body += ctx.form(action: Site.questionnaireEdit(q.id).path, fields + "<button type=\"submit\">\(t("survey.saveQuestionnaire"))</button>", class: "card questionnaire-editor")
        return HTMLPage(html: Layout.page(ctx, title: "\(t("survey.editQuestionnaire")) · \(q.name)", body), status: status)
    }
}
