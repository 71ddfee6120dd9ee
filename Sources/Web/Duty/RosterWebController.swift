import Domain
import Foundation
import Persistence
import Vapor

/// 值班表 pages: the month of a station, putting people on shifts and taking them off, the A4
/// print, the export, and the duty-gap figure's list.
struct RosterWebController {
    /// How far ahead the roster page lists gaps, whatever month it shows.
    static let aheadDays = 60

    struct ShiftForm: Content {
        var station: String?; var userID: String?; var post: String?; var kind: String?; var from: String?; var to: String?; var weekdays: [String]?
        var input: ShiftInput {
            ShiftInput(post: post ?? "", kind: kind ?? "", userID: userID.flatMap { Int64($0) } ?? 0, from: from ?? "", to: to ?? from ?? "",
                       weekdays: (weekdays ?? []).compactMap { Int($0) })
        }
    }

    /// The station (`station`, else the caller's own) and month (`month=2026-12`, else this one) a page asks for.
    static func monthQuery(_ req: Request) throws -> (station: Int64?, month: String, from: String, to: String) {
        var station: Int64?
        if let raw = req.query[String.self, at: "station"] {
            guard let id = Int64(raw) else { throw ValidationFailure(field: "station", .unknownUnit) }
            station = id
        }
        let month = req.query[String.self, at: "month"] ?? String(ChinaTime.day(req.application.settings.now()).prefix(7))
        guard let first = CivilDate.dayNumber(month + "-01") else { throw ValidationFailure(field: "month", .invalidDate) }
        let p = month.split(separator: "-").compactMap { Int($0) }
        return (station, month, CivilDate.iso(dayNumber: first), CivilDate.iso(dayNumber: first + CivilDate.daysIn(month: p[1], year: p[0]) - 1))
    }

    func page(_ req: Request) async throws -> HTMLPage { try await rosterPage(req, errors: []) }

    private func rosterPage(_ req: Request, errors: [FieldError], station: Int64? = nil, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller(), q = try Self.monthQuery(req)
        let roster = try await req.store.roster(stationID: station ?? q.station, from: q.from, to: q.to, caller)
        let today = CivilDate.dayNumber(ChinaTime.day(req.application.settings.now())) ?? 0
        let ahead = try await req.store.roster(stationID: roster.stationID, from: CivilDate.iso(dayNumber: today), to: CivilDate.iso(dayNumber: today + Self.aheadDays - 1), caller)
        let stations = try await req.store.dutyStations(caller)
        let keeps = caller.role.keepsRoster
        let staff = keeps ? try await req.store.staff(of: try await req.store.dutyStation(id: roster.stationID, caller)) : []
        return RosterPages.page(req.pageContext, roster, month: q.month, stations: stations, staff: staff, ahead: ahead, keeps: keeps, errors: errors, status: status)
    }

    func assign(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ShiftForm.self)
        let station = form.station.flatMap { Int64($0) }
        do {
            let shifts = try await req.store.assignShifts(stationID: station, form.input, try req.caller())
            let month = "month=\(shifts.first.map { String($0.day.prefix(7)) } ?? "")"
            return req.redirect(to: Site.duty(station.map { "station=\($0)&\(month)" } ?? month).path)
        } catch let v as ValidationFailure {
            return try await rosterPage(req, errors: v.errors, station: station, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func remove(_ req: Request) async throws -> Response {
        let (station, day) = try await req.store.removeShift(id: try req.id(), try req.caller())
        return req.redirect(to: Site.duty("station=\(station)&month=\(day.prefix(7))").path)
    }

    func print(_ req: Request) async throws -> HTMLPage {
        let q = try Self.monthQuery(req)
        return RosterPages.print(req.pageContext, try await req.store.roster(stationID: q.station, from: q.from, to: q.to, try req.caller()), month: q.month)
    }

    func export(_ req: Request) async throws -> Response {
        let q = try Self.monthQuery(req), t = Texts(req.language)
        let roster = try await req.store.roster(stationID: q.station, from: q.from, to: q.to, try req.caller())
        return try ExportTable.response([RosterPages.exportTable(t, roster, month: q.month)], for: req, filename: t("duty.title", roster.stationName, q.month))
    }

    func gaps(_ req: Request) async throws -> HTMLPage {
        let (gaps, period) = try await Self.gaps(req)
        let (from, to) = period.dayStrings()
        return RosterPages.gaps(req.pageContext, gaps, from: from, to: to, query: req.url.query ?? "")
    }

    func gapsExport(_ req: Request) async throws -> Response {
        let t = Texts(req.language)
        return try ExportTable.response([RosterPages.gapsTable(t, try await Self.gaps(req).gaps)], for: req, filename: t("figure.dutyGaps"))
    }

    /// The duty-gap figure's records for the unit and period asked for.
    private static func gaps(_ req: Request) async throws -> (gaps: [StationGap], period: Period) {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let q = try req.listQuery(default: ListShow.all), period = try req.period()
        return (try await req.store.dutyGaps(unitID: q.unitID, period: period, caller), period)
    }
}
