import Domain
import Foundation
import SQLKit

public struct FindingView: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: FindingKind
    public var description: String
}

public struct VisitView: Sendable, Equatable, Codable {
    public var id: Int64
    public var clientID: String
    public var householdID: Int64?
    public var placeID: Int64?
    public var address: String
    public var visitedAt: Date
    public var method: VisitMethod
    public var categories: [VisitCategory]
    public var residentIDs: [Int64]
    public var officerIDs: [Int64]
    public var companions: String
    public var notes: String
    public var recordedBy: String?
    public var findings: [FindingView]
    public var completedTaskIDs: [Int64]
}

/// A line in a household's visit history.
public struct VisitSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var visitedAt: Date
    public var categories: [VisitCategory]
    public var findingCount: Int
}

extension Store {
    /// 登记走访. Idempotent by `clientID`: a visit already stored is returned as it is
    /// (`created` false) and nothing is written twice.
    public func recordVisit(_ input: VisitInput, _ caller: Caller) async throws -> (visit: VisitView, created: Bool) {
        guard caller.role.mayWriteRegister, caller.role != .admin else { throw Forbidden() }
        if let existing = try await visitID(clientID: input.clientID) {
            return (try await visit(id: existing, caller), false)
        }
        let v = try VisitRules.validate(input, now: now()).get()
        var errors: [FieldError] = []
        var unitPath = "", address = "", gridID: Int64 = 0
        switch v.target {
        case .household(let hid):
            if let h = try? await household(id: hid, caller) {
                unitPath = h.unitPath; address = h.address; gridID = h.gridID
                let members = Set(try await sql.select().column("id").from("residents").where("household_id", .equal, hid).all()
                    .map { try $0.decode(column: "id", as: Int64.self) })
                if !Set(v.residentIDs).isSubset(of: members) { errors.append(FieldError(field: "residentIDs", problem: .unknownResident)) }
            } else { errors.append(FieldError(field: "householdID", problem: .unknownHousehold)) }
        case .place(let pid):
            if let p = try? await place(id: pid, caller) { unitPath = p.unitPath; address = p.address; gridID = p.gridID }
            else { errors.append(FieldError(field: "placeID", problem: .unknownPlace)) }
            if !v.residentIDs.isEmpty { errors.append(FieldError(field: "residentIDs", problem: .unknownResident)) }
        }
        if !unitPath.isEmpty, try await !officersMayVisit(v.officerIDs, unitPath: unitPath) {
            errors.append(FieldError(field: "officerIDs", problem: .outOfJurisdiction))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let path = unitPath, place = address, grid = gridID
        let result: (Int64, Bool) = try await write { tx in
            let t = now()
            var household: Int64?, placeID: Int64?
            switch v.target { case .household(let h): household = h; case .place(let p): placeID = p }
            let row = try await tx.insert(into: "visits")
                .columns("client_id", "household_id", "place_id", "unit_path", "visited_at", "method", "categories", "resident_ids",
                         "officer_ids", "companions", "notes", "created_by", "created_at")
                .values(SQLBind(v.clientID), SQLBind(household), SQLBind(placeID), SQLBind(path), SQLBind(v.visitedAt), SQLBind(v.method.rawValue),
                        SQLBind(v.categories.map(\.rawValue).joined(separator: ";")), SQLBind(v.residentIDs.map(String.init).joined(separator: ";")),
                        SQLBind(v.officerIDs.map(String.init).joined(separator: ";")), SQLBind(v.companions), SQLBind(v.notes),
                        SQLBind(caller.userID), SQLBind(t))
                .ignoringConflicts()
                .returning("id").first()
            // Lost a race with the same visit from another request: it is stored already.
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                return (try await tx.select().column("id").from("visits").where("client_id", .equal, v.clientID).first()!.decode(column: "id", as: Int64.self), false)
            }
            if !v.findings.isEmpty {
                let insert = tx.insert(into: "visit_findings").columns("visit_id", "kind", "description", "unit_path", "created_at")
                for f in v.findings { _ = insert.values(SQLBind(id), SQLBind(f.kind.rawValue), SQLBind(f.description), SQLBind(path), SQLBind(t)) }
                try await insert.run()
            }
            let done = try await completeTasks(tx, visitID: id, visit: v, gridID: grid, caller)
            try await audit(tx, caller, "visit.create", "visit", String(id),
                            "\(place) \(v.method.rawValue) [\(v.categories.map(\.rawValue).joined(separator: ","))] findings=\(v.findings.count) tasks_done=\(done.map(String.init).joined(separator: ","))")
            return (id, true)
        }
        return (try await visit(id: result.0, caller), result.1)
    }

    /// Fellow officers on a visit must work where the visit happened (their unit contains it).
    private func officersMayVisit(_ ids: [Int64], unitPath: String) async throws -> Bool {
        guard !ids.isEmpty else { return true }
        let officers = try await accountQuery().where(SQLColumn("id", table: "u"), .in, SQLBind.group(ids))
            .all(decoding: AccountRow.self, with: Store.rowDecoder).map(\.account)
        return officers.count == ids.count && officers.allSatisfy { $0.role.doesFieldWork && $0.worksAt(unitPath) }
    }

    private func visitID(clientID: String) async throws -> Int64? {
        try await sql.select().column("id").from("visits").where("client_id", .equal, clientID).first()?.decode(column: "id", as: Int64.self)
    }

    private struct VisitRow: Decodable {
        var id: Int64; var clientId: String; var householdId: Int64?; var placeId: Int64?; var visitedAt: Date; var method: String
        var categories: String; var residentIds: String; var officerIds: String; var companions: String; var notes: String
        var address: String?; var recordedBy: String?
    }

    func visitQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select()
            .columns(SQLRaw("v.id, v.client_id, v.household_id, v.place_id, v.visited_at, v.method, v.categories, v.resident_ids, v.officer_ids, v.companions, v.notes, COALESCE(h.address, p.address) AS address, u.display_name AS recorded_by"))
            .from(SQLAlias(SQLIdentifier("visits"), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), method: SQLJoinMethod.left, on: SQLRaw("h.id = v.household_id"))
            .join(SQLAlias(SQLIdentifier("places"), as: SQLIdentifier("p")), method: SQLJoinMethod.left, on: SQLRaw("p.id = v.place_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left, on: SQLRaw("u.id = v.created_by"))
            .where(caller.jurisdiction.predicate(pathColumn: "v.unit_path", householdColumn: "v.household_id"))
    }

    public func visit(id: Int64, _ caller: Caller) async throws -> VisitView {
        guard let r = try await visitQuery(caller).where(SQLColumn("id", table: "v"), .equal, SQLBind(id))
            .first(decoding: VisitRow.self, with: Store.rowDecoder) else { throw NotFound() }
        let findings = try await sql.select().columns("id", "kind", "description").from("visit_findings").where("visit_id", .equal, id)
            .orderBy("id").all().map { f in
                FindingView(id: try f.decode(column: "id", as: Int64.self), kind: FindingKind(rawValue: try f.decode(column: "kind", as: String.self)) ?? .need,
                            description: try f.decode(column: "description", as: String.self))
            }
        let done = try await sql.select().column("id").from("tasks").where("completed_visit_id", .equal, id).orderBy("id").all()
            .map { try $0.decode(column: "id", as: Int64.self) }
        func ids(_ s: String) -> [Int64] { s.split(separator: ";").compactMap { Int64($0) } }
        return VisitView(id: r.id, clientID: r.clientId, householdID: r.householdId, placeID: r.placeId, address: r.address ?? "",
                         visitedAt: r.visitedAt, method: VisitMethod(rawValue: r.method) ?? .inPerson,
                         categories: Self.categories(r.categories),
                         residentIDs: ids(r.residentIds), officerIDs: ids(r.officerIds), companions: r.companions, notes: r.notes,
                         recordedBy: r.recordedBy, findings: findings, completedTaskIDs: done)
    }

    /// Recent visits to a household, newest first, as the household page lists them — one
    /// query, findings counted in SQL.
    public func visits(householdID: Int64, _ caller: Caller, limit: Int = 20) async throws -> [VisitSummary] {
        try await sql.select()
            .columns(SQLRaw("v.id, v.visited_at, v.categories, (SELECT COUNT(*) FROM visit_findings f WHERE f.visit_id = v.id) AS finding_count"))
            .from(SQLAlias(SQLIdentifier("visits"), as: SQLIdentifier("v")))
            .where(caller.jurisdiction.predicate(pathColumn: "v.unit_path", householdColumn: "v.household_id"))
            .where(SQLColumn("household_id", table: "v"), .equal, SQLBind(householdID))
            .orderBy(SQLColumn("visited_at", table: "v"), SQLDirection.descending).limit(limit)
            .all().map { r in
                VisitSummary(id: try r.decode(column: "id", as: Int64.self), visitedAt: try r.decode(column: "visited_at", as: Date.self),
                             categories: Self.categories(try r.decode(column: "categories", as: String.self)),
                             findingCount: try r.decode(column: "finding_count", as: Int.self))
            }
    }

    static func categories(_ stored: String) -> [VisitCategory] {
        stored.split(separator: ";").compactMap { VisitCategory(rawValue: String($0)) }
    }
}
