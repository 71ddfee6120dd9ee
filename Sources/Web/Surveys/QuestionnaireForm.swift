import Domain
import Foundation
import Vapor

/// A questionnaire as a form, the same for a caller typing in answers and for a resident on
/// a one-time link. Every answer is named `a.<question>` (a multiple choice repeats it). A
/// question asked only after an earlier answer says so; the server drops it otherwise.
enum QuestionnaireForm {
    static func fields(_ t: Texts, _ body: QuestionnaireBody, values: [String: [String]]) -> HTML {
        body.questions.enumerated().map { i, q -> HTML in
            let name = "a.\(q.key)", chosen = values[q.key] ?? []
            var legend: HTML = "\(i + 1). \(q.prompt)" + (q.required && q.askIf == nil ? HTML(" <span class=\"req\">*</span>") : "")
            if let c = q.askIf, let earlier = body.question(c.question) {
                legend += HTML("<small>\(t("survey.askIf", earlier.prompt, c.answers.map { body.label(c.question, $0) == $0 ? t("survey.answer.\($0)") : body.label(c.question, $0) }.joined(separator: "、")))</small>")
            }
            let input: HTML
            switch q.kind {
            case .text:
                input = "<textarea name=\"\(name)\" rows=\"3\" maxlength=\"\(QuestionnaireRules.maxText)\">\(chosen.first ?? "")</textarea>"
            case .single, .multiple, .yesNo, .rating:
                let type = q.kind == .multiple ? "checkbox" : "radio"
                input = "<div class=\"choices\(q.kind == .rating ? " rating" : "")\">" + q.codes.map { code -> HTML in
                    let label = q.kind == .single || q.kind == .multiple ? body.label(q.key, code) : q.kind == .rating ? code : t("survey.answer.\(code)")
                    return "<label class=\"check\"><input type=\"\(type)\" name=\"\(name)\" value=\"\(code)\"\(chosen.contains(code) ? " checked" : "")> \(label)</label>"
                }.joined() + "</div>"
            }
            return "<fieldset class=\"question\" id=\"q-\(q.key)\"><legend>\(legend)</legend>\(input)</fieldset>"
        }.joined()
    }

    /// The answers in a posted form body, by question: `a.security=safe&a.concerns=theft&a.concerns=fraud`.
    static func answers(_ req: Request) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (name, value) in formPairs(req) where name.hasPrefix("a.") {
            out[String(name.dropFirst(2)), default: []].append(value)
        }
        return out
    }

    /// Every `name=value` of an urlencoded body, repeated names kept in order.
    static func formPairs(_ req: Request) -> [(String, String)] {
        guard let body = req.body.string else { return [] }
        return body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func labels(_ t: Texts, _ body: QuestionnaireBody) -> [String: String] {
        var out = ["token": t("survey.link"), "round": t("survey.round"), "outcome": t("survey.callOutcome"), "callbackAt": t("survey.callbackAt"), "note": t("survey.note")]
        for (i, q) in body.questions.enumerated() { out["answers.\(q.key)"] = "\(i + 1). \(q.prompt)" }
        out["answers"] = t("survey.answers")
        return out
    }
}
