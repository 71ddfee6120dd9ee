import Domain
import Foundation
import Persistence
import Vapor

/// 值班表: a station's month, day by day and shift by shift, with its gaps flagged and those of
/// the coming weeks listed; the form to put someone on a shift; the A4 print; the gap list.
enum RosterPages {
    /// The roster's columns: each post with each of its shifts.
    static let columns: [(DutyPost, ShiftKind)] = DutyPost.allCases.flatMap { p in p.kinds.map { (p, $0) } }

    static func labels(_ t: Texts) -> [String: String] {
        ["post": t("duty.post"), "kind": t("duty.kind"), "userID": t("duty.person"), "from": t("period.from"), "to": t("period.to"), "weekdays": t("duty.weekdays"),
         "month": t("duty.month"), "period": t("period.from")]
    }

    /// A refused day is named by its date: "2026-12-07 值班人员：与已排班次时间重叠".
    static func errorLabels(_ t: Texts, _ errors: [FieldError]) -> [String: String] {
        var l = labels(t)
        for e in errors where e.field.hasPrefix("day.") { l[e.field] = "\(e.field.dropFirst(4)) \(t("duty.person"))" }
        return l
    }

    static func column(_ t: Texts, _ post: DutyPost, _ kind: ShiftKind) -> String { "\(t("dutyPost.\(post.rawValue)")) · \(t("shiftKind.\(kind.rawValue)"))" }

    static func weekday(_ t: Texts, _ dayNumber: Int) -> String { t("weekday.\(CivilDate.weekday(dayNumber: dayNumber))") }

    /// What a day is: 元旦, 调休上班 (春节), or nothing for an ordinary day.
    static func dayNote(_ t: Texts, _ entry: CalendarDay?) -> String {
        guard let entry else { return "" }
        return entry.kind == .holiday ? entry.name : t("duty.workedFor", entry.name)
    }

    static func gapText(_ t: Texts, _ g: DutyGap, names: [Int64: String]) -> String {
        let what = column(t, g.post, g.kind)
        return g.problem == .uncovered ? t("duty.gapUncovered", what) : t("duty.gapOverlap", names[g.userID ?? 0] ?? "", what)
    }

    /// The month as a table: a row a day, a column a post's shift; a gap's cell says so.
    static func table(_ ctx: PageContext, _ r: Roster, removable: Bool) -> HTML {
        let t = ctx.t
        guard let a = CivilDate.dayNumber(r.from), let b = CivilDate.dayNumber(r.to) else { return "" }
        let calendar = HolidayCalendar(r.calendar)
        var rows: [HTML] = []
        for n in a...b {
            let day = CivilDate.iso(dayNumber: n), rest = calendar.isRestDay(n), note = dayNote(t, calendar.entry(n))
            let gaps = r.gaps.filter { $0.day == day }
            var cells: HTML = "<th scope=\"row\">\(String(day.dropFirst(5))) \(weekday(t, n))" + (note.isEmpty ? "" : HTML("<br><small>\(note)</small>")) + "</th>"
            for (post, kind) in columns {
                let here = r.shifts.filter { $0.day == day && $0.post == post && $0.kind == kind }
                var cell: HTML = here.map { s in
                    let clash = gaps.contains { $0.problem == .overlap && $0.userID == s.userID && $0.post == post && $0.kind == kind }
                    let remove: HTML = removable
                        ? ctx.form(action: Site.dutyShiftRemove(s.id).path, "<button type=\"submit\" class=\"link\" aria-label=\"\(t("duty.remove", s.name))\">×</button>", class: "inline")
                        : ""
                    return HTML("<span class=\"who\(clash ? " clash" : "")\">\(s.name)\(clash ? " ⚠" : "")</span>") + remove
                }.joined(separator: " ")
                let missing = gaps.contains { $0.problem == .uncovered && $0.post == post && $0.kind == kind }
                if missing { cell += HTML("<strong class=\"gap\">\(t("duty.gap"))</strong>") }
                cells += (missing ? HTML("<td class=\"gap\">") : HTML("<td>")) + cell + "</td>"
            }
            rows.append((rest ? HTML("<tr class=\"rest\">") : HTML("<tr>")) + cells + "</tr>")
        }
        return "<div class=\"scroll\"><table class=\"roster\"><thead><tr><th>\(t("duty.day"))</th>"
            + columns.map { HTML("<th>\(column(t, $0.0, $0.1))</th>") }.joined() + "</tr></thead><tbody>" + rows.joined() + "</tbody></table></div>"
    }

    static func form(_ ctx: PageContext, station: Domain.Unit, staff: [Account], month: (from: String, to: String)) -> HTML {
        let t = ctx.t
        let weekdays: HTML = (1...7).map { d in HTML("<label class=\"check\"><input type=\"checkbox\" name=\"weekdays[]\" value=\"\(d)\"> \(t("weekday.\(d)"))</label>") }.joined()
        return ctx.form(action: Site.dutyShifts.path, "<fieldset><legend>\(t("duty.assign"))</legend><input type=\"hidden\" name=\"station\" value=\"\(station.id)\">"
            + Layout.select("userID", label: t("duty.person"), options: staff.map { (String($0.id), "\($0.displayName)（\(t.role($0.role))）") }, selected: "")
            + Layout.select("post", label: t("duty.post"), options: DutyPost.allCases.map { ($0.rawValue, t("dutyPost.\($0.rawValue)")) }, selected: DutyPost.station.rawValue)
            + Layout.select("kind", label: t("duty.kind"), options: ShiftKind.allCases.map { ($0.rawValue, "\(t("shiftKind.\($0.rawValue)")) \(t("shiftHours.\($0.rawValue)"))") }, selected: ShiftKind.day.rawValue)
            + Layout.field("from", label: t("period.from"), value: month.from, type: "date", extra: "required")
            + Layout.field("to", label: t("period.to"), value: month.to, type: "date", extra: "required")
            + "<fieldset class=\"weekdays\"><legend>\(t("duty.weekdays"))</legend>" + weekdays + "<small>\(t("duty.weekdaysHint"))</small></fieldset>"
            + "<button type=\"submit\">\(t("duty.assignButton"))</button></fieldset>", class: "card step-roster")
    }

    /// The roster page. `ahead`: the gaps of the coming weeks, whatever month is shown.
    static func page(_ ctx: PageContext, _ r: Roster, month: String, stations: [Domain.Unit], staff: [Account], ahead: Roster, keeps: Bool,
                     errors: [FieldError] = [], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let (prev, next) = monthsAround(month)
        let q = { (m: String) in "station=\(r.stationID)&month=\(m)" }
        var body = Layout.errors(t, errors, labels: errorLabels(t, errors))
        if stations.count > 1 {
            body += "<form method=\"get\" action=\"\(Site.duty(nil).path)\" class=\"filters\">"
                + Layout.select("station", label: t("duty.station"), options: stations.map { (String($0.id), $0.name) }, selected: String(r.stationID))
                + "<input type=\"hidden\" name=\"month\" value=\"\(month)\"><button type=\"submit\">\(t("form.show"))</button></form>"
        }
        body += "<nav class=\"tabs\">" + Layout.link(Site.duty(q(prev)).path, "← \(prev)") + " <strong>\(month)</strong> " + Layout.link(Site.duty(q(next)).path, "\(next) →")
            + " · " + Layout.link(Site.dutyPrint(q(month)).path, t("duty.print")) + " · " + Layout.link(Site.rollCalls(nil).path, t("nav.rollCalls")) + "</nav>"
        body += ExportTable.links(t, to: .dutyExport(nil), query: q(month))
        // Leaders fill gaps; everyone else wants to know when they are on.
        body += keeps ? aheadPanel(t, ahead) : myShifts(t, ahead, userID: ctx.account?.id)
        if keeps { body += form(ctx, station: stations.first { $0.id == r.stationID } ?? stations[0], staff: staff, month: (r.from, r.to)) }
        body += table(ctx, r, removable: keeps)
        return HTMLPage(html: Layout.page(ctx, title: t("duty.title", r.stationName, month), body), status: status)
    }

    /// The gaps of the coming weeks: those on holidays first and all of them (a holiday is
    /// where a roster most often falls short), then the nearest of the rest.
    static func aheadPanel(_ t: Texts, _ ahead: Roster) -> HTML {
        let names = Dictionary(ahead.shifts.map { ($0.userID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let onHolidays = ahead.gaps.filter { $0.holiday != nil }, others = ahead.gaps.filter { $0.holiday == nil }
        func items(_ gaps: ArraySlice<DutyGap>) -> HTML {
            "<ul class=\"list gaps\">" + gaps.map { g in
                HTML("<li>\(g.day) \(weekday(t, CivilDate.dayNumber(g.day) ?? 0))\(g.holiday.map { " · \($0)" } ?? "") · \(gapText(t, g, names: names))</li>")
            }.joined() + "</ul>"
        }
        var body: HTML = "<section class=\"card ahead\"><h2>\(t("duty.ahead", ahead.from, ahead.to))</h2>"
        if ahead.gaps.isEmpty { return body + "<p class=\"muted\">\(t("duty.noGaps"))</p></section>" }
        body += "<p><strong class=\"gap\">\(t("duty.gapCount", String(ahead.gaps.count)))</strong></p>"
        if !onHolidays.isEmpty { body += "<h3>\(t("duty.holidayGaps"))</h3>" + items(onHolidays[...]) }
        if !others.isEmpty { body += "<h3>\(t("duty.nearestGaps"))</h3>" + items(others.prefix(10)) }
        return body + "</section>"
    }

    /// The caller's own shifts of the coming weeks.
    static func myShifts(_ t: Texts, _ ahead: Roster, userID: Int64?) -> HTML {
        let mine = ahead.shifts.filter { $0.userID == userID }
        return "<section class=\"card ahead\"><h2>\(t("duty.mine", ahead.from, ahead.to))</h2>"
            + (mine.isEmpty ? HTML("<p class=\"muted\">\(t("duty.noneMine"))</p>") : "<ul class=\"list\">" + mine.map { s in
                HTML("<li>\(s.day) \(weekday(t, CivilDate.dayNumber(s.day) ?? 0)) · \(column(t, s.post, s.kind)) \(t("shiftHours.\(s.kind.rawValue)"))</li>")
            }.joined() + "</ul>") + "</section>"
    }

    /// The month on A4 (portrait: a day a line), with the lines it is signed on.
    static func print(_ ctx: PageContext, _ r: Roster, month: String) -> HTMLPage {
        let t = ctx.t
        let body: HTML = "<link rel=\"stylesheet\" href=\"/static/roster.css\"><div class=\"roster-print\"><p class=\"actions\"><button type=\"button\" data-print>\(t("duty.printButton"))</button></p>"
            + table(ctx, r, removable: false)
            + (r.gaps.isEmpty ? "" : HTML("<p class=\"gap\">\(t("duty.gapCount", String(r.gaps.count)))</p>"))
            + "<p class=\"sign\">\(t("duty.sign"))</p></div><script src=\"/static/print.js\" defer></script>"
        return HTMLPage(html: Layout.page(ctx, title: t("duty.title", r.stationName, month), body))
    }

    static func exportTable(_ t: Texts, _ r: Roster, month: String) -> ExportTable {
        ExportTable(title: t("duty.title", r.stationName, month), headers: [t("duty.day"), t("duty.weekdays"), t("duty.post"), t("duty.kind"), t("duty.person")],
                    rows: r.shifts.map { s in
            [.text(s.day), .text(weekday(t, CivilDate.dayNumber(s.day) ?? 0)), .text(t("dutyPost.\(s.post.rawValue)")), .text(t("shiftKind.\(s.kind.rawValue)")), .text(s.name)]
        })
    }

    /// The duty-gap figure's records: every gap of the stations in the unit over the period.
    static func gapsTable(_ t: Texts, _ gaps: [StationGap]) -> ExportTable {
        ExportTable(title: t("figure.dutyGaps"), headers: [t("duty.station"), t("duty.day"), t("duty.weekdays"), t("duty.holiday"), t("duty.gapWhat")], rows: gaps.map { g in
            [.text(g.stationName), .text(g.gap.day), .text(weekday(t, CivilDate.dayNumber(g.gap.day) ?? 0)), .text(g.gap.holiday ?? ""), .text(gapText(t, g.gap, names: [:]))]
        })
    }

    static func gaps(_ ctx: PageContext, _ gaps: [StationGap], from: String, to: String, query: String) -> HTMLPage {
        let t = ctx.t
        let rows: [[HTML]] = gaps.map { g in
            let month = String(g.gap.day.prefix(7))
            return [HTML.text(g.stationName), Layout.link(Site.duty("station=\(g.stationID)&month=\(month)").path, g.gap.day),
                    HTML.text(weekday(t, CivilDate.dayNumber(g.gap.day) ?? 0)), HTML.text(g.gap.holiday ?? ""), HTML.text(gapText(t, g.gap, names: [:]))]
        }
        let body: HTML = "<p>\(from) – \(to) · \(t("duty.gapCount", String(gaps.count)))</p>" + ExportTable.links(t, to: .dutyGapsExport, query: query)
            + Layout.table([t("duty.station"), t("duty.day"), t("duty.weekdays"), t("duty.holiday"), t("duty.gapWhat")], rows, empty: t("duty.noGaps"))
        return HTMLPage(html: Layout.page(ctx, title: t("figure.dutyGaps"), body))
    }

    /// `2026-12` → (`2026-11`, `2027-01`).
    static func monthsAround(_ month: String) -> (String, String) {
        let p = month.split(separator: "-").compactMap { Int($0) }
        guard p.count == 2 else { return (month, month) }
        let prev = p[1] == 1 ? (p[0] - 1, 12) : (p[0], p[1] - 1), next = p[1] == 12 ? (p[0] + 1, 1) : (p[0], p[1] + 1)
        return (String(CivilDate.iso(year: prev.0, month: prev.1, day: 1).prefix(7)), String(CivilDate.iso(year: next.0, month: next.1, day: 1).prefix(7)))
    }
}
