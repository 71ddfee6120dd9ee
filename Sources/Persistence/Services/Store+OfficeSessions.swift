import Domain
import Foundation
import SQLKit

/// 签到 / 签退 at the community office, as the officer's card shows it.
public struct OfficeSessionView: Sendable, Equatable, Codable {
    public var id: Int64
    public var checkIn: Date
    public var checkOut: Date?
    /// The check-out was forgotten: the rule closed it at `closedAt` (`OfficeHours.closedAt`).
    public var forgotten: Bool
    public var closedAt: Date
    public var latitude: Double?
    public var longitude: Double?
}

/// 坐班达标 of one officer for one week: the plan's blocks kept, missed or still to come.
public struct OfficeComplianceRow: Sendable, Equatable {
    public var officerID: Int64
    public var officerName: String
    public var week: OfficeHours.Week
}

extension Store {
    /// 签到: an officer at the office, with the phone's coordinates when given. One open session
    /// at a time; a forgotten one no longer counts as open once the rule has closed it.
    public func checkIn(latitude: Double?, longitude: Double?, _ caller: Caller) async throws -> OfficeSessionView {
        guard caller.role.mayAnswerForGrid, let userID = caller.userID, case .subtree(let path) = caller.jurisdiction else { throw Forbidden() }
        var errors: [FieldError] = []
        if let lat = latitude, !(-90...90).contains(lat) { errors.append(FieldError(field: "latitude", problem: .invalidChoice)) }
        if let lon = longitude, !(-180...180).contains(lon) { errors.append(FieldError(field: "longitude", problem: .invalidChoice)) }
        if (latitude == nil) != (longitude == nil) { errors.append(FieldError(field: latitude == nil ? "latitude" : "longitude", problem: .required)) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        if try await openSession(userID) != nil { throw ValidationFailure(field: "checkIn", .alreadyCheckedIn) }
        let t = now()
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "office_sessions").columns("user_id", "unit_path", "check_in", "latitude", "longitude")
                .values(SQLBind(userID), SQLBind(path), SQLBind(t), SQLBind(latitude), SQLBind(longitude)).returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "office.check_in", "office_session", String(id), latitude.map { "at \($0),\(longitude ?? 0)" } ?? "no position", at: path)
            return id
        }
        return try await officeSessions(userID: userID, from: t.addingTimeInterval(-1)).first { $0.id == id }!
    }

    /// 签退: closes the open session, now or at the time given (a check-out pressed late); never
    /// before the check-in, never in the future.
    public func checkOut(at given: Date?, _ caller: Caller) async throws -> OfficeSessionView {
        guard caller.role.mayAnswerForGrid, let userID = caller.userID, case .subtree(let path) = caller.jurisdiction else { throw Forbidden() }
        guard let open = try await openSession(userID) else { throw ValidationFailure(field: "checkOut", .notAllowedNow) }
        let out = given ?? now()
        if let f = OfficeHours.validateCheckOut(out, checkIn: open.checkIn, now: now()) { throw f }
        try await write { tx in
            guard try await tx.update("office_sessions").set("check_out", to: out).where("id", .equal, open.id).where(SQLRaw("check_out IS NULL"))
                .returning("id").first() != nil else { throw ValidationFailure(field: "checkOut", .notAllowedNow) }
            try await self.audit(tx, caller, "office.check_out", "office_session", String(open.id), ChinaTime.minute(out), at: path)
        }
        return try await officeSessions(userID: userID, from: open.checkIn.addingTimeInterval(-1)).first { $0.id == open.id }!
    }

    /// Sessions copied from the office's paper sign-in book (and the demo's past weeks): the
    /// administrator only, audited as one line per officer.
    public func importOfficeSessions(userID: Int64, _ sessions: [OfficeSession], _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        guard let path = try await accountQuery().where(SQLColumn("id", table: "u"), .equal, SQLBind(userID)).first(decoding: AccountRow.self, with: Store.rowDecoder)?.unitPath
        else { throw ValidationFailure(field: "userID", .unknownOfficer) }
        for s in sessions { if let out = s.checkOut, let f = OfficeHours.validateCheckOut(out, checkIn: s.checkIn, now: now()) { throw f } }
        try await write { tx in
            try await BulkInsert(table: "office_sessions", columns: ["user_id", "unit_path", "check_in", "check_out"])
                .run(tx, sessions.map { [userID, path, $0.checkIn, $0.checkOut] })
            try await self.audit(tx, caller, "office.import", "user", String(userID), "\(sessions.count) sessions", at: path)
        }
    }

    /// The session still open: no check-out, and the rule has not yet closed it.
    public func openSession(_ userID: Int64) async throws -> OfficeSessionView? {
        try await officeSessions(userID: userID, from: now().addingTimeInterval(-86400)).last { $0.checkOut == nil && !$0.forgotten }
    }

    /// An officer's sessions since `from`, oldest first.
    public func officeSessions(userID: Int64, from: Date) async throws -> [OfficeSessionView] {
        let t = now()
        return try await sql.select().columns("id", "check_in", "check_out", "latitude", "longitude").from("office_sessions").where("user_id", .equal, userID)
            .where("check_in", .greaterThanOrEqual, from).orderBy("check_in").all(decoding: OfficeSessionRow.self, with: Store.rowDecoder).map { $0.view(now: t) }
    }

    struct OfficeSessionRow: Decodable {
        var id: Int64; var checkIn: Date; var checkOut: Date?; var latitude: Double?; var longitude: Double?
        func view(now: Date) -> OfficeSessionView {
            let s = OfficeSession(checkIn: checkIn, checkOut: checkOut)
            return OfficeSessionView(id: id, checkIn: checkIn, checkOut: checkOut, forgotten: OfficeHours.isForgotten(s, now: now), closedAt: OfficeHours.closedAt(s),
                                     latitude: latitude, longitude: longitude)
        }
    }

    /// 坐班达标 of a station's officers for the week from `monday`: each officer with a plan.
    public func officeCompliance(stationID: Int64?, monday: String, _ caller: Caller) async throws -> [OfficeComplianceRow] {
        try await officeCompliance(plans: try await officePlans(stationID: stationID, caller).plans, monday: monday, rule: try await officeHoursRule())
    }

    /// The same for plans already read (`officePlans`, which checked the caller's reach).
    public func officeCompliance(plans: [OfficePlanView], monday: String, rule: OfficeHoursRule) async throws -> [OfficeComplianceRow] {
        guard let first = CivilDate.dayNumber(monday) else { throw ValidationFailure(field: "week", .invalidDate) }
        let start = OfficeHours.date(minute: first * 1440), end = OfficeHours.date(minute: (first + 7) * 1440)
        let sessions = try await sessions(userIDs: plans.map(\.officerID), from: start, to: end)
        let off = try await daysOff(userIDs: plans.map(\.officerID), from: monday, to: CivilDate.iso(dayNumber: first + 6))
        let rows = plans.filter { !$0.plan.blocks.isEmpty }.compactMap { p -> OfficeComplianceRow? in
            OfficeHours.week(monday: monday, plan: p.plan, sessions: sessions[p.officerID] ?? [], rule: rule, now: now(), daysOff: Set((off[p.officerID] ?? []).map(\.day)))
                .map { OfficeComplianceRow(officerID: p.officerID, officerName: p.officerName, week: $0) }
        }
        return rows
    }

    func sessions(userIDs: [Int64], from: Date, to: Date) async throws -> [Int64: [OfficeSession]] {
        guard !userIDs.isEmpty else { return [:] }
        var out: [Int64: [OfficeSession]] = [:]
        for r in try await sql.select().columns("user_id", "check_in", "check_out").from("office_sessions").where("user_id", .in, SQLBind.group(userIDs))
            .where("check_in", .greaterThanOrEqual, from).where("check_in", .lessThan, to).all() {
            out[try r.decode(column: "user_id", as: Int64.self), default: []].append(OfficeSession(checkIn: try r.decode(column: "check_in", as: Date.self),
                                                                                                    checkOut: try r.decode(column: "check_out", as: Date?.self)))
        }
        return out
    }
}

extension Store {
    /// Each planning officer under the unit with the period's ended half-days and evenings, planned
    /// and kept (the current plan, applied to each week of the period). For the figures.
    func officeFacts(_ scope: FigureScope) async throws -> [(path: String, counts: FigureCounts)] {
        var q = sql.select().columns("user_id", "unit_path", "blocks").from("office_plans")
            .where(Jurisdiction.subtree(path: scope.unit.path).predicate(pathColumn: "unit_path", householdColumn: "unit_path"))
        if let officer = scope.officerID { q = q.where("user_id", .equal, officer) }
        let plans = try await q.all().compactMap { r -> (Int64, String, WeeklyPlan)? in
            guard let plan = WeeklyPlan(text: try r.decode(column: "blocks", as: String.self)) else { return nil }
            return (try r.decode(column: "user_id", as: Int64.self), try r.decode(column: "unit_path", as: String.self), plan)
        }
        let sessions = try await sessions(userIDs: plans.map(\.0), from: scope.period.start.addingTimeInterval(-86400), to: scope.period.end)
        let (from, to) = scope.period.dayStrings(), t = now(), rule = try await officeHoursRule()
        let off = try await daysOff(userIDs: plans.map(\.0), from: from, to: to)
        return plans.map { officer, path, plan in
            let blocks = OfficeHours.period(from: from, to: to, plan: plan, sessions: sessions[officer] ?? [], rule: rule, now: t,
                                            daysOff: Set((off[officer] ?? []).map(\.day))).filter { $0.state != .pending }
            var c = FigureCounts()
            c.officeHalfDaysPlanned = blocks.filter(\.block.isHalfDay).count
            c.officeHalfDaysKept = blocks.filter { $0.block.isHalfDay && $0.state == .kept }.count
            c.officeEveningsPlanned = blocks.filter { $0.block == .evening }.count
            c.officeEveningsKept = blocks.filter { $0.block == .evening && $0.state == .kept }.count
            return (path, c)
        }
    }
}
