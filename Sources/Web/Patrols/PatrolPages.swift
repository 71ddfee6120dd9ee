import Domain
import Foundation
import Persistence
import Vapor

/// 巡逻: start one in two taps on the phone, add the help given on the way, end it; the lists
/// behind the patrol and help figures.
enum PatrolPages {
    static func labels(_ t: Texts) -> [String: String] {
        HelpPages.labels(t).merging(["gridIDs": t("patrol.grids"), "mode": t("patrol.mode"), "companionIDs": t("patrol.companions"), "residents": t("patrol.residents"),
         "residentNames": t("patrol.residentNames"), "endedAt": t("patrol.endedAt"), "note": t("patrol.note"),
         "findingKind": t("patrol.findingKind"), "description": t("patrol.findingText")]) { a, _ in a }
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
                                                      t("help.recordedBy"), t("help.source")],
                    rows: help.map { h in
            [.number(Double(h.id)), .text(ChinaTime.minute(h.at)), .text(t("helpKind.\(h.kind.rawValue)")), .number(Double(h.count)), .text(h.item),
             .text(h.kind == .money ? h.amount : ""), .text(h.detail), .text(h.recordedBy ?? ""), .text(HelpPages.sourceText(t, h))]
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
        body += help.isEmpty ? "<p class=\"muted\">\(t("help.none"))</p>" : "<ul class=\"list help\">" + help.map { HelpPages.item($0, t) }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("help.title"), body))
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
        body += "<h2>\(t("patrol.findings")) (\(p.findings.count))</h2>"
            + (p.findings.isEmpty ? "<p class=\"muted\">\(t("patrol.noFindings"))</p>" : "<ul class=\"list findings\">" + p.findings.map { f in
                // A clue or a dispute found on the way is registered in its own programme, from here.
                let next: HTML = switch f.kind {
                case .clue: " · " + Layout.link(Site.newClue("patrol=\(p.id)").path, t("patrol.newClue"))
                case .dispute: " · " + Layout.link(Site.newDispute("patrol=\(p.id)").path, t("patrol.newDispute"))
                default: ""
                }
                return HTML("<li><strong>\(t("finding.\(f.kind.rawValue)"))</strong> \(f.description)") + next
                    + "<br><small class=\"muted\">\([ChinaTime.minute(f.at), f.recordedBy ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
            }.joined() + "</ul>")
        body += HelpPages.list(t, p.help, linkSource: false)
        if ctx.account?.role.mayRecordWork == true {
            body += ctx.form(action: Site.patrolFindings(p.id).path, "<fieldset><legend>\(t("patrol.addFinding"))</legend>"
                + Layout.select("findingKind", label: t("patrol.findingKind"), options: FindingKind.allCases.map { ($0.rawValue, t("finding.\($0.rawValue)")) },
                                selected: FindingKind.hazard.rawValue)
                + Layout.field("description", label: t("patrol.findingText"), extra: "required maxlength=\"\(VisitRules.maxFinding)\"")
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-finding")
            body += HelpPages.form(ctx, action: Site.patrolHelp(p.id).path)
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
