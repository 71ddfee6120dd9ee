import Domain
import Foundation
import Persistence
import Vapor

/// 早中晚点名: the list (the roll-call figures' drill-down) with the leader's form on top —
/// everyone of the station, present unless marked otherwise — and one roll call's page.
enum RollCallPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["day": t("rollCall.day"), "slot": t("rollCall.slot"), "attendance": t("rollCall.attendance"), "note": t("rollCall.note"), "station": t("duty.station")]
    }

    static func form(_ ctx: PageContext, station: Domain.Unit, staff: [Account], today: String, slot: RollCallSlot) -> HTML {
        let t = ctx.t
        let people: HTML = staff.map { a in
            HTML("<fieldset class=\"attendance\"><legend>\(a.displayName)</legend>") + RollCallStatus.allCases.map { s in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"attendance[\(a.id)]\" value=\"\(s.rawValue)\"\(s == .present ? " checked" : "")> \(t("rollCallStatus.\(s.rawValue)"))</label>")
            }.joined() + "</fieldset>"
        }.joined()
        return ctx.form(action: Site.rollCalls(nil).path, "<fieldset><legend>\(t("rollCall.new", station.name))</legend><input type=\"hidden\" name=\"station\" value=\"\(station.id)\">"
            + Layout.field("day", label: t("rollCall.day"), value: today, type: "date", extra: "required max=\"\(today)\"")
            + Layout.select("slot", label: t("rollCall.slot"), options: RollCallSlot.allCases.map { ($0.rawValue, t("rollCallSlot.\($0.rawValue)")) }, selected: slot.rawValue)
            + people
            + Layout.field("note", label: t("rollCall.note"), extra: "maxlength=\"\(RollCallRules.maxNote)\"")
            + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-rollcall")
    }

    static func summary(_ t: Texts, _ r: RollCallView) -> String {
        [t("rollCallStatus.present") + " \(r.present)", r.onLeave > 0 ? t("rollCallStatus.leave") + " \(r.onLeave)" : "",
         r.elsewhere > 0 ? t("rollCallStatus.elsewhere") + " \(r.elsewhere)" : ""].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    static func table(_ t: Texts, _ rows: [RollCallView]) -> ExportTable {
        ExportTable(title: t("rollCall.title"), headers: ["#", t("duty.station"), t("rollCall.day"), t("rollCall.slot"), t("rollCallStatus.present"), t("rollCallStatus.leave"),
                                                         t("rollCallStatus.elsewhere"), t("rollCall.note"), t("help.recordedBy")],
                    rows: rows.map { r in
            [.number(Double(r.id)), .text(r.stationName), .text(r.day), .text(t("rollCallSlot.\(r.slot.rawValue)")), .number(Double(r.present)), .number(Double(r.onLeave)),
             .number(Double(r.elsewhere)), .text(r.note), .text(r.recordedBy ?? "")]
        })
    }

    static func list(_ ctx: PageContext, _ rows: [RollCallView], form: HTML, query: String, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: labels(t)) + form
        body += ExportTable.links(t, to: .rollCallsExport, query: query)
        body += rows.isEmpty ? "<p class=\"muted\">\(t("rollCall.none"))</p>" : "<ul class=\"list rollcalls\">" + rows.map { r in
            HTML("<li>\(Layout.link(Site.rollCall(r.id).path, "\(r.day) \(t("rollCallSlot.\(r.slot.rawValue)")) · \(r.stationName)"))<br>")
                + "<small class=\"muted\">\([summary(t, r), r.note].filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("rollCall.title"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ r: RollCallView) -> HTMLPage {
        let t = ctx.t
        let body: HTML = "<dl class=\"facts\"><dt>\(t("duty.station"))</dt><dd>\(r.stationName)</dd><dt>\(t("rollCall.day"))</dt><dd>\(r.day) \(t("rollCallSlot.\(r.slot.rawValue)"))</dd>"
            + "<dt>\(t("rollCall.attendance"))</dt><dd>\(summary(t, r))</dd>"
            + (r.note.isEmpty ? "" : HTML("<dt>\(t("rollCall.note"))</dt><dd>\(r.note)</dd>"))
            + "<dt>\(t("help.recordedBy"))</dt><dd>\(r.recordedBy ?? "")</dd></dl>"
            + Layout.table([t("duty.person"), t("rollCall.attendance")], r.entries.map { [HTML.text($0.name), HTML.text(t("rollCallStatus.\($0.status.rawValue)"))] })
        return HTMLPage(html: Layout.page(ctx, title: "\(t("rollCall.title")) · \(r.day) \(t("rollCallSlot.\(r.slot.rawValue)"))", body))
    }
}
