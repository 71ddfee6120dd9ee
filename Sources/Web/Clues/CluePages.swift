import Domain
import Foundation
import Persistence
import Vapor

/// 线索: the list, the registration form and a clue's page, phone first. The informant is
/// named only to those who may know; others read 信息员（保密）.
enum CluePages {
    static func badge(_ t: Texts, _ c: ClueView) -> HTML {
        "<span class=\"status c-\(c.outcome.rawValue)\">\(t("clueOutcome.\(c.outcome.rawValue)"))</span>"
    }

    static func informant(_ t: Texts, _ c: ClueView) -> String {
        if let name = c.informantName { return name }
        return c.informantWithheld ? t("clue.withheld") : ""
    }

    static func table(_ t: Texts, _ clues: [ClueView]) -> ExportTable {
        ExportTable(title: t("clue.title"), headers: ["#", t("clue.receivedAt"), t("clue.summary"), t("clue.source"), t("clue.informant"), t("dispute.grid"),
                                                      t("clue.receivedBy"), t("clue.outcome"), t("clue.caseNumber")],
                    rows: clues.map { c in
            [.number(Double(c.id)), .text(ChinaTime.minute(c.receivedAt)), .text(c.summary), .text(t("clueSource.\(c.source.rawValue)")), .text(informant(t, c)),
             .text(c.gridName), .text(c.receivedBy ?? ""), .text(t("clueOutcome.\(c.outcome.rawValue)")), .text(c.caseNumber)]
        })
    }

    static func list(_ ctx: PageContext, _ clues: [ClueView], show: ClueFilter.Show, query: String) -> HTMLPage {
        let t = ctx.t
        var body: HTML = ctx.account?.role.mayRecordWork != true ? "" : "<p><a class=\"button\" href=\"\(Site.newClue(nil).path)\">\(t("clue.new"))</a></p>"
        body += "<nav class=\"tabs\">" + ClueFilter.Show.allCases.map { s in
            HTML("<a href=\"\(Site.clues("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t("clueShow.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + "</nav>"
        body += ExportTable.links(t, to: .cluesExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        body += clues.isEmpty ? "<p class=\"muted\">\(t("clue.none"))</p>" : "<ul class=\"list clues\">" + clues.map { c in
            let facts = [t("clueSource.\(c.source.rawValue)"), c.gridName, c.receivedBy ?? "", ChinaTime.day(c.receivedAt), c.caseNumber]
            return HTML("<li>\(badge(t, c)) \(Layout.link(Site.clue(c.id).path, "#\(c.id) " + Store.excerpt(c.summary)))<br>")
                + "<small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("clue.title"), body))
    }

    static func labels(_ t: Texts) -> [String: String] {
        ["gridID": t("dispute.grid"), "summary": t("clue.summary"), "source": t("clue.source"), "informantID": t("clue.informant"),
         "findingID": t("dispute.finding"), "patrolID": t("patrol.title"), "outcome": t("clue.outcome"), "caseNumber": t("clue.caseNumber")]
    }

    static func form(_ ctx: PageContext, form: ClueWebController.ClueForm, grids: [Domain.Unit], errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var fields: HTML = "<label>\(t("clue.summary"))<textarea name=\"summary\" rows=\"4\" required maxlength=\"\(ClueRules.maxSummary)\">\(form.summary ?? "")</textarea></label>"
            + Layout.select("gridID", label: t("dispute.grid"), options: grids.map { (String($0.id), $0.name) }, selected: form.gridID ?? "")
        if form.source == ClueSource.visit.rawValue {
            fields += "<input type=\"hidden\" name=\"source\" value=\"\(ClueSource.visit.rawValue)\"><input type=\"hidden\" name=\"findingID\" value=\"\(form.findingID ?? "")\">"
        } else if let patrol = form.patrolID, form.source == ClueSource.patrol.rawValue {
            fields += "<input type=\"hidden\" name=\"source\" value=\"\(ClueSource.patrol.rawValue)\"><input type=\"hidden\" name=\"patrolID\" value=\"\(patrol)\">"
        } else {
            fields += Layout.select("source", label: t("clue.source"), options: [ClueSource.walkIn, .informant, .patrol].map { ($0.rawValue, t("clueSource.\($0.rawValue)")) },
                                    selected: form.source ?? "")
                + Layout.field("informantID", label: t("clue.informantID"), value: form.informantID ?? "", type: "number", extra: "min=\"1\" inputmode=\"numeric\"",
                               hint: t("clue.informantHint"))
        }
        let body = Layout.errors(t, errors, labels: labels(t)) + ctx.form(action: Site.newClue(nil).path, fields + "<button type=\"submit\">\(t("form.save"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("clue.new"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ c: ClueView, errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        func row(_ k: String, _ v: HTML) -> HTML { v.isEmpty ? "" : "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        let source = t("clueSource.\(c.source.rawValue)")
        var body: HTML = Layout.errors(t, errors, labels: labels(t)) + "<p>" + badge(t, c) + "</p><dl class=\"facts\">"
            + row("clue.summary", "<span class=\"pre\">\(c.summary)</span>")
            + row("clue.source", c.visitID.map { Layout.link(Site.visit($0).path, source) } ?? c.patrolID.map { Layout.link(Site.patrol($0).path, source) } ?? HTML.text(source))
            + row("clue.informant", c.informantID.map { Layout.link(Site.resident($0).path, informant(t, c)) } ?? HTML.text(informant(t, c)))
            + row("dispute.grid", HTML.text(c.gridName)) + row("clue.receivedBy", HTML.text(c.receivedBy ?? ""))
            + row("clue.receivedAt", HTML.text(ChinaTime.minute(c.receivedAt))) + row("clue.caseNumber", HTML.text(c.caseNumber))
            + row("clue.outcomeAt", HTML.text(c.outcomeAt.map(ChinaTime.minute) ?? "")) + "</dl>"
        if ctx.account?.role.mayRecordWork == true && (c.outcome == .open || c.outcome == .verified) {
            let choices = ClueOutcome.allCases.filter { $0 != .open && $0 != c.outcome }
            body += ctx.form(action: Site.clueOutcome(c.id).path, "<fieldset><legend>\(t("clue.outcome"))</legend>" + choices.map { o in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"outcome\" value=\"\(o.rawValue)\"\(o == choices[0] ? " checked" : "")> \(t("clueOutcome.\(o.rawValue)"))</label>")
            }.joined() + Layout.field("caseNumber", label: t("clue.caseNumber"), extra: "maxlength=\"\(ClueRules.maxCaseNumber)\"", hint: t("clue.caseNumberHint"))
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-outcome")
        }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("clue.title")) #\(c.id)", body), status: status)
    }
}
