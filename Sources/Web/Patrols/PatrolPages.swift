import Domain
import Foundation
import Persistence
import Vapor

/// 巡逻: start one in two taps on the phone, add the help given on the way, end it; the lists
/// behind the patrol and help figures.
enum PatrolPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["gridIDs": t("patrol.grids"), "mode": t("patrol.mode"), "companionIDs": t("patrol.companions"), "residents": t("patrol.residents"),
         "residentNames": t("patrol.residentNames"), "endedAt": t("patrol.endedAt"), "note": t("patrol.note"), "kind": t("help.kind"),
         "detail": t("help.detail"), "count": t("help.count"), "item": t("help.item"), "amount": t("help.amount")]
    }

    static func table(_ t: Texts, _ patrols: [PatrolView]) -> ExportTable {
        ExportTable(title: t("patrol.title"), headers: ["#", t("patrol.startedAt"), t("patrol.endedAt"), t("patrol.mode"), t("patrol.grids"), t("patrol.startedBy"),
                                                        t("patrol.companions"), t("figure.personPatrols"), t("patrol.residents"), t("patrol.note")],
                    rows: patrols.map { p in
            [.number(Double(p.id)), .text(ChinaTime.minute(p.startedAt)), .text(p.endedAt.map(ChinaTime.minute) ?? ""), .text(t("patrolMode.\(p.mode.rawValue)")),
             .text(p.gridNames.joined(separator: "、")), .text(p.startedBy ?? ""), .text(p.companions.joined(separator: "、")), .number(Double(p.officers)),
             .number(Double(p.residents)), .text(p.note)]
        })
    }

    static func helpTable(_ t: Texts, _ help: [HelpView]) -> ExportTable {
        ExportTable(title: t("help.title"), headers: ["#", t("help.at"), t("help.kind"), t("help.count"), t("help.item"), t("help.amount"), t("help.detail"),
                                                      t("help.recordedBy"), t("patrol.title")],
                    rows: help.map { h in
            [.number(Double(h.id)), .text(ChinaTime.minute(h.at)), .text(t("helpKind.\(h.kind.rawValue)")), .number(Double(h.count)), .text(h.item),
             .text(h.kind == .money ? h.amount : ""), .text(h.detail), .text(h.recordedBy ?? ""), .text(h.patrolID.map { "#\($0)" } ?? "")]
        })
    }

    static func startForm(_ ctx: PageContext, grids: [Domain.Unit], colleagues: [Account]) -> HTML {
        let t = ctx.t
        let mine = ctx.account?.id
        return ctx.form(action: Site.patrols(nil).path, "<fieldset><legend>\(t("patrol.start"))</legend>"
            + "<fieldset><legend>\(t("patrol.mode"))</legend>" + PatrolMode.allCases.map { m in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"mode\" value=\"\(m.rawValue)\"\(m == .foot ? " checked" : "")> \(t("patrolMode.\(m.rawValue)"))</label>")
            }.joined() + "</fieldset>"
            + "<fieldset><legend>\(t("patrol.grids"))</legend>" + grids.map { g in
                HTML("<label class=\"check\"><input type=\"checkbox\" name=\"gridIDs[]\" value=\"\(g.id)\"\(grids.count == 1 ? " checked" : "")> \(g.name)</label>")
            }.joined() + "</fieldset>"
            + (colleagues.filter { $0.id != mine }.isEmpty ? "" : "<details><summary>\(t("patrol.companions"))</summary>" + colleagues.filter { $0.id != mine }.map { a in
                HTML("<label class=\"check\"><input type=\"checkbox\" name=\"companionIDs[]\" value=\"\(a.id)\"> \(a.displayName)</label>")
            }.joined() + "</details>")
            + Layout.field("residents", label: t("patrol.residents"), value: "0", type: "number", extra: "min=\"0\" max=\"\(PatrolRules.maxResidents)\" inputmode=\"numeric\"",
                           hint: t("patrol.residentsHint"))
            + Layout.field("residentNames", label: t("patrol.residentNames"), extra: "maxlength=\"\(PatrolRules.maxNote)\"")
            + "<button type=\"submit\">\(t("patrol.start"))</button></fieldset>", class: "card step-start")
    }

    static func list(_ ctx: PageContext, _ patrols: [PatrolView], start: HTML, show: PatrolFilter.Show, query: String, errors: [FieldError] = [],
                     status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: labels(t)) + start
        body += "<nav class=\"tabs\">" + PatrolFilter.Show.allCases.map { s in
            HTML("<a href=\"\(Site.patrols("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t("patrolShow.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + " <a href=\"\(Site.helpRecords(nil).path)\">\(t("help.title"))</a></nav>"
        body += ExportTable.links(t, to: .patrolsExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        body += patrols.isEmpty ? "<p class=\"muted\">\(t("patrol.none"))</p>" : "<ul class=\"list patrols\">" + patrols.map { p in
            let state: HTML = p.endedAt == nil ? "<span class=\"status p-open\">\(t("patrol.running"))</span> " : ""
            let facts = [t("patrolMode.\(p.mode.rawValue)"), p.startedBy ?? "", t("patrol.officersN", String(p.officers)),
                         p.residents > 0 ? t("patrol.residentsN", String(p.residents)) : ""]
            return HTML("<li>\(state)\(Layout.link(Site.patrol(p.id).path, "#\(p.id) \(ChinaTime.minute(p.startedAt)) · \(p.gridNames.joined(separator: "、"))"))<br>")
                + "<small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("patrol.title"), body), status: status)
    }

    static func helpList(_ ctx: PageContext, _ help: [HelpView], show: HelpFilter.Show, query: String) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<nav class=\"tabs\">" + HelpFilter.Show.allCases.map { s in
            HTML("<a href=\"\(Site.helpRecords("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t(s == .all ? "patrolShow.all" : "helpKind.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + "</nav>"
        body += ExportTable.links(t, to: .helpRecordsExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        body += help.isEmpty ? "<p class=\"muted\">\(t("help.none"))</p>" : "<ul class=\"list help\">" + help.map { item($0, t) }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("help.title"), body))
    }

    /// `linkPatrol`: lists elsewhere lead to the patrol; the patrol's own page does not.
    static func item(_ h: HelpView, _ t: Texts, linkPatrol: Bool = true) -> HTML {
        let what = h.kind == .money ? t("help.yuan", h.amount) : h.kind.countsPeople ? t("help.peopleN", String(h.count)) : "\(h.item) × \(h.count)"
        let facts = [ChinaTime.minute(h.at), h.recordedBy ?? "", h.detail]
        return HTML("<li><strong>\(t("helpKind.\(h.kind.rawValue)"))</strong> \(what)")
            + (linkPatrol ? h.patrolID.map { HTML(" · ") + Layout.link(Site.patrol($0).path, "\(t("patrol.title")) #\($0)") } ?? "" : "")
            + "<br><small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
    }

    static func detail(_ ctx: PageContext, _ p: PatrolView, now: Date, errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        func row(_ k: String, _ v: String) -> HTML { v.isEmpty ? "" : "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        var body: HTML = Layout.errors(t, errors, labels: labels(t))
            + (p.endedAt == nil ? "<p><span class=\"status p-open\">\(t("patrol.running"))</span></p>" : "")
            + "<dl class=\"facts\">" + row("patrol.mode", t("patrolMode.\(p.mode.rawValue)")) + row("patrol.grids", p.gridNames.joined(separator: "、"))
            + row("patrol.startedBy", p.startedBy ?? "") + row("patrol.companions", p.companions.joined(separator: "、"))
            + row("figure.personPatrols", String(p.officers)) + row("patrol.residents", p.residents > 0 ? String(p.residents) : "")
            + row("patrol.residentNames", p.residentNames) + row("patrol.startedAt", ChinaTime.minute(p.startedAt))
            + row("patrol.endedAt", p.endedAt.map(ChinaTime.minute) ?? "") + row("patrol.note", p.note) + "</dl>"
        body += "<h2>\(t("help.title")) (\(p.help.count))</h2>"
            + (p.help.isEmpty ? "<p class=\"muted\">\(t("help.none"))</p>" : "<ul class=\"list help\">" + p.help.map { item($0, t, linkPatrol: false) }.joined() + "</ul>")
        if ctx.account?.role.mayRecordWork == true {
            body += "<p><a class=\"button\" href=\"\(Site.newClue("patrol=\(p.id)").path)\">\(t("patrol.newClue"))</a></p>"
            body += ctx.form(action: Site.patrolHelp(p.id).path, "<fieldset><legend>\(t("help.add"))</legend>"
                + Layout.select("kind", label: t("help.kind"), options: HelpKind.allCases.map { ($0.rawValue, t("helpKind.\($0.rawValue)")) }, selected: HelpKind.rescue.rawValue)
                + Layout.field("count", label: t("help.count"), value: "1", type: "number", extra: "min=\"1\" max=\"\(HelpRules.maxCount)\" inputmode=\"numeric\"", hint: t("help.countHint"))
                + Layout.field("item", label: t("help.item"), extra: "maxlength=\"\(HelpRules.maxItem)\"", hint: t("help.itemHint"))
                + Layout.field("amount", label: t("help.amount"), extra: "inputmode=\"decimal\" pattern=\"[0-9,]+(\\.[0-9]{1,2})?\"", hint: t("help.amountHint"))
                + Layout.field("detail", label: t("help.detail"), extra: "maxlength=\"\(HelpRules.maxDetail)\"")
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-help")
            if p.endedAt == nil {
                body += ctx.form(action: Site.patrolEnd(p.id).path, "<fieldset><legend>\(t("patrol.end"))</legend>"
                    + Layout.field("endedAt", label: t("patrol.endedAt"), value: ChinaTime.formInput(now), type: "datetime-local", extra: "required")
                    + Layout.field("note", label: t("patrol.note"), extra: "maxlength=\"\(PatrolRules.maxNote)\"", hint: t("patrol.noteHint"))
                    + "<button type=\"submit\">\(t("patrol.end"))</button></fieldset>", class: "card step-end")
            }
        }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("patrol.title")) #\(p.id)", body), status: status)
    }
}
