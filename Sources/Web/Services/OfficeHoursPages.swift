import Domain
import Foundation
import Persistence
import Vapor

/// The office-hours page, phone first: the officer's 签到 / 签退 card on top, then the week's
/// compliance per officer with its gaps, then the plans (a week grid, ticked by the leader).
enum OfficeHoursPages {
    struct Card { var open: OfficeSessionView?; var recent: [OfficeSessionView]; var now: Date }

    /// 09:30
    static func hm(_ d: Date) -> String { String(ChinaTime.clock(d).prefix(5)) }

    static func labels(_ t: Texts) -> [String: String] {
        ["blocks": t("officeHours.plan"), "evening": t("officeBlock.evening"), "capacity": t("officeHours.capacity"), "officerID": t("appointment.officer"),
         "checkIn": t("officeHours.checkIn"), "checkOut": t("officeHours.checkOutAt"), "latitude": t("officeHours.position"), "longitude": t("officeHours.position"),
         "week": t("officeHours.week"), "phone": t("officeBoard.phone"), "day": t("officeHours.dayOff"), "reason": t("appointment.reason")]
    }

    static func card(_ ctx: PageContext, _ c: Card) -> HTML {
        let t = ctx.t
        var body: HTML = "<section class=\"card office-card\"><h2>\(t("officeHours.mine"))</h2>"
        if let open = c.open {
            body += "<p class=\"status ok\">\(t("officeHours.inSince", hm(open.checkIn)))</p>"
            body += ctx.form(action: Site.officeCheckOut.path, "<button type=\"submit\">\(t("officeHours.checkOut"))</button>"
                + "<details><summary>\(t("officeHours.lateCheckOut"))</summary>"
                + Layout.field("checkOut", label: t("officeHours.checkOutAt"), value: "", type: "datetime-local", extra: "max=\"\(ChinaTime.formInput(c.now))\"")
                + "<button type=\"submit\">\(t("officeHours.checkOut"))</button></details>", class: "step-checkout")
        } else {
            body += "<p class=\"muted\">\(t("officeHours.out"))</p>"
            body += ctx.form(action: Site.officeCheckIn.path, "<input type=\"hidden\" name=\"latitude\" value=\"\"><input type=\"hidden\" name=\"longitude\" value=\"\">"
                + "<button type=\"submit\" class=\"big\">\(t("officeHours.checkIn"))</button><p class=\"muted\">\(t("officeHours.positionHint"))</p>",
                             class: "step-checkin locate")
                + "<script src=\"/static/locate.js\" defer></script>"
        }
        body += "<p><a class=\"button secondary\" href=\"\(Site.consultations(nil).path)\">\(t("consultation.new"))</a></p>"
        let lines = c.recent.reversed().prefix(10)
        if !lines.isEmpty {
            body += "<ul class=\"list sessions\">" + lines.map { s in
                let out: String = s.checkOut.map(hm) ?? (s.forgotten ? t("officeHours.forgotten", hm(s.closedAt)) : t("officeHours.stillIn"))
                return HTML("<li\(s.forgotten ? " class=\"flag\"" : "")>\(ChinaTime.day(s.checkIn)) \(hm(s.checkIn)) – \(out)</li>")
            }.joined() + "</ul>"
        }
        return body + "</section>"
    }

    static func compliance(_ ctx: PageContext, station: Domain.Unit, week: String, rows: [OfficeComplianceRow]) -> HTML {
        let t = ctx.t
        let n = CivilDate.dayNumber(week) ?? 0
        let q = { (d: Int) in "station=\(station.id)&week=\(CivilDate.iso(dayNumber: d))" }
        var body: HTML = "<section class=\"compliance\"><h2>\(t("officeHours.compliance"))</h2><nav class=\"tabs\">"
            + Layout.link(Site.officeHours(q(n - 7)).path, "← \(CivilDate.iso(dayNumber: n - 7))") + " <strong>\(week) – \(CivilDate.iso(dayNumber: n + 6))</strong> "
            + Layout.link(Site.officeHours(q(n + 7)).path, "\(CivilDate.iso(dayNumber: n + 7)) →") + "</nav>"
        body += Layout.table([t("appointment.officer"), t("officeHours.halfDaysKept"), t("officeHours.eveningsKept"), t("figure.officeHalfDayRate"),
                              t("officeHours.forgottenCount"), t("officeHours.gaps")], rows.map { r in
            let w = r.week
            let gaps = w.gaps.map { "\($0.day.suffix(5)) \(t("weekday.\(CivilDate.dayNumber($0.day).map(CivilDate.weekday(dayNumber:)) ?? 1)")) \(t("officeBlockShort.\($0.block.rawValue)"))" }
            return [HTML.text(r.officerName), HTML.text("\(w.halfDaysKept) / \(w.halfDaysPlanned)"), HTML.text("\(w.eveningsKept) / \(w.eveningsPlanned)"),
                    HTML.text(Percent.text(w.halfDaysKept, of: w.halfDaysPlanned)),
                    w.forgottenCheckOuts > 0 ? "<span class=\"flag\">\(w.forgottenCheckOuts)</span>" : "0", HTML.text(gaps.isEmpty ? "—" : gaps.joined(separator: "、"))]
        }, empty: t("officeHours.noPlans"))
        return body + "<p class=\"muted\">\(t("figure.officeHalfDayRate.definition"))</p></section>"
    }

    /// The plan as a week grid: a checkbox per day and block, editable by the leader.
    static func grid(_ t: Texts, _ plan: WeeklyPlan, editable: Bool) -> HTML {
        HTML("<div class=\"scroll\"><table class=\"week\"><thead><tr><th></th>") + (1...7).map { HTML("<th>\(t("weekday.\($0)"))</th>") }.joined() + "</tr></thead><tbody>"
            + OfficeBlock.allCases.map { b in
                HTML("<tr><th>\(t("officeBlock.\(b.rawValue)"))</th>") + (1...7).map { d in
                    let on = plan.blocks.contains(PlannedBlock(weekday: d, block: b))
                    return editable
                        ? HTML("<td><input type=\"checkbox\" name=\"blocks[]\" value=\"\(d):\(b.rawValue)\" aria-label=\"\(t("weekday.\(d)")) \(t("officeBlock.\(b.rawValue)"))\"\(on ? " checked" : "")></td>")
                        : HTML("<td>\(on ? "✓" : "")</td>")
                }.joined() + "</tr>"
            }.joined() + "</tbody></table></div>"
    }

    /// The officer's coming days off, and for the leader the form to add one or give one back.
    static func daysOff(_ ctx: PageContext, station: Domain.Unit, _ p: OfficePlanView, editable: Bool) -> HTML {
        let t = ctx.t
        var body: HTML = p.daysOff.isEmpty ? "" : HTML("<ul class=\"plain days-off\">") + p.daysOff.map { d in
            HTML("<li>\(t("officeHours.offOn", d.day))\(d.reason.isEmpty ? "" : "（\(d.reason)）") ")
                + (editable ? ctx.form(action: Site.officeDaysOff.path, "<input type=\"hidden\" name=\"station\" value=\"\(station.id)\"><input type=\"hidden\" name=\"officerID\" value=\"\(p.officerID)\">"
                    + "<input type=\"hidden\" name=\"day\" value=\"\(d.day)\"><input type=\"hidden\" name=\"off\" value=\"0\"><button type=\"submit\" class=\"link\">\(t("officeHours.giveBack"))</button>",
                    class: "inline") : "") + "</li>"
        }.joined() + "</ul>"
        guard editable else { return body }
        body += "<details><summary>\(t("officeHours.addDayOff"))</summary>" + ctx.form(action: Site.officeDaysOff.path,
            "<input type=\"hidden\" name=\"station\" value=\"\(station.id)\"><input type=\"hidden\" name=\"officerID\" value=\"\(p.officerID)\"><input type=\"hidden\" name=\"off\" value=\"1\">"
            + Layout.field("day", label: t("officeHours.dayOff"), type: "date", extra: "required")
            + Layout.field("reason", label: t("appointment.reason"), extra: "maxlength=\"\(AppointmentRules.maxNote)\"", hint: t("officeHours.dayOffHint"))
            + "<button type=\"submit\">\(t("form.save"))</button>", class: "step-dayoff") + "</details>"
        return body
    }

    static func plans(_ ctx: PageContext, station: Domain.Unit, plans: [OfficePlanView], rule: OfficeHoursRule, failed: OfficeHoursWebController.PlanForm?) -> HTML {
        let t = ctx.t, editable = ctx.account?.role.keepsRoster == true
        var body: HTML = "<h2>\(t("officeHours.plans"))</h2><p class=\"muted\">\(t("officeHours.rule", String(rule.minimumHalfDays)))</p>"
        body += plans.isEmpty ? "<p class=\"muted\">\(t("officeHours.noOfficers"))</p>" : plans.map { p in
            // A refused plan comes back as the leader ticked it, with the errors above.
            var plan = p.plan, capacity = p.capacity
            if let f = failed, f.officerID == String(p.officerID) {
                plan = WeeklyPlan(blocks: Set((f.blocks ?? []).compactMap { WeeklyPlan(text: $0)?.blocks.first }))
                capacity = f.capacity.flatMap { Int($0) } ?? capacity
            }
            let head: HTML = "<h3>\(p.officerName) <small class=\"muted\">\(p.unitName) · \(t("officeHours.halfDays", String(plan.halfDays)))</small></h3>"
            guard editable else { return HTML("<section class=\"card plan\">") + head + grid(t, plan, editable: false) + daysOff(ctx, station: station, p, editable: false) + "</section>" }
            return HTML("<section class=\"card plan\">") + head + ctx.form(action: Site.officePlans.path,
                "<input type=\"hidden\" name=\"station\" value=\"\(station.id)\"><input type=\"hidden\" name=\"officerID\" value=\"\(p.officerID)\">"
                + grid(t, plan, editable: true)
                + Layout.field("capacity", label: t("officeHours.capacity"), value: String(capacity), type: "number", extra: "min=\"1\" max=\"20\" inputmode=\"numeric\" required")
                + "<button type=\"submit\">\(t("form.save"))</button>", class: "step-plan") + daysOff(ctx, station: station, p, editable: true) + "</section>"
        }.joined()
        return body
    }

    static func page(_ ctx: PageContext, station: Domain.Unit, stations: [Domain.Unit], week: String, compliance rows: [OfficeComplianceRow], plans: [OfficePlanView],
                     rule: OfficeHoursRule, offices: [OfficeBoard], card: Card?, errors: [FieldError], failed: OfficeHoursWebController.PlanForm?, status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: labels(t))
        if let card { body += Self.card(ctx, card) }
        if stations.count > 1 {
            body += "<form method=\"get\" action=\"\(Site.officeHours(nil).path)\" class=\"filters\">" + Layout.select("station", label: t("duty.station"),
                options: stations.map { (String($0.id), $0.name) }, selected: String(station.id)) + "<button type=\"submit\">\(t("form.show"))</button></form>"
        }
        body += compliance(ctx, station: station, week: week, rows: rows)
        body += Self.plans(ctx, station: station, plans: plans, rule: rule, failed: failed)
        body += OfficeBoardPages.offices(ctx, offices)
        return HTMLPage(html: Layout.page(ctx, title: "\(t("officeHours.title")) · \(station.name)", body), status: status)
    }
}
