import Domain
import Foundation
import Persistence
import Vapor

/// 恳谈会: list, form and a meeting's page with its satisfaction rate and the suggestions' progress.
enum MeetingPages {
    /// The list as an export: one row per meeting, attendance and evaluation spelled out.
    static func table(_ t: Texts, meetings: [MeetingView]) -> ExportTable {
        ExportTable(title: t("meeting.title"), headers: [t("meeting.heldOn"), t("field.kind"), t("meeting.unit"), t("meeting.attendees"),
                                                         t("satisfaction.satisfied"), t("satisfaction.basically_satisfied"), t("satisfaction.dissatisfied"),
                                                         t("meeting.rate"), t("meeting.suggestions")],
                    rows: meetings.map { m in
            [.text(m.heldOn), .text(t("meetingKind.\(m.kind.rawValue)")), .text(m.unitName), .number(Double(m.attendance.total)),
             .number(Double(m.evaluation.satisfied)), .number(Double(m.evaluation.basicallySatisfied)), .number(Double(m.evaluation.dissatisfied)),
             .text(m.satisfactionRate), .number(Double(m.suggestionCount))]
        })
    }

    static func list(_ ctx: PageContext, meetings: [MeetingView]) -> HTMLPage {
        let t = ctx.t
        var body: HTML = ctx.account?.role.mayRecordWork != true ? "" : "<p><a class=\"button\" href=\"\(Site.newMeeting.path)\">\(t("meeting.new"))</a></p>"
        body += ExportTable.links(t, to: .meetingsExport, query: "")
        body += Layout.table([t("meeting.heldOn"), t("field.kind"), t("meeting.unit"), t("meeting.attendees"), t("meeting.rate"), t("meeting.suggestions")],
                             meetings.map { m in
            [Layout.link(Site.meeting(m.id).path, m.heldOn), HTML.text(t("meetingKind.\(m.kind.rawValue)")), HTML.text(m.unitName), "\(m.attendance.total)",
             HTML.text(m.satisfactionRate), "\(m.suggestionCount)"]
        }, empty: t("meeting.none"))
        return HTMLPage(html: Layout.page(ctx, title: t("meeting.title"), body))
    }

    static func form(_ ctx: PageContext, form: MeetingWebController.MeetingForm, units: [Domain.Unit], categories: [RequestCategory],
                     errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        func number(_ name: String, _ label: String, _ value: String?) -> HTML {
            Layout.field(name, label: label, value: value ?? "", type: "number", extra: "min=\"0\" max=\"\(MeetingRules.maxCount)\" inputmode=\"numeric\"")
        }
        let cats = form.suggestionCategory ?? [], texts = form.suggestionText ?? []
        let rows = (0..<max(3, texts.count)).map { i -> HTML in
            "<div class=\"finding\">" + Layout.select("suggestionCategory[]", label: t("field.categoryCode"), options: categories.map { ($0.code, $0.name) },
                                                     selected: i < cats.count ? cats[i] : "suggestion")
                + "<label>\(t("meeting.suggestionText"))<input name=\"suggestionText[]\" value=\"\(i < texts.count ? texts[i] : "")\" maxlength=\"\(RequestRules.maxDescription)\"></label></div>"
        }.joined()
        let body = Layout.errors(t, errors, labels: ["unitID": t("meeting.unit"), "place": t("meeting.place")]) + ctx.form(action: Site.newMeeting.path,
            Layout.select("kind", label: t("field.kind"), options: MeetingKind.allCases.map { ($0.rawValue, t("meetingKind.\($0.rawValue)")) }, selected: form.kind ?? "")
            + Layout.field("heldOn", label: t("meeting.heldOn"), value: form.heldOn ?? "", type: "date", extra: "required")
            + Layout.select("unitID", label: t("meeting.unit"), options: units.map { (String($0.id), $0.name) }, selected: form.unitID ?? "")
            + Layout.field("place", label: t("meeting.place"), value: form.place ?? "", extra: "required maxlength=\"\(MeetingRules.maxPlace)\"")
            + "<fieldset><legend>\(t("meeting.attendance"))</legend><div class=\"counts\">"
            + number("residents", t("meeting.residents"), form.residents) + number("deputies", t("meeting.deputies"), form.deputies)
            + number("cadres", t("meeting.cadres"), form.cadres) + number("supervisors", t("meeting.supervisors"), form.supervisors) + "</div></fieldset>"
            + "<label>\(t("meeting.minutes"))<textarea name=\"minutes\" rows=\"5\" maxlength=\"\(MeetingRules.maxMinutes)\">\(form.minutes ?? "")</textarea></label>"
            + "<fieldset><legend>\(t("meeting.evaluation"))</legend><div class=\"counts\">"
            + number("satisfied", t("satisfaction.satisfied"), form.satisfied) + number("basicallySatisfied", t("satisfaction.basically_satisfied"), form.basicallySatisfied)
            + number("dissatisfied", t("satisfaction.dissatisfied"), form.dissatisfied) + "</div></fieldset>"
            + "<fieldset><legend>\(t("meeting.suggestions"))</legend><p class=\"muted\">\(t("meeting.suggestionsHint"))</p>\(rows)</fieldset>"
            + "<button type=\"submit\">\(t("form.save"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("meeting.new"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ d: MeetingDetail, now: Date) -> HTMLPage {
        let t = ctx.t, m = d.meeting, a = m.attendance, e = m.evaluation
        func row(_ k: String, _ v: HTML) -> HTML { v.isEmpty ? "" : "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        var body: HTML = "<div class=\"tiles\">" + HomePage.tile(t("meeting.attendees"), a.total) + HomePage.tile(t("meeting.rated"), e.answered)
            + "<div class=\"tile\"><span class=\"n\" id=\"meeting-rate\">\(m.satisfactionRate)</span><span>\(t("meeting.rate"))</span></div>"
            + HomePage.tile(t("meeting.suggestions"), m.suggestionCount) + "</div>"
            + "<p class=\"muted\">\(t("meeting.rateDefinition"))</p><dl class=\"facts\">"
            + row("field.kind", HTML.text(t("meetingKind.\(m.kind.rawValue)"))) + row("meeting.unit", HTML.text(m.unitName)) + row("meeting.place", HTML.text(m.place))
            + row("meeting.attendance", HTML.text(t("meeting.attendanceText", String(a.residents)).replacingOccurrences(of: "%2", with: String(a.deputies))
                                          .replacingOccurrences(of: "%3", with: String(a.cadres)).replacingOccurrences(of: "%4", with: String(a.supervisors))))
            + row("meeting.evaluation", HTML.text("\(t("satisfaction.satisfied")) \(e.satisfied) · \(t("satisfaction.basically_satisfied")) \(e.basicallySatisfied) · \(t("satisfaction.dissatisfied")) \(e.dissatisfied)"))
            + row("visit.recordedBy", HTML.text(m.recordedBy ?? "")) + "</dl>"
        if !m.minutes.isEmpty { body += "<h2>\(t("meeting.minutes"))</h2><p class=\"pre\">\(m.minutes)</p>" }
        body += "<h2>\(t("meeting.suggestions"))</h2>" + Layout.table([t("field.categoryCode"), t("field.description"), t("field.status"), t("field.assigneeID")],
            d.requests.map { r in [HTML.text(r.categoryName), Layout.link(Site.request(r.id).path, Store.excerpt(r.description)), RequestPages.badge(t, r), HTML.text(r.assigneeName ?? "")] },
            empty: t("meeting.noSuggestions"))
        if ctx.account?.role.mayRecordWork == true { body += "<p>" + Layout.link(Site.newDispute("meeting=\(m.id)").path, t("dispute.toDispute")) + "</p>" }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("meetingKind.\(m.kind.rawValue)")) · \(m.heldOn)", body))
    }
}
