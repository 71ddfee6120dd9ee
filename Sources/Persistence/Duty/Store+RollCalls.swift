import Domain
import Foundation
import SQLKit

/// A roll call as its list and page show it.
public struct RollCallView: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var userID: Int64
        public var name: String
        public var status: RollCallStatus
    }
    public var id: Int64
    public var stationID: Int64
    public var stationName: String
    public var day: String
    public var slot: RollCallSlot
    public var present: Int
    public var onLeave: Int
    public var elsewhere: Int
    public var note: String
    public var recordedBy: String?
    /// Who was called and where they were (on the roll call's own page).
    public var entries: [Entry]
}

/// Which roll calls a list shows: the roll-call figures' drill-down.
public struct RollCallFilter: Sendable, Equatable {
    public var unitID: Int64?
    public var period: Period?
    public init(unitID: Int64? = nil, period: Period? = nil) { self.unitID = unitID; self.period = period }
}

extension Store {
    /// 点名: the leader records who was present, on leave or on duty elsewhere; once per station, day and slot.
    public func recordRollCall(stationID: Int64?, _ input: RollCallInput, _ caller: Caller) async throws -> RollCallView {
        guard caller.role.keepsRoster else { throw Forbidden() }
        let station = try await dutyStation(id: stationID, caller)
        var errors: [FieldError] = []
        var valid: ValidRollCall?
        switch RollCallRules.validate(input, today: ChinaTime.day(now())) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        let staff = Set(try await staff(of: station).map(\.id))
        for id in input.attendance.keys.sorted() where !staff.contains(id) { errors.append(FieldError(field: "attendance.\(id)", problem: .unknownOfficer)) }
        guard errors.isEmpty, let r = valid else { throw ValidationFailure(errors) }
        let tally = Dictionary(grouping: r.attendance.values, by: { $0 }).mapValues(\.count)
        let count = { @Sendable (s: RollCallStatus) in tally[s] ?? 0 }
        let id: Int64 = try await write { tx in
            let taken = try await tx.select().column("id").from("roll_calls").where("station_id", .equal, station.id).where("day", .equal, r.day)
                .where("slot", .equal, r.slot.rawValue).first()
            if taken != nil { throw ValidationFailure(field: "slot", .alreadyRecorded) }
            let id = try await tx.insert(into: "roll_calls")
                .columns("station_id", "unit_path", "day", "slot", "present", "on_leave", "elsewhere", "note", "created_by", "created_at")
                .values(SQLBind(station.id), SQLBind(station.path), SQLBind(r.day), SQLBind(r.slot.rawValue), SQLBind(count(.present)), SQLBind(count(.leave)),
                        SQLBind(count(.elsewhere)), SQLBind(r.note), SQLBind(caller.userID), SQLBind(self.now()))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await BulkInsert(table: "roll_call_entries", columns: ["roll_call_id", "user_id", "status"])
                .run(tx, r.attendance.sorted { $0.key < $1.key }.map { [id, $0.key, $0.value.rawValue] })
            try await self.audit(tx, caller, "roll_call.create", "roll_call", String(id),
                                 "\(r.day) \(r.slot.rawValue) present=\(count(.present)) leave=\(count(.leave)) elsewhere=\(count(.elsewhere))", at: station.path)
            return id
        }
        return try await rollCall(id: id, caller)
    }

    struct RollCallRow: Decodable {
        var id: Int64; var stationId: Int64; var stationName: String; var day: String; var slot: String; var present: Int; var onLeave: Int; var elsewhere: Int
        var note: String; var recordedBy: String?
        var view: RollCallView {
            RollCallView(id: id, stationID: stationId, stationName: stationName, day: day, slot: RollCallSlot(rawValue: slot) ?? .morning, present: present,
                         onLeave: onLeave, elsewhere: elsewhere, note: note, recordedBy: recordedBy, entries: [])
        }
    }

    private func rollCallQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("r.id, r.station_id, s.name AS station_name, r.day, r.slot, r.present, r.on_leave, r.elsewhere, r.note, w.display_name AS recorded_by"))
            .from(SQLAlias(SQLIdentifier("roll_calls"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("s")), on: SQLRaw("s.id = r.station_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = r.created_by"))
            .where(dutyReach(caller).predicate(pathColumn: "r.unit_path", householdColumn: "r.id"))
    }

    public func rollCalls(_ filter: RollCallFilter, _ caller: Caller, limit: Int = 500) async throws -> [RollCallView] {
        let q = try await narrowed(rollCallQuery(caller), "r", unitID: filter.unitID, period: filter.period, day: SQLColumn("day", table: "r"), caller)
        // Morning, noon, evening within a day, latest day first.
        return try await q.orderBy(SQLColumn("day", table: "r"), SQLDirection.descending).orderBy(SQLColumn("id", table: "r"), SQLDirection.descending)
            .limit(limit).all(decoding: RollCallRow.self, with: Store.rowDecoder).map(\.view)
    }

    public func rollCall(id: Int64, _ caller: Caller) async throws -> RollCallView {
        guard var v = try await rollCallQuery(caller).where(SQLColumn("id", table: "r"), .equal, SQLBind(id))
            .first(decoding: RollCallRow.self, with: Store.rowDecoder)?.view else { throw NotFound() }
        v.entries = try await sql.select().columns(SQLRaw("e.user_id, u.display_name, e.status")).from(SQLAlias(SQLIdentifier("roll_call_entries"), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLRaw("u.id = e.user_id"))
            .where(SQLColumn("roll_call_id", table: "e"), .equal, SQLBind(id)).orderBy(SQLColumn("user_id", table: "e")).all().map { r in
                RollCallView.Entry(userID: try r.decode(column: "user_id", as: Int64.self), name: try r.decode(column: "display_name", as: String.self),
                                   status: RollCallStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .present)
            }
        return v
    }
}
