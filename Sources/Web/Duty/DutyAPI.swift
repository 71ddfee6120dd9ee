import Domain
import Persistence
import Vapor

extension Roster: Content {}
extension RosterShift: Content {}
extension StationGap: Content {}
extension RollCallView: Content {}
extension CalendarDay: Content {}

/// 值班 in the JSON API: rosters, shifts, gaps, roll calls and the holiday calendar, through the
/// same store calls as the pages.
struct DutyAPI {
    struct ShiftBody: Content { var station: Int64?; var shift: ShiftInput }
    struct RollCallBody: Content { var station: Int64?; var rollCall: RollCallInput }

    /// `station` (else the caller's own) and `from`/`to` days (else this month).
    func roster(_ req: Request) async throws -> Roster {
        let q = try RosterWebController.monthQuery(req)
        let from = req.query[String.self, at: "from"] ?? q.from, to = req.query[String.self, at: "to"] ?? q.to
        return try await req.store.roster(stationID: q.station, from: from, to: to, try req.caller())
    }

    func assign(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(ShiftBody.self)
        return try await req.store.assignShifts(stationID: body.station, body.shift, try req.caller()).encodeResponse(status: .created, for: req)
    }

    func remove(_ req: Request) async throws -> HTTPStatus {
        try await req.store.removeShift(id: try req.id(), try req.caller())
        return .noContent
    }

    func gaps(_ req: Request) async throws -> [StationGap] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.dutyGaps(unitID: try req.listQuery(default: ListShow.all).unitID, period: try req.period(), caller)
    }

    func rollCalls(_ req: Request) async throws -> [RollCallView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.rollCalls(try RollCallWebController.filter(req), caller, limit: 10_000)
    }

    func recordRollCall(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(RollCallBody.self)
        return try await req.store.recordRollCall(stationID: body.station, body.rollCall, try req.caller()).encodeResponse(status: .created, for: req)
    }

    func rollCall(_ req: Request) async throws -> RollCallView { try await req.store.rollCall(id: try req.id(), try req.caller()) }

    func holidays(_ req: Request) async throws -> [CalendarDay] {
        _ = try req.caller()
        return try await req.store.calendarDays(year: try HolidaySettingsController.year(req))
    }

    func saveHolidays(_ req: Request) async throws -> Response {
        try await req.store.saveHolidays(try req.decodeJSON(HolidayInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }
}
