import Domain
import Foundation
import Persistence
import Vapor

/// 信息员 pages, phone first. Nothing here is shown to anyone but leaders and the contact officer.
enum InformantPages {
    static func dueText(_ t: Texts, _ i: InformantView, now: Date) -> HTML {
        i.due < now ? "<span class=\"status overdue\">\(t("informant.overdue", ChinaTime.day(i.due)))</span>"
            : "<span class=\"muted\">\(t("informant.dueOn", ChinaTime.day(i.due)))</span>"
    }

    static func labels(_ t: Texts) -> [String: String] {
        ["residentID": t("informant.residentID"), "areaUnitID": t("informant.area"), "contactOfficerID": t("informant.officer"), "cadenceDays": t("informant.cadence"),
         "kind": t("informant.kind"), "note": t("informant.note"), "amount": t("informant.amount")]
    }

    static func list(_ ctx: PageContext, _ informants: [InformantView], now: Date, form: InformantWebController.InformantForm, areas: [Domain.Unit], officers: [Account],
                     errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<p class=\"muted\">\(t("informant.confidential"))</p>" + Layout.errors(t, errors, labels: labels(t))
        body += informants.isEmpty ? HTML("<p class=\"empty\">\(t("informant.none"))</p>") : "<ul class=\"list informants\">" + informants.map { i in
            HTML("<li>") + Layout.link(Site.informant(i.residentID).path, i.name) + " \(dueText(t, i, now: now))<br><small class=\"muted\">"
                + HTML.text([i.areaName, i.contactOfficerName, t("informant.cluesN", String(i.clues))].joined(separator: " · ")) + "</small></li>"
        }.joined() + "</ul>"
        if !areas.isEmpty {
            let fields: HTML = Layout.field("residentID", label: t("informant.residentID"), value: form.residentID ?? "", type: "number",
                                            extra: "min=\"1\" inputmode=\"numeric\" required", hint: t("informant.residentHint"))
                + Layout.select("areaUnitID", label: t("informant.area"), options: areas.map { (String($0.id), $0.name) }, selected: form.areaUnitID ?? "")
                + Layout.select("contactOfficerID", label: t("informant.officer"), options: officers.map { (String($0.id), "\($0.displayName) · \($0.unitName)") },
                                selected: form.contactOfficerID ?? "")
                + Layout.field("cadenceDays", label: t("informant.cadence"), value: form.cadenceDays ?? String(InformantRules.defaultCadenceDays), type: "number",
                               extra: "min=\"1\" max=\"\(InformantRules.maxCadenceDays)\" inputmode=\"numeric\"")
            body += "<h2>\(t("informant.register"))</h2>" + ctx.form(action: Site.informants.path, fields + "<button type=\"submit\">\(t("form.save"))</button>", class: "card step-informant")
        }
        return HTMLPage(html: Layout.page(ctx, title: t("informant.title"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ d: InformantDetail, now: Date, errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t, i = d.informant
        func row(_ k: String, _ v: HTML) -> HTML { "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        var body: HTML = Layout.errors(t, errors, labels: labels(t)) + "<dl class=\"facts\">"
            + row("informant.resident", Layout.link(Site.resident(i.residentID).path, i.name) + " · " + HTML.text(i.address))
            + row("informant.area", HTML.text(i.areaName)) + row("informant.officer", HTML.text(i.contactOfficerName))
            + row("informant.cadence", HTML.text(t("informant.everyDays", String(i.cadenceDays))))
            + row("informant.lastContact", HTML.text(i.lastContact.map(ChinaTime.minute) ?? t("informant.never"))) + row("informant.next", dueText(t, i, now: now)) + "</dl>"
        if ctx.account?.role.mayRecordWork == true {
            body += ctx.form(action: Site.informantContact(i.residentID).path, "<fieldset><legend>\(t("informant.contact"))</legend>" + InformantContactKind.allCases.map { k in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"\(k.rawValue)\"\(k == .visit ? " checked" : "")> \(t("informantContact.\(k.rawValue)"))</label>")
            }.joined() + Layout.field("note", label: t("informant.note"), extra: "maxlength=\"\(InformantRules.maxNote)\"")
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-contact")
            body += ctx.form(action: Site.informantRecognition(i.residentID).path, "<fieldset><legend>\(t("informant.recognize"))</legend>" + RecognitionKind.allCases.map { k in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"\(k.rawValue)\"\(k == .thanks ? " checked" : "")> \(t("recognition.\(k.rawValue)"))</label>")
            }.joined() + Layout.field("note", label: t("informant.reason"), extra: "required maxlength=\"\(InformantRules.maxNote)\"")
                + Layout.field("amount", label: t("informant.amount"), extra: "inputmode=\"decimal\"", hint: t("informant.amountHint"))
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-recognition")
        }
        body += "<h2>\(t("informant.clues"))</h2>" + (d.clues.isEmpty ? HTML("<p class=\"empty\">\(t("clue.none"))</p>") : "<ul class=\"list clues\">" + d.clues.map { c in
            HTML("<li>\(CluePages.badge(t, c)) ") + Layout.link(Site.clue(c.id).path, "#\(c.id) " + Store.excerpt(c.summary)) + " <small class=\"muted\">\(ChinaTime.day(c.receivedAt))</small></li>"
        }.joined() + "</ul>")
        body += "<h2>\(t("informant.contacts"))</h2>" + Layout.table([t("informant.at"), t("informant.kind"), t("informant.note"), t("informant.by")], d.contacts.map { c in
            [HTML.text(ChinaTime.minute(c.at)), HTML.text(t("informantContact.\(c.kind.rawValue)")), HTML.text(c.note), HTML.text(c.by)]
        }, empty: t("informant.noContacts"))
        body += "<h2>\(t("informant.recognitions"))</h2>" + Layout.table([t("informant.at"), t("informant.kind"), t("informant.reason"), t("informant.amount"), t("informant.by")],
                                                                        d.recognitions.map { r in
            [HTML.text(ChinaTime.day(r.at)), HTML.text(t("recognition.\(r.kind.rawValue)")), HTML.text(r.note), HTML.text(r.amountFen.map(Yuan.text) ?? ""), HTML.text(r.by)]
        }, empty: t("informant.noRecognitions"))
        return HTMLPage(html: Layout.page(ctx, title: "\(t("informant.title")) · \(i.name)", body), status: status)
    }
}
