import Domain
import Foundation
import SQLKit

public struct FindingView: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: FindingKind
    public var description: String
    /// The dispute a 纠纷 finding became, or the clue a 线索 finding became, once it has.
    public var disputeID: Int64? = nil
    public var clueID: Int64? = nil
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

/// A checked visit waiting for its group commit.
struct PendingVisit: Sendable {
    var visit: ValidVisit
    var unitPath: String
    var address: String
    var gridID: Int64
    var caller: Caller
    /// Sent by the field pages' queue: filed with a receipt (see `queueReceipts`).
    var queued: Bool
}

/// What the group commit answers for one visit.
struct StoredVisit: Sendable {
    var id: Int64
    var created: Bool
    var findings: [FindingView]
    var completedTaskIDs: [Int64]
}

extension Store {
    /// 登记走访. Idempotent by `clientID`: a visit already stored is returned as it is
    /// (`created` false) and nothing is written twice. Checks run here, concurrently; the write
    /// joins the next group commit (see `Batcher`).
    public func recordVisit(_ input: VisitInput, _ caller: Caller, queued: Bool = false) async throws -> (visit: VisitView, created: Bool) {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let v = try VisitRules.validate(input, now: now()).get()
        var errors: [FieldError] = []
        var target: (unitPath: String, address: String, gridID: Int64)?
        switch v.target {
        case .household(let hid):
            // One query: the household in scope, how many of the named residents live there,
            // and whether this client id is stored already.
            let met: SQLQueryString = v.residentIDs.isEmpty ? "0"
                : "(SELECT COUNT(*) FROM residents r WHERE r.household_id = h.id AND r.id IN (\(binds: v.residentIDs)))"
            let row = try await sql.raw("""
                SELECT h.unit_path, h.address, h.grid_id, \(met) AS met, (SELECT id FROM visits WHERE client_id = \(bind: v.clientID)) AS existing
                FROM households h WHERE h.id = \(bind: hid) AND \(caller.jurisdiction.predicate(pathColumn: "h.unit_path", householdColumn: "h.id"))
                """).first()
            if let row {
                if let existing = try row.decode(column: "existing", as: Int64?.self) { return (try await visit(id: existing, caller), false) }
                target = (try row.decode(column: "unit_path", as: String.self), try row.decode(column: "address", as: String.self), try row.decode(column: "grid_id", as: Int64.self))
                if try row.decode(column: "met", as: Int.self) != v.residentIDs.count { errors.append(FieldError(field: "residentIDs", problem: .unknownResident)) }
            } else {
                if let existing = try await visitID(clientID: v.clientID) { return (try await visit(id: existing, caller), false) }
                errors.append(FieldError(field: "householdID", problem: .unknownHousehold))
            }
        case .place(let pid):
            if let existing = try await visitID(clientID: v.clientID) { return (try await visit(id: existing, caller), false) }
            if let p = try? await place(id: pid, caller) { target = (p.unitPath, p.address, p.gridID) }
            else { errors.append(FieldError(field: "placeID", problem: .unknownPlace)) }
            if !v.residentIDs.isEmpty { errors.append(FieldError(field: "residentIDs", problem: .unknownResident)) }
        }
        if let target, try await !officersMayVisit(v.officerIDs, unitPath: target.unitPath) {
            errors.append(FieldError(field: "officerIDs", problem: .outOfJurisdiction))
        }
        guard errors.isEmpty, let target else { throw ValidationFailure(errors) }
        let pending = PendingVisit(visit: v, unitPath: target.unitPath, address: target.address, gridID: target.gridID, caller: caller, queued: queued)
        let stored = try await visitBatcher.submit(pending) { batch in await self.writeVisits(batch) }
        guard stored.created else { return (try await visit(id: stored.id, caller), false) }
        var household: Int64?, place: Int64?
        switch v.target { case .household(let h): household = h; case .place(let p): place = p }
        return (VisitView(id: stored.id, clientID: v.clientID, householdID: household, placeID: place, address: target.address, visitedAt: v.visitedAt,
                          method: v.method, categories: v.categories, residentIDs: v.residentIDs, officerIDs: v.officerIDs, companions: v.companions,
                          notes: v.notes, recordedBy: caller.displayName, findings: stored.findings, completedTaskIDs: stored.completedTaskIDs), true)
    }

    /// Writes a batch of checked visits in one transaction: visits and findings as multi-row
    /// inserts, the tasks they complete, and one audit line each. Should the batch fail, each
    /// visit is written alone so one bad visit cannot fail the others.
    func writeVisits(_ batch: [PendingVisit]) async -> [Result<StoredVisit, any Error>] {
        do {
            return try await write { tx in try await self.insertVisits(tx, batch) }.map { .success($0) }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<StoredVisit, any Error>] = []
            for one in batch { results += await writeVisits([one]) }
            return results
        }
    }

    private func insertVisits(_ tx: any SQLDatabase, _ batch: [PendingVisit]) async throws -> [StoredVisit] {
        let t = now()
        let insert = tx.insert(into: "visits")
            .columns("client_id", "household_id", "place_id", "unit_path", "visited_at", "method", "categories", "resident_ids",
                     "officer_ids", "companions", "notes", "created_by", "created_at")
        // In rollup-key order, so two servers writing into one PostgreSQL lock the rollup rows their
        // triggers update in the same order (no deadlock between batches).
        let ordered = batch.sorted { (RollupKeys.day($0.visit.visitedAt), $0.unitPath) < (RollupKeys.day($1.visit.visitedAt), $1.unitPath) }
        for p in ordered {
            let v = p.visit
            var household: Int64?, place: Int64?
            switch v.target { case .household(let h): household = h; case .place(let pl): place = pl }
            _ = insert.values(SQLBind(v.clientID), SQLBind(household), SQLBind(place), SQLBind(p.unitPath), SQLBind(v.visitedAt), SQLBind(v.method.rawValue),
                              SQLBind(v.categories.map(\.rawValue).joined(separator: ";")), SQLBind(v.residentIDs.map(String.init).joined(separator: ";")),
                              SQLBind(v.officerIDs.map(String.init).joined(separator: ";")), SQLBind(v.companions), SQLBind(v.notes),
                              SQLBind(p.caller.userID), SQLBind(t))
        }
        // A client id stored before (or twice in this batch) is skipped here and answered as it is.
        var ids: [String: Int64] = [:]
        for r in try await insert.ignoringConflicts().returning("id", "client_id").all() {
            ids[try r.decode(column: "client_id", as: String.self)] = try r.decode(column: "id", as: Int64.self)
        }
        var claimed = Set<String>()
        var stored: [StoredVisit] = []
        for p in batch {
            let cid = p.visit.clientID
            if let id = ids[cid], claimed.insert(cid).inserted {
                stored.append(StoredVisit(id: id, created: true, findings: [], completedTaskIDs: []))
            } else {
                var id = ids[cid]
                if id == nil { id = try await tx.select().column("id").from("visits").where("client_id", .equal, cid).first()!.decode(column: "id", as: Int64.self) }
                stored.append(StoredVisit(id: id!, created: false, findings: [], completedTaskIDs: []))
            }
        }
        // Findings, each a record of its own, in as few statements as the driver allows.
        let findingRows = zip(batch, stored).filter { $1.created }.flatMap { p, s in p.visit.findings.map { (s.id, $0, p.unitPath) } }
        var findingsByVisit: [Int64: [FindingView]] = [:]
        for start in stride(from: 0, to: findingRows.count, by: 500) {
            let insert = tx.insert(into: "visit_findings").columns("visit_id", "kind", "description", "unit_path", "created_at")
            for (visitID, f, path) in findingRows[start..<min(start + 500, findingRows.count)] {
                _ = insert.values(SQLBind(visitID), SQLBind(f.kind.rawValue), SQLBind(f.description), SQLBind(path), SQLBind(t))
            }
            for r in try await insert.returning("id", "visit_id", "kind", "description").all() {
                findingsByVisit[try r.decode(column: "visit_id", as: Int64.self), default: []].append(
                    FindingView(id: try r.decode(column: "id", as: Int64.self), kind: FindingKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .need,
                                description: try r.decode(column: "description", as: String.self)))
            }
        }
        let created = zip(batch, stored).filter { $1.created }
        for (p, s) in created where p.queued {
            try await fileReceipt(tx, QueueKey(kind: .visit, clientID: p.visit.clientID), recordID: s.id, unitPath: p.unitPath, label: p.address,
                                  recordedAt: p.visit.visitedAt, p.caller)
        }
        let done = try await completeTasks(tx, created.map { (visitID: $1.id, visit: $0.visit, gridID: $0.gridID, caller: $0.caller) })
        let pendingByVisit = Dictionary(uniqueKeysWithValues: created.map { ($1.id, $0) })
        let raised = try await insertFindingRequests(tx, findingsByVisit.flatMap { visitID, findings in
            findings.map { (visitID: visitID, finding: $0, visit: pendingByVisit[visitID]!) }
        })
        try await audit(tx, created.map { p, s in
            AuditLine(caller: p.caller, action: "visit.create", objectType: "visit", objectID: String(s.id),
                      summary: "\(p.address) \(p.visit.method.rawValue) [\(p.visit.categories.map(\.rawValue).joined(separator: ","))] findings=\(p.visit.findings.count) tasks_done=\((done[s.id] ?? []).map(String.init).joined(separator: ","))",
                      unitPath: p.unitPath)
        } + raised)
        return stored.map { s in
            guard s.created else { return s }
            return StoredVisit(id: s.id, created: true, findings: (findingsByVisit[s.id] ?? []).sorted { $0.id < $1.id }, completedTaskIDs: done[s.id] ?? [])
        }
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
        let findings = try await sql.select().columns(SQLRaw("f.id, f.kind, f.description, d.id AS dispute_id, c.id AS clue_id"))
            .from(SQLAlias(SQLIdentifier("visit_findings"), as: SQLIdentifier("f")))
            .join(SQLAlias(SQLIdentifier("disputes"), as: SQLIdentifier("d")), method: SQLJoinMethod.left, on: SQLRaw("d.finding_id = f.id"))
            .join(SQLAlias(SQLIdentifier("clues"), as: SQLIdentifier("c")), method: SQLJoinMethod.left, on: SQLRaw("c.finding_id = f.id"))
            .where(SQLColumn("visit_id", table: "f"), .equal, SQLBind(id)).orderBy(SQLColumn("id", table: "f")).all().map { f in
                FindingView(id: try f.decode(column: "id", as: Int64.self), kind: FindingKind(rawValue: try f.decode(column: "kind", as: String.self)) ?? .need,
                            description: try f.decode(column: "description", as: String.self), disputeID: try f.decode(column: "dispute_id", as: Int64?.self),
                            clueID: try f.decode(column: "clue_id", as: Int64?.self))
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
