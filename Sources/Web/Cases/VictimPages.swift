import Domain
import Foundation
import Persistence
import Vapor

/// 被害人回访: the list with 回访全覆盖 on top, and a victim's page. Lists mask the name.
enum VictimPages {
    static func badge(_ t: Texts, _ v: VictimView, now: Date) -> HTML {
        if v.visitedAt != nil { return "<span class=\"status v-visited\">\(t("victim.visited"))</span>" }
        let overdue = v.daysOverdue(now: now)
        return overdue > 0 ? "<span class=\"overdue\">\(t("victim.overdueDays", String(overdue)))</span>" : "<span class=\"status v-due\">\(t("victim.due"))</span>"
    }

    static func table(_ t: Texts, _ victims: [VictimView], now: Date) -> ExportTable {
        ExportTable(title: t("victim.title"), headers: [t("victim.caseNumber"), t("victim.caseType"), t("victim.occurredAt"), t("victim.name"), t("dispute.grid"),
                                                        t("victim.assignee"), t("victim.dueAt"), t("victim.visitedAt"), t("field.satisfaction"), t("victim.daysOverdue")],
                    rows: victims.map { v in
            [.text(v.caseNumber), .text(t("caseType.\(v.caseType.rawValue)")), .text(ChinaTime.day(v.occurredAt)), .text(v.nameMasked), .text(v.gridName),
             .text(v.assigneeName ?? ""), .text(ChinaTime.day(v.dueAt)), .text(v.visitedAt.map(ChinaTime.day) ?? ""),
             .text(v.satisfaction.map { t("satisfaction.\($0.rawValue)") } ?? ""), .number(Double(v.daysOverdue(now: now)))]
        })
    }

    static func list(_ ctx: PageContext, _ victims: [VictimView], show: VictimFilter.Show, query: String, visited: Int, total: Int, now: Date) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<div class=\"tiles\"><div class=\"tile\" id=\"victim-coverage\"><span class=\"n\">\(Percent.text(visited, of: total))</span><span>\(t("figure.victimCoverage"))</span></div>"
            + HomePage.tile(t("figure.victimsVisited"), visited) + HomePage.tile(t("figure.victims"), total) + "</div>"
            + "<p class=\"muted\">\(t("figure.victimCoverage.definition"))</p>"
        body += "<nav class=\"tabs\">" + VictimFilter.Show.allCases.map { s in
            HTML("<a href=\"\(Site.victims("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t("victimShow.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + "</nav>"
        body += ExportTable.links(t, to: .victimsExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        body += victims.isEmpty ? "<p class=\"muted\">\(t("victim.none"))</p>" : "<ul class=\"list victims\">" + victims.map { v in
            let facts = [t("caseType.\(v.caseType.rawValue)"), v.caseNumber, v.gridName, v.assigneeName ?? "", t("victim.dueOn", ChinaTime.day(v.dueAt))]
            return HTML("<li>\(badge(t, v, now: now)) \(Layout.link(Site.victim(v.id).path, v.nameMasked))<br>")
                + "<small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("victim.title"), body))
    }

    static func detail(_ ctx: PageContext, _ v: VictimView, errors: [FieldError], now: Date, status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        func row(_ k: String, _ val: HTML) -> HTML { val.isEmpty ? "" : "<dt>\(t(k))</dt><dd>\(val)</dd>" }
        var body: HTML = Layout.errors(t, errors) + "<p>" + badge(t, v, now: now) + (v.sensitive ? HTML(" <span class=\"at-risk\">\(t("victim.sensitive"))</span>") : "") + "</p><dl class=\"facts\">"
            + row("victim.name", v.residentID.map { Layout.link(Site.resident($0).path, v.name) } ?? HTML.text(v.name))
            + row("field.idNumber", "<span class=\"masked\">\(v.idNumberMasked)</span>") + row("field.phone", "<span class=\"masked\">\(v.phoneMasked ?? "")</span>")
            + row("field.address", HTML.text(v.address)) + row("victim.caseNumber", HTML.text(v.caseNumber))
            + row("victim.caseType", HTML.text(t("caseType.\(v.caseType.rawValue)"))) + row("victim.occurredAt", HTML.text(ChinaTime.minute(v.occurredAt)))
            + row("dispute.grid", HTML.text(v.gridName)) + row("victim.assignee", HTML.text(v.assigneeName ?? "—")) + row("victim.dueAt", HTML.text(ChinaTime.day(v.dueAt)))
        if let at = v.visitedAt {
            body += row("victim.visitedAt", HTML.text(ChinaTime.minute(at) + (v.visitedBy.map { " · \($0)" } ?? "") + (v.leaderLed ? " · \(t("victim.leaderLed"))" : "")))
                + row("visit.method", HTML.text(v.method.map { t("visitMethod.\($0)") } ?? "")) + row("field.satisfaction", HTML.text(v.satisfaction.map { t("satisfaction.\($0.rawValue)") } ?? ""))
                + row("victim.advice", HTML.text(v.advice)) + row("visit.notes", HTML.text(v.notes))
        }
        body += "</dl>"
        if v.visitedAt == nil && ctx.account?.role.mayRecordWork == true {
            body += ctx.form(action: Site.victimVisit(v.id).path, "<fieldset><legend>\(t("victim.visit"))</legend>"
                + Layout.select("method", label: t("visit.method"), options: VictimVisitRules.methods.map { ($0, t("visitMethod.\($0)")) }, selected: "in_person")
                + "<fieldset><legend>\(t("victim.satisfactionQuestion"))</legend>" + Satisfaction.allCases.map { s in
                    HTML("<label class=\"check\"><input type=\"radio\" name=\"satisfaction\" value=\"\(s.rawValue)\"\(s == .satisfied ? " checked" : "")> \(t("satisfaction.\(s.rawValue)"))</label>")
                }.joined() + "</fieldset>"
                + "<label>\(t("victim.advice"))<textarea name=\"advice\" rows=\"2\" maxlength=\"\(VictimVisitRules.maxText)\" placeholder=\"\(t("victim.adviceHint"))\"></textarea></label>"
                + (0..<2).map { _ in Layout.field("need[]", label: t("victim.need"), extra: "maxlength=\"\(RequestRules.maxDescription)\"", hint: t("victim.needHint")) }.joined()
                + "<label>\(t("visit.notes"))<textarea name=\"notes\" rows=\"2\" maxlength=\"\(VictimVisitRules.maxText)\"></textarea></label>"
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-visit")
        }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("victim.title")) · \(v.nameMasked)", body), status: status)
    }
}
