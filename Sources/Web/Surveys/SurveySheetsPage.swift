import Domain
import Foundation
import Persistence

/// 答卷明细: a round's completed questionnaires, one row each — grid, channel, time and every
/// answer in words — with no household or person named, fifty to a page.
extension SurveyPages {
    static func answerText(_ t: Texts, _ body: QuestionnaireBody, _ q: Question, _ values: [String]) -> String {
        guard !values.isEmpty else { return "—" }
        switch q.kind {
        case .text: return values.joined(separator: " ")
        case .yesNo: return values.map { t("survey.answer.\($0)") }.joined(separator: "、")
        case .rating: return values.joined(separator: "、")
        case .single, .multiple: return q.codes.filter(values.contains).map { body.label(q.key, $0) }.joined(separator: "、")
        }
    }

    /// Every completed questionnaire as a spreadsheet: a column per question, headed by its wording.
    static func sheetsTable(_ t: Texts, _ s: AnsweredSheets) -> ExportTable {
        let body = s.definition
        return ExportTable(title: "\(s.round.name) \(t("survey.sheets"))",
                           headers: [t("survey.sampleNo"), t("survey.grid"), t("survey.channel"), t("survey.completedAt")] + body.questions.enumerated().map { "\($0 + 1). \($1.prompt)" },
                           rows: s.sheets.map { sheet in
            [.number(Double(sheet.sampleID)), .text(sheet.gridName), .text(sheet.channel.map { t("surveyChannel.\($0.rawValue)") } ?? ""),
             .text(sheet.completedAt.map(ChinaTime.minute) ?? "")] + body.questions.map { q in .text(answerText(t, body, q, sheet.answers[q.key] ?? [])) }
        })
    }

    static func sheets(_ ctx: PageContext, _ s: AnsweredSheets, unitQuery: String?) -> HTMLPage {
        let t = ctx.t, body = s.definition
        var page: HTML = "<p class=\"muted\">\(t("survey.sheetsHint"))</p>"
        let first = (s.page - 1) * s.perPage
        let range = t("survey.sheetsRange", s.sheets.isEmpty ? "0" : "\(first + 1)–\(first + s.sheets.count)", String(s.total))
        page += "<p>\(range)</p>"
        page += ExportTable.links(t, to: .surveySheetsExport(s.round.id), query: unitQuery ?? "")
        // Columns are headed by the questions' numbers; the wording is listed once above.
        page += "<ol class=\"muted\">" + body.questions.map { HTML("<li>\($0.prompt)</li>") }.joined() + "</ol>"
        page += "<div class=\"sheets\">" + Layout.table([t("survey.sampleNo"), t("survey.grid"), t("survey.channel"), t("survey.completedAt")] + body.questions.indices.map { "\($0 + 1)" },
                             s.sheets.map { sheet in
            [HTML.text("#\(sheet.sampleID)"), HTML.text(sheet.gridName), HTML.text(sheet.channel.map { t("surveyChannel.\($0.rawValue)") } ?? ""),
             HTML.text(sheet.completedAt.map(ChinaTime.minute) ?? "")]
                + body.questions.map { q in HTML.text(answerText(t, body, q, sheet.answers[q.key] ?? [])) }
        }, empty: t("survey.noSheets")) + "</div>"
        func link(_ p: Int, _ key: String) -> HTML {
            Layout.link(Site.surveySheets(s.round.id, ([unitQuery, "page=\(p)"] as [String?]).compactMap { $0 }.joined(separator: "&")).path, t(key))
        }
        var pager: [HTML] = []
        if s.page > 1 { pager.append(link(s.page - 1, "survey.pagePrevious")) }
        if first + s.sheets.count < s.total { pager.append(link(s.page + 1, "survey.pageNext")) }
        if !pager.isEmpty { page += "<p class=\"pager\">" + pager.joined(separator: " · ") + "</p>" }
        return HTMLPage(html: Layout.page(ctx, title: "\(s.round.name) · \(t("survey.sheets"))", page))
    }
}
