import Domain
import Foundation
import Persistence
import Vapor

/// 统计: the figures of a unit (or an officer's own) for a period, the units below compared,
/// and every number a link to the records behind it.
struct DashboardWebController {
    struct Data {
        var unit: Domain.Unit; var officerOnly: Bool; var period: Period; var counts: FigureCounts; var comparison: [(Domain.Unit, FigureCounts)]
        /// For leaders: the weeks up to the period's end, and the requests past or near their deadline now.
        var trend: [WeekFigures], overdue: [RequestView], atRisk: [RequestView], now: Date
        /// The holidays of the last year and a bit, each a period to pick by name (清明节).
        var holidays: [HolidayPeriod] = []
    }

    static let trendWeeks = 12, listed = 10

    func dashboard(_ req: Request) async throws -> HTMLPage {
        DashboardPage.render(req.pageContext, try await data(req))
    }

    /// The printable ledger of the same unit and period.
    func ledger(_ req: Request) async throws -> HTMLPage {
        DashboardPage.ledger(req.pageContext, try await data(req))
    }

    /// The same figures and comparison as the page, as CSV or XLSX (`?format=`).
    func export(_ req: Request) async throws -> Response {
        let d = try await data(req), t = Texts(req.language)
        let (from, to) = d.period.dayStrings()
        return try ExportTable.response(DashboardPage.tables(t, d), for: req, filename: "\(t("dashboard.title"))-\(d.unit.name)-\(from)-\(to)")
    }

    func data(_ req: Request) async throws -> Data {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords, case .subtree(let root) = caller.jurisdiction else { throw NotFound() }
        let period = try req.period()
        let units = try await req.store.units(caller)
        // The jurisdiction's units are loaded anyway (for the comparison): the unit asked for is one of them.
        let id = req.query[Int64.self, at: "unit"]
        guard let unit = units.first(where: { id == nil ? $0.path == root : $0.id == id }) else { throw NotFound() }
        // Officers and auxiliaries see their own work; leaders the unit's.
        let officer = caller.role.mayDirectWork ? nil : caller.userID
        // The units one level down, compared in the same grouped queries (none for an officer's own).
        let children = officer == nil ? units.filter { $0.parentID == unit.id } : []
        let store = req.store, now = store.now()
        // For leaders, the trend and the urgent lists are read alongside the figures.
        async let figures = store.figureCounts(FigureScope(unit: unit, officerID: officer, period: period), comparing: children, caller)
        async let trend = officer == nil ? store.weeklyTrend(unit: unit, weeks: Self.trendWeeks, until: min(period.end.addingTimeInterval(-1), now), caller) : []
        async let overdue = officer == nil ? store.requests(RequestFilter(show: .overdue, unitID: unit.id, limit: Self.listed), caller) : []
        async let atRisk = officer == nil ? store.requests(RequestFilter(show: .atRisk, unitID: unit.id, limit: Self.listed), caller) : []
        async let calendar = store.holidayCalendar()
        let (counts, rows) = try await figures
        let today = ChinaTime.day(now), yearAgo = CivilDate.iso(dayNumber: (CivilDate.dayNumber(today) ?? 0) - 400)
        let holidays = try await calendar.periods.filter { $0.from <= today && $0.to >= yearAgo }
        return Data(unit: unit, officerOnly: officer != nil, period: period, counts: counts, comparison: Array(zip(children, rows)),
                    trend: try await trend, overdue: try await overdue, atRisk: try await atRisk, now: now, holidays: holidays)
    }
}
