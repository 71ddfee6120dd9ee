import Domain
import Foundation
import SQLKit

/// One person on one shift, as the roster shows it.
public struct RosterShift: Sendable, Equatable, Codable {
    public var id: Int64
    public var day: String
    public var post: DutyPost
    public var kind: ShiftKind
    public var userID: Int64
    public var name: String
    public var shift: DutyShift { DutyShift(day: day, post: post, kind: kind, userID: userID) }
}

/// A station's roster from one day to another, with its gaps and the calendar of those days.
public struct Roster: Sendable, Equatable, Codable {
    public var stationID: Int64
    public var stationName: String
    public var from: String
    public var to: String
    public var shifts: [RosterShift]
    public var gaps: [DutyGap]
    public var calendar: [CalendarDay]
}

/// A gap of the roster with the station it is in (the duty-gap figure's drill-down).
public struct StationGap: Sendable, Equatable, Codable {
    public var stationID: Int64
    public var stationName: String
    public var gap: DutyGap
}

extension Store {
    /// The station whose duty the caller keeps or reads: their own, or (above a station) one in reach.
    func dutyReach(_ caller: Caller) -> Jurisdiction {
        guard caller.role.seesWorkRecords, case .subtree(let path) = caller.jurisdiction else { return .nothing }
        return .subtree(path: Self.stationPath(of: path))
    }

    /// Stations whose roster and roll calls the caller may read, in tree order.
    public func dutyStations(_ caller: Caller) async throws -> [Domain.Unit] {
        try await sql.select().column("*").from("units").where("kind", .equal, UnitKind.station.rawValue)
            .where(dutyReach(caller).predicate(pathColumn: "path", householdColumn: "id"))
            .orderBy("path").all(decoding: UnitRow.self, with: Store.rowDecoder).map { $0.domain() }
    }

    /// One station in the caller's duty reach: the one named, or the first (a station's own people have one).
    public func dutyStation(id: Int64?, _ caller: Caller) async throws -> Domain.Unit {
        let stations = try await dutyStations(caller)
        guard let s = id.map({ id in stations.first { $0.id == id } }) ?? stations.first else { throw NotFound() }
        return s
    }

    /// Officers, auxiliaries and leaders of a station, who may be put on its roster and called.
    public func staff(of station: Domain.Unit) async throws -> [Account] { try await staff(under: station.path) }

    func staff(under path: String) async throws -> [Account] {
        try await accountQuery().where(Jurisdiction.subtree(path: path).predicate(pathColumn: "un.path", householdColumn: "u.household_id"))
            .where(SQLColumn("role", table: "u"), .in, SQLBind.group([Role.stationLeader, .officer, .auxiliary].map(\.rawValue)))
            .where(SQLColumn("disabled", table: "u"), .equal, SQLBind(false))
            .orderBy(SQLColumn("path", table: "un")).orderBy(SQLColumn("username", table: "u"))
            .all(decoding: AccountRow.self, with: Store.rowDecoder).map(\.account)
    }

    // MARK: The holiday calendar

    public func holidayCalendar() async throws -> HolidayCalendar { HolidayCalendar(try await calendarDays(year: nil)) }

    /// The calendar's days, of one year or all.
    public func calendarDays(year: Int?) async throws -> [CalendarDay] {
        var q = sql.select().columns("day", "kind", "name").from("holidays")
        if let year { q = q.where("day", .greaterThanOrEqual, "\(year)-01-01").where("day", .lessThanOrEqual, "\(year)-12-31") }
        return try await q.orderBy("day").all().map { r in
            CalendarDay(day: try r.decode(column: "day", as: String.self), kind: CalendarDayKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .holiday,
                        name: try r.decode(column: "name", as: String.self))
        }
    }

    /// 节假日设置: a run of days off (or of days worked in exchange), replacing what those days said.
    public func saveHolidays(_ input: HolidayInput, _ caller: Caller) async throws -> [CalendarDay] {
        guard caller.role.mayConfigure else { throw Forbidden() }
        let days = try HolidayRules.validate(input).get()
        try await write { tx in
            try await tx.delete(from: "holidays").where("day", .in, days.map(\.day)).run()
            try await BulkInsert(table: "holidays", columns: ["day", "kind", "name"]).run(tx, days.map { [$0.day, $0.kind.rawValue, $0.name] })
            try await self.audit(tx, caller, "holiday.save", "holiday", days[0].day, "\(days[0].name) \(days[0].kind.rawValue) \(days[0].day)…\(days.last!.day)", at: "")
        }
        return days
    }

    public func deleteHoliday(day: String, _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        try await write { tx in
            let gone = try await tx.delete(from: "holidays").where("day", .equal, day).returning("name").all()
            guard let name = try gone.first?.decode(column: "name", as: String.self) else { throw NotFound() }
            try await self.audit(tx, caller, "holiday.delete", "holiday", day, name, at: "")
        }
    }

    // MARK: The roster

    private func shiftRows(_ q: SQLSelectBuilder) async throws -> [(stationID: Int64, shift: RosterShift)] {
        try await q.columns(SQLRaw("s.id, s.station_id, s.day, s.post, s.kind, s.user_id, u.display_name"))
            .from(SQLAlias(SQLIdentifier("duty_shifts"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLRaw("u.id = s.user_id"))
            .orderBy(SQLColumn("day", table: "s")).orderBy(SQLColumn("id", table: "s")).all().map { r in
                (try r.decode(column: "station_id", as: Int64.self),
                 RosterShift(id: try r.decode(column: "id", as: Int64.self), day: try r.decode(column: "day", as: String.self),
                             post: DutyPost(rawValue: try r.decode(column: "post", as: String.self)) ?? .station,
                             kind: ShiftKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .day,
                             userID: try r.decode(column: "user_id", as: Int64.self), name: try r.decode(column: "display_name", as: String.self)))
            }
    }

    /// A station's roster for days `from`…`to` (`2026-12-01`), with the gaps of those days.
    public func roster(stationID: Int64?, from: String, to: String, _ caller: Caller) async throws -> Roster {
        let station = try await dutyStation(id: stationID, caller)
        guard let a = CivilDate.dayNumber(from), let b = CivilDate.dayNumber(to), a <= b, b - a < 400 else { throw ValidationFailure(field: "period", .invalidDate) }
        // The day before too: its night or holiday shift runs into the first morning.
        let shifts = try await shiftRows(sql.select().where(SQLColumn("station_id", table: "s"), .equal, SQLBind(station.id))
            .where(SQLColumn("day", table: "s"), .greaterThanOrEqual, SQLBind(CivilDate.iso(dayNumber: a - 1))).where(SQLColumn("day", table: "s"), .lessThanOrEqual, SQLBind(to))).map(\.shift)
        let calendar = try await holidayCalendar()
        return Roster(stationID: station.id, stationName: station.name, from: from, to: to, shifts: shifts.filter { $0.day >= from },
                      gaps: RosterRules.gaps(from: a, to: b, shifts: shifts.map(\.shift), calendar: calendar),
                      calendar: (a...b).compactMap { calendar.entry($0) })
    }

    /// The gaps of every station in the unit, from one day to another (the duty-gap figure's records).
    public func dutyGaps(unitID: Int64?, period: Period, _ caller: Caller) async throws -> [StationGap] {
        var stations = try await dutyStations(caller)
        if let unitID { let u = try await unit(id: unitID, caller); stations = stations.filter { $0.path.hasPrefix(u.path) } }
        let (from, to) = period.dayStrings()
        return try await Self.gaps(sql, stations: stations, from: from, to: to, calendar: try await holidayCalendar())
    }

    /// Gaps per station, from one query for all their shifts.
    static func gaps(_ sql: any SQLDatabase, stations: [Domain.Unit], from: String, to: String, calendar: HolidayCalendar) async throws -> [StationGap] {
        guard !stations.isEmpty, let a = CivilDate.dayNumber(from), let b = CivilDate.dayNumber(to) else { return [] }
        var byStation: [Int64: [DutyShift]] = [:]
        for chunk in stations.map(\.id).chunked(BulkInsert.maxBinds) {
            let rows = try await sql.select().columns("station_id", "day", "post", "kind", "user_id").from("duty_shifts").where("station_id", .in, chunk)
                .where("day", .greaterThanOrEqual, CivilDate.iso(dayNumber: a - 1)).where("day", .lessThanOrEqual, to).all()
            for r in rows {
                guard let post = DutyPost(rawValue: try r.decode(column: "post", as: String.self)), let kind = ShiftKind(rawValue: try r.decode(column: "kind", as: String.self)) else { continue }
                byStation[try r.decode(column: "station_id", as: Int64.self), default: []]
                    .append(DutyShift(day: try r.decode(column: "day", as: String.self), post: post, kind: kind, userID: try r.decode(column: "user_id", as: Int64.self)))
            }
        }
        return stations.flatMap { s in
            RosterRules.gaps(from: a, to: b, shifts: byStation[s.id] ?? [], calendar: calendar).map { StationGap(stationID: s.id, stationName: s.name, gap: $0) }
        }
    }

    /// 排班: the leader puts a person of the station on a post and shift for a run of days.
    public func assignShifts(stationID: Int64?, _ input: ShiftInput, _ caller: Caller) async throws -> [RosterShift] {
        guard caller.role.keepsRoster else { throw Forbidden() }
        let station = try await dutyStation(id: stationID, caller)
        guard try await staff(of: station).contains(where: { $0.id == input.userID }) else { throw ValidationFailure(field: "userID", .unknownOfficer) }
        let a = CivilDate.dayNumber(input.from.trimmed).map { CivilDate.iso(dayNumber: $0 - 1) } ?? "", b = CivilDate.dayNumber(input.to.trimmed).map { CivilDate.iso(dayNumber: $0 + 1) } ?? ""
        let existing = try await shiftRows(sql.select().where(SQLColumn("user_id", table: "s"), .equal, SQLBind(input.userID))
            .where(SQLColumn("day", table: "s"), .greaterThanOrEqual, SQLBind(a)).where(SQLColumn("day", table: "s"), .lessThanOrEqual, SQLBind(b))).map(\.shift.shift)
        let planned = try RosterRules.plan(input, calendar: try await holidayCalendar(), existing: existing).get()
        let t = now()
        let ids: [Int64] = try await write { tx in
            let rows = try await BulkInsert(table: "duty_shifts", columns: ["station_id", "unit_path", "day", "post", "kind", "user_id", "created_by", "created_at"], returning: ["id"])
                .run(tx, planned.map { [station.id, station.path, $0.day, $0.post.rawValue, $0.kind.rawValue, $0.userID, caller.userID, t] })
            try await self.audit(tx, caller, "duty.assign", "duty_shift", String(input.userID),
                                 "\(planned[0].post.rawValue) \(planned[0].kind.rawValue) \(planned[0].day)…\(planned.last!.day) days=\(planned.count)", at: station.path)
            return try rows.map { try $0.decode(column: "id", as: Int64.self) }
        }
        return try await shiftRows(sql.select().where(SQLColumn("id", table: "s"), .in, SQLBind.group(ids))).map(\.shift)
    }

    /// Takes one person off one shift; gives back the station and day it was.
    @discardableResult
    public func removeShift(id: Int64, _ caller: Caller) async throws -> (stationID: Int64, day: String) {
        guard caller.role.keepsRoster else { throw Forbidden() }
        return try await write { tx in
            let gone = try await tx.delete(from: "duty_shifts").where("id", .equal, id)
                .where(self.dutyReach(caller).predicate(pathColumn: "unit_path", householdColumn: "id")).returning("station_id", "unit_path", "day", "post", "kind", "user_id").all()
            guard let r = gone.first else { throw NotFound() }
            try await self.audit(tx, caller, "duty.remove", "duty_shift", String(id),
                                 "\(try r.decode(column: "post", as: String.self)) \(try r.decode(column: "kind", as: String.self)) \(try r.decode(column: "day", as: String.self)) user=\(try r.decode(column: "user_id", as: Int64.self))",
                                 at: try r.decode(column: "unit_path", as: String.self))
            return (try r.decode(column: "station_id", as: Int64.self), try r.decode(column: "day", as: String.self))
        }
    }
}
