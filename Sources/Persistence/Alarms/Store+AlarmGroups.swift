import Domain
import Foundation
import SQLKit

/// A household of a 联防组, with who in it an alarm reaches: residents with a portal account
/// live, the others by their (masked) phone.
public struct AlarmMember: Sendable, Equatable, Codable {
    public struct Person: Sendable, Equatable, Codable {
        public var residentID: Int64
        public var name: String
        public var phoneMasked: String?
    }
    public var householdID: Int64
    public var address: String
    /// Portal accounts of the household: an alarm reaches them on their page.
    public var accounts: Int
    public var residents: [Person]
}

public struct AlarmGroupView: Sendable, Equatable, Codable {
    public var id: Int64
    public var gridID: Int64
    public var gridName: String
    public var name: String
    public var members: [AlarmMember]
    public var updatedAt: Date
}

/// A grid's groups, the households not yet in one, and the groups the page suggests for them.
public struct GridAlarmGroups: Sendable, Equatable, Codable {
    public var gridID: Int64
    public var gridName: String
    public var households: Int
    public var groups: [AlarmGroupView]
    public var ungrouped: [HouseholdView]
    public var suggestions: [GroupSuggestion]
}

extension Store {
    /// 联防组 of a grid in the caller's reach.
    public func alarmGroups(gridID: Int64, _ caller: Caller) async throws -> GridAlarmGroups {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let grid = try await unit(id: gridID, caller)
        guard grid.kind == .grid else { throw NotFound() }
        let groups = try await groupViews(SQLColumn("grid_id", table: "a"), grid.id, caller)
        let ungrouped = try await householdsInNoGroup(gridID: grid.id, caller)
        let total = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("households").where("grid_id", .equal, grid.id)
            .first()!.decode(column: "n", as: Int.self)
        return GridAlarmGroups(gridID: grid.id, gridName: grid.name, households: total, groups: groups, ungrouped: ungrouped,
                               suggestions: AlarmGroupRules.suggestions(ungrouped.map { ($0.id, $0.address) }))
    }

    /// A grid's households in no group, by address: those a group may still take.
    public func householdsInNoGroup(gridID: Int64, _ caller: Caller) async throws -> [HouseholdView] {
        try await sql.select().columns("id", "address").from(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")))
            .where("grid_id", .equal, gridID).where(caller.jurisdiction.predicate(pathColumn: "h.unit_path", householdColumn: "h.id"))
            .where(SQLRaw("NOT EXISTS (SELECT 1 FROM alarm_group_members m WHERE m.household_id = h.id)"))
            .orderBy("address").all().map { r in
                HouseholdView(id: try r.decode(column: "id", as: Int64.self), gridID: gridID, address: try r.decode(column: "address", as: String.self), residentCount: 0)
            }
    }

    public func alarmGroup(id: Int64, _ caller: Caller) async throws -> AlarmGroupView {
        guard caller.role.seesWorkRecords, let g = try await groupViews(SQLColumn("id", table: "a"), id, caller).first else { throw NotFound() }
        return g
    }

    /// The groups where `column` is `value`, with their households and residents: three queries
    /// whatever the number of groups.
    private func groupViews(_ column: SQLColumn, _ value: Int64, _ caller: Caller) async throws -> [AlarmGroupView] {
        let groups = try await sql.select().columns(SQLRaw("a.id, a.grid_id, u.name AS grid_name, a.name, a.updated_at"))
            .from(SQLAlias(SQLIdentifier("alarm_groups"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), on: SQLRaw("u.id = a.grid_id"))
            .where(column, .equal, SQLBind(value)).where(workRecords(caller, "a")).orderBy(SQLColumn("id", table: "a")).all()
        let ids = try groups.map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { return [] }
        let households = try await sql.select()
            .columns(SQLRaw("m.group_id, h.id, h.address, (SELECT COUNT(*) FROM users w WHERE w.household_id = h.id AND w.disabled = \(false)) AS accounts"))
            .from(SQLAlias(SQLIdentifier("alarm_group_members"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = m.household_id"))
            .where(SQLColumn("group_id", table: "m"), .in, SQLBind.group(ids)).orderBy(SQLColumn("address", table: "h")).all()
        let householdIDs = try households.map { try $0.decode(column: "id", as: Int64.self) }
        var people: [Int64: [AlarmMember.Person]] = [:]
        for chunk in householdIDs.chunked(BulkInsert.maxBinds) {
            for r in try await views(residentQuery(caller).where(SQLColumn("household_id", table: "r"), .in, SQLBind.group(chunk)).orderBy(SQLColumn("id", table: "r")), caller) {
                people[r.householdID, default: []].append(AlarmMember.Person(residentID: r.id, name: r.name, phoneMasked: r.phoneMasked))
            }
        }
        var members: [Int64: [AlarmMember]] = [:]
        for h in households {
            let hid = try h.decode(column: "id", as: Int64.self)
            members[try h.decode(column: "group_id", as: Int64.self), default: []].append(
                AlarmMember(householdID: hid, address: try h.decode(column: "address", as: String.self), accounts: try h.decode(column: "accounts", as: Int.self),
                            residents: people[hid] ?? []))
        }
        return try groups.map { g in
            let id = try g.decode(column: "id", as: Int64.self)
            return AlarmGroupView(id: id, gridID: try g.decode(column: "grid_id", as: Int64.self), gridName: try g.decode(column: "grid_name", as: String.self),
                                  name: try g.decode(column: "name", as: String.self), members: members[id] ?? [], updatedAt: try g.decode(column: "updated_at", as: Date.self))
        }
    }

    /// 组建 (id nil) or changes a group: its households must be of its grid and in no other group.
    /// Every change is audited with the households before and after.
    public func saveAlarmGroup(id: Int64?, _ input: AlarmGroupInput, _ caller: Caller) async throws -> AlarmGroupView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let existing = try await id.asyncMap { try await alarmGroup(id: $0, caller) }
        var errors: [FieldError] = []
        var valid: ValidAlarmGroup?
        switch AlarmGroupRules.validate(input) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        let gridID = existing?.gridID ?? input.gridID
        let grid = try? await gridInScope(gridID, caller)
        if grid == nil { errors.append(FieldError(field: "gridID", problem: .unknownGrid)) }
        if let grid, let v = valid {
            let rows = try await sql.select().columns(SQLRaw("h.id, h.grid_id, m.group_id")).from(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")))
                .join(SQLAlias(SQLIdentifier("alarm_group_members"), as: SQLIdentifier("m")), method: SQLJoinMethod.left, on: SQLRaw("m.household_id = h.id"))
                .where(SQLColumn("id", table: "h"), .in, SQLBind.group(v.householdIDs)).all()
            var found: [Int64: (grid: Int64, group: Int64?)] = [:]
            for r in rows { found[try r.decode(column: "id", as: Int64.self)] = (try r.decode(column: "grid_id", as: Int64.self), try r.decode(column: "group_id", as: Int64?.self)) }
            for (i, h) in v.householdIDs.enumerated() {
                guard let f = found[h], f.grid == grid.id else { errors.append(FieldError(field: "householdIDs.\(i)", problem: .unknownHousehold)); continue }
                if let g = f.group, g != id { errors.append(FieldError(field: "householdIDs.\(i)", problem: .alreadyInGroup)) }
            }
        }
        guard errors.isEmpty, let v = valid, let grid else { throw ValidationFailure(errors) }
        let t = now(), before = existing?.members.map(\.householdID) ?? []
        let saved: Int64 = try await write { tx in
            let gid: Int64
            if let id {
                try await tx.update("alarm_groups").set("name", to: v.name).set("updated_at", to: t).where("id", .equal, id).run()
                try await tx.delete(from: "alarm_group_members").where("group_id", .equal, id).run()
                gid = id
            } else {
                gid = try await tx.insert(into: "alarm_groups").columns("grid_id", "unit_path", "name", "created_by", "created_at", "updated_at")
                    .values(SQLBind(grid.id), SQLBind(grid.path), SQLBind(v.name), SQLBind(caller.userID), SQLBind(t), SQLBind(t))
                    .returning("id").first()!.decode(column: "id", as: Int64.self)
            }
            // The household's primary key is the one-group rule: of two officers saving at once, the
            // second finds the household taken and nothing of its change is kept.
            let taken = try await BulkInsert(table: "alarm_group_members", columns: ["household_id", "group_id", "unit_path"], ignoringConflicts: true, returning: ["household_id"])
                .run(tx, v.householdIDs.map { [$0, gid, grid.path] })
            let inserted = Set(try taken.map { try $0.decode(column: "household_id", as: Int64.self) })
            let lost = v.householdIDs.enumerated().filter { !inserted.contains($0.element) }
            if !lost.isEmpty { throw ValidationFailure(lost.map { FieldError(field: "householdIDs.\($0.offset)", problem: .alreadyInGroup) }) }
            try await self.audit(tx, caller, id == nil ? "alarm_group.create" : "alarm_group.update", "alarm_group", String(gid),
                                 "\(v.name) households \(before.map(String.init).joined(separator: ",")) → \(v.householdIDs.map(String.init).joined(separator: ","))", at: grid.path)
            return gid
        }
        return try await alarmGroup(id: saved, caller)
    }

    /// 解散: the households are free to join another group; audited.
    public func dissolveAlarmGroup(id: Int64, _ caller: Caller) async throws -> Int64 {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let g = try await alarmGroup(id: id, caller)
        let path = try await unit(id: g.gridID, caller).path
        try await write { tx in
            try await tx.delete(from: "alarm_group_members").where("group_id", .equal, id).run()
            try await tx.delete(from: "alarm_groups").where("id", .equal, id).run()
            try await self.audit(tx, caller, "alarm_group.dissolve", "alarm_group", String(id),
                                 "\(g.name) households \(g.members.map { String($0.householdID) }.joined(separator: ","))", at: path)
        }
        return g.gridID
    }
}

/// How far a grid's households are in groups (the coverage figure's records).
public struct AlarmCoverageRow: Sendable, Equatable, Codable {
    public var gridID: Int64
    public var gridName: String
    public var households: Int
    public var grouped: Int
    public var groups: Int
}

extension Store {
    /// Every grid of the unit (the caller's whole reach when nil) with its households, those in a group, and its groups.
    public func alarmCoverage(unitID: Int64?, _ caller: Caller) async throws -> [AlarmCoverageRow] {
        guard caller.role.seesWorkRecords, case .subtree(let root) = caller.jurisdiction else { throw NotFound() }
        let path = try await unitID.asyncMap { try await unit(id: $0, caller).path } ?? root
        return try await sql.select().columns(SQLRaw("""
            u.id, u.name, \
            (SELECT COUNT(*) FROM households h WHERE h.grid_id = u.id) AS households, \
            (SELECT COUNT(*) FROM alarm_group_members m JOIN households h ON h.id = m.household_id WHERE h.grid_id = u.id) AS grouped, \
            (SELECT COUNT(*) FROM alarm_groups g WHERE g.grid_id = u.id) AS group_count
            """))
            .from(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u"))).where(SQLColumn("kind", table: "u"), .equal, SQLBind(UnitKind.grid.rawValue))
            .where(Jurisdiction.subtree(path: path).predicate(pathColumn: "u.path", householdColumn: "u.id"))
            .orderBy(SQLColumn("path", table: "u")).limit(5_000).all().map { r in
                AlarmCoverageRow(gridID: try r.decode(column: "id", as: Int64.self), gridName: try r.decode(column: "name", as: String.self),
                                 households: try r.decode(column: "households", as: Int.self), grouped: try r.decode(column: "grouped", as: Int.self),
                                 groups: try r.decode(column: "group_count", as: Int.self))
            }
    }
}
