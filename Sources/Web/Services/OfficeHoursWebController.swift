import Domain
import Foundation
import Persistence
import Vapor

/// 社区警务室坐班: the station's weekly plans, one per community officer. The leader edits them
/// (seed 002: four half-days a week, the evening 17:00–21:00 on those days); the plan is what
/// residents can book.
struct OfficeHoursWebController {
    struct PlanForm: Content { var station: String?; var officerID: String?; var blocks: [String]?; var capacity: String? }

    func page(_ req: Request) async throws -> HTMLPage {
        try await page(req, station: req.query[Int64.self, at: "station"], errors: [], failed: nil)
    }

    private func page(_ req: Request, station: Int64?, errors: [FieldError], failed: PlanForm?, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let (s, plans) = try await req.store.officePlans(stationID: station, caller)
        return OfficeHoursPages.page(req.pageContext, station: s, stations: try await req.store.dutyStations(caller), plans: plans, errors: errors, failed: failed, status: status)
    }

    func savePlan(_ req: Request) async throws -> Response {
        let form = try req.content.decode(PlanForm.self)
        let station = form.station.flatMap { Int64($0) }
        let input = OfficePlanInput(officerID: form.officerID.flatMap { Int64($0) } ?? 0, blocks: form.blocks ?? [], capacity: form.capacity.flatMap { Int($0) } ?? 0)
        do {
            _ = try await req.store.setOfficePlan(stationID: station, input, try req.caller())
            return req.redirect(to: Site.officeHours(station.map { "station=\($0)" }).path)
        } catch let v as ValidationFailure {
            return try await page(req, station: station, errors: v.errors, failed: form, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}

enum OfficeHoursPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["blocks": t("officeHours.plan"), "evening": t("officeBlock.evening"), "capacity": t("officeHours.capacity"), "officerID": t("appointment.officer")]
    }

    /// The plan as a week grid: a checkbox per day and block, editable by the leader.
    static func grid(_ t: Texts, _ plan: WeeklyPlan, editable: Bool) -> HTML {
        HTML("<div class=\"scroll\"><table class=\"week\"><thead><tr><th></th>") + (1...7).map { HTML("<th>\(t("weekday.\($0)"))</th>") }.joined() + "</tr></thead><tbody>"
            + OfficeBlock.allCases.map { b in
                HTML("<tr><th>\(t("officeBlock.\(b.rawValue)"))</th>") + (1...7).map { d in
                    let on = plan.blocks.contains(PlannedBlock(weekday: d, block: b))
                    let label = "\(t("weekday.\(d)")) \(t("officeBlock.\(b.rawValue)"))"
                    return editable
                        ? HTML("<td><input type=\"checkbox\" name=\"blocks[]\" value=\"\(d):\(b.rawValue)\" aria-label=\"\(label)\"\(on ? " checked" : "")></td>")
                        : HTML("<td>\(on ? "✓" : "")</td>")
                }.joined() + "</tr>"
            }.joined() + "</tbody></table></div>"
    }

    static func page(_ ctx: PageContext, station: Domain.Unit, stations: [Domain.Unit], plans: [OfficePlanView], errors: [FieldError], failed: OfficeHoursWebController.PlanForm?,
                     status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t, editable = ctx.account?.role.keepsRoster == true
        var body = Layout.errors(t, errors, labels: labels(t))
        if stations.count > 1 {
            body += "<form method=\"get\" action=\"\(Site.officeHours(nil).path)\" class=\"filters\">" + Layout.select("station", label: t("duty.station"), options: stations.map { (String($0.id), $0.name) },
                                                                       selected: String(station.id)) + "<button type=\"submit\">\(t("form.show"))</button></form>"
        }
        body += "<p class=\"muted\">\(t("officeHours.rule", String(OfficeHoursRule.standard.minimumHalfDays)))</p>"
        body += plans.isEmpty ? "<p class=\"muted\">\(t("officeHours.noOfficers"))</p>" : plans.map { p in
            // A refused plan comes back as the leader ticked it, with the errors above.
            var plan = p.plan, capacity = p.capacity
            if let f = failed, f.officerID == String(p.officerID) {
                plan = WeeklyPlan(blocks: Set((f.blocks ?? []).compactMap { WeeklyPlan(text: $0)?.blocks.first }))
                capacity = f.capacity.flatMap { Int($0) } ?? capacity
            }
            let head: HTML = "<h2>\(p.officerName) <small class=\"muted\">\(p.unitName) · \(t("officeHours.halfDays", String(plan.halfDays)))</small></h2>"
            guard editable else { return HTML("<section class=\"card plan\">") + head + grid(t, plan, editable: false) + "</section>" }
            return HTML("<section class=\"card plan\">") + head + ctx.form(action: Site.officePlans.path,
                "<input type=\"hidden\" name=\"station\" value=\"\(station.id)\"><input type=\"hidden\" name=\"officerID\" value=\"\(p.officerID)\">"
                + grid(t, plan, editable: true)
                + Layout.field("capacity", label: t("officeHours.capacity"), value: String(capacity), type: "number", extra: "min=\"1\" max=\"20\" inputmode=\"numeric\" required")
                + "<button type=\"submit\">\(t("form.save"))</button>", class: "step-plan") + "</section>"
        }.joined()
        return HTMLPage(html: Layout.page(ctx, title: "\(t("officeHours.title")) · \(station.name)", body), status: status)
    }
}
