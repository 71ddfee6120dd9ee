import Domain
import Foundation
import Persistence
import Vapor

/// 节假日设置: the administrator keeps the holiday calendar — the days off and the weekend days
/// worked in exchange (调休) — a year at a time, as the State Council's notice gives them.
struct HolidaySettingsController {
    struct Form: Content {
        var name: String?; var kind: String?; var from: String?; var to: String?
        var input: HolidayInput { HolidayInput(name: name ?? "", kind: kind ?? "", from: from ?? "", to: to ?? "") }
    }

    static func year(_ req: Request) throws -> Int {
        guard let raw = req.query[String.self, at: "year"] else { return Int(ChinaTime.day(req.application.settings.now()).prefix(4)) ?? 2026 }
        guard let y = Int(raw), (2000...2100).contains(y) else { throw ValidationFailure(field: "year", .invalidDate) }
        return y
    }

    func page(_ req: Request) async throws -> HTMLPage { try await page(req, errors: [], year: try Self.year(req)) }

    private func page(_ req: Request, errors: [FieldError], year: Int, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        guard try req.caller().role.mayConfigure else { throw Forbidden() }
        let ctx = req.pageContext, t = ctx.t
        let days = try await req.store.calendarDays(year: year)
        let labels = ["name": t("holiday.name"), "kind": t("holiday.kind"), "from": t("period.from"), "to": t("period.to")]
        var body = Layout.errors(t, errors, labels: labels)
        body += "<nav class=\"tabs\">" + Layout.link(Site.settingsHolidays("year=\(year - 1)").path, "← \(year - 1)") + " <strong>\(year)</strong> "
            + Layout.link(Site.settingsHolidays("year=\(year + 1)").path, "\(year + 1) →") + "</nav>"
        body += ctx.form(action: Site.settingsHolidays(nil).path, "<fieldset><legend>\(t("holiday.add"))</legend>"
            + Layout.field("name", label: t("holiday.name"), extra: "required maxlength=\"\(HolidayRules.maxName)\"", hint: t("holiday.nameHint"))
            + Layout.select("kind", label: t("holiday.kind"), options: CalendarDayKind.allCases.map { ($0.rawValue, t("holidayKind.\($0.rawValue)")) }, selected: CalendarDayKind.holiday.rawValue)
            + Layout.field("from", label: t("period.from"), type: "date", extra: "required") + Layout.field("to", label: t("period.to"), type: "date")
            + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card")
        body += Layout.table([t("duty.day"), t("duty.weekdays"), t("holiday.name"), t("holiday.kind"), ""], days.map { d in
            [HTML.text(d.day), HTML.text(RosterPages.weekday(t, CivilDate.dayNumber(d.day) ?? 0)), HTML.text(d.name), HTML.text(t("holidayKind.\(d.kind.rawValue)")),
             ctx.form(action: Site.settingsHolidayRemove(d.day).path, "<button type=\"submit\" class=\"link\">\(t("holiday.remove"))</button>", class: "inline")]
        }, empty: t("holiday.none", String(year)))
        return HTMLPage(html: Layout.page(ctx, title: t("holiday.title"), body), status: status)
    }

    func save(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let days = try await req.store.saveHolidays(form.input, try req.caller())
            return req.redirect(to: Site.settingsHolidays("year=\(days[0].day.prefix(4))").path)
        } catch let v as ValidationFailure {
            let year = (form.from ?? "").prefix(4)
            return try await page(req, errors: v.errors, year: Int(year) ?? (try Self.year(req)), status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func remove(_ req: Request) async throws -> Response {
        let day = req.parameters.get("day") ?? ""
        try await req.store.deleteHoliday(day: day, try req.caller())
        return req.redirect(to: Site.settingsHolidays("year=\(day.prefix(4))").path)
    }
}
