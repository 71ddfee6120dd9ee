import Domain
import Foundation
import SQLKit

/// A clue as its list and page show it. The informant is named only to those who may know.
public struct ClueView: Sendable, Equatable, Codable {
    public var id: Int64
    public var source: ClueSource
    public var summary: String
    public var findingID: Int64?
    public var visitID: Int64?
    public var informantID: Int64?
    public var patrolID: Int64?
    public var informantName: String?
    /// The clue came from an informant whose name this reader may not see.
    public var informantWithheld: Bool
    public var gridID: Int64
    public var gridName: String
    public var receivedBy: String?
    public var outcome: ClueOutcome
    public var caseNumber: String
    public var outcomeAt: Date?
    public var receivedAt: Date
}

/// Which clues a list shows: each clue figure's drill-down is one of these.
public struct ClueFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case all, open, verified, solved, noValue = "no_value" }
    public var show: Show
    public var unitID: Int64?
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

extension Store {
    /// 线索登记: from a visit's 线索 finding, an informant, a patrol or a walk-in, in a grid of the caller's reach.
    public func createClue(_ input: ClueInput, _ caller: Caller) async throws -> ClueView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        var errors: [FieldError] = []
        var valid: ValidClue?
        switch ClueRules.validate(input) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        let grid = try? await unit(id: input.gridID, caller)
        if grid?.kind != .grid { errors.append(FieldError(field: "gridID", problem: .unknownGrid)) }
        if let f = input.findingID, valid?.source == .visit, let problem = try await findingProblem(f, kind: .clue, becoming: "clues", caller) {
            errors.append(FieldError(field: "findingID", problem: problem))
        }
        if let p = input.patrolID, valid?.source == .patrol, (try? await patrol(id: p, caller)) == nil {
            errors.append(FieldError(field: "patrolID", problem: .unknownPatrol))
        }
        // The stored tags: whoever names the informant knows them already, whether or not the register shows them the tag.
        if let r = input.informantID, valid?.source == .informant, (try? await residentRow(r, caller)).map({ ResidentTag.parseList($0.tags).tags.contains(.informant) }) != true {
            errors.append(FieldError(field: "informantID", problem: .unknownResident))
        }
        guard errors.isEmpty, let c = valid, let grid else { throw ValidationFailure(errors) }
        let t = now()
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "clues")
                .columns("source", "summary", "finding_id", "informant_id", "patrol_id", "grid_id", "unit_path", "received_by", "outcome", "case_number", "created_at", "updated_at")
                .values(SQLBind(c.source.rawValue), SQLBind(c.summary), SQLBind(c.source == .visit ? input.findingID : nil),
                        SQLBind(c.source == .informant ? input.informantID : nil), SQLBind(c.source == .patrol ? input.patrolID : nil), SQLBind(grid.id), SQLBind(grid.path), SQLBind(caller.userID),
                        SQLBind(ClueOutcome.open.rawValue), SQLBind(""), SQLBind(t), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            // The audit names the source, never the informant.
            try await self.audit(tx, caller, "clue.create", "clue", String(id), c.source.rawValue, at: grid.path)
            return id
        }
        return try await clue(id: id, caller)
    }

    /// 核实 / 破案 (with the case number) / 无价值.
    public func setClueOutcome(id: Int64, outcome raw: String, caseNumber: String?, _ caller: Caller) async throws -> ClueView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let c = try await clue(id: id, caller)
        let (outcome, number) = try ClueRules.outcome(raw, caseNumber: caseNumber, current: c.outcome).get()
        let t = now()
        try await write { tx in
            let changed = try await tx.update("clues").set("outcome", to: outcome.rawValue).set("case_number", to: number).set("outcome_at", to: t).set("updated_at", to: t)
                .where("id", .equal, id).where("outcome", .equal, c.outcome.rawValue).returning("id").all()
            guard !changed.isEmpty else { throw ValidationFailure(field: "outcome", .notAllowedNow) }
            let path = try await tx.select().column("unit_path").from("clues").where("id", .equal, id).first()!.decode(column: "unit_path", as: String.self)
            try await self.audit(tx, caller, "clue.outcome", "clue", String(id), "\(c.outcome.rawValue) -> \(outcome.rawValue)\(number.isEmpty ? "" : " \(number)")", at: path)
        }
        return try await clue(id: id, caller)
    }

    struct ClueRow: Decodable {
        var id: Int64; var source: String; var summary: String; var findingId: Int64?; var visitId: Int64?; var informantId: Int64?; var patrolId: Int64?; var informantName: String?
        var gridId: Int64; var gridName: String; var receivedById: Int64?; var receivedBy: String?; var outcome: String; var caseNumber: String
        var outcomeAt: Date?; var createdAt: Date
        func view(for caller: Caller) -> ClueView {
            let shown = ClueRules.showsInformant(to: caller, receivedBy: receivedById)
            return ClueView(id: id, source: ClueSource(rawValue: source) ?? .walkIn, summary: summary, findingID: findingId, visitID: visitId,
                            informantID: shown ? informantId : nil, patrolID: patrolId, informantName: shown ? informantName : nil, informantWithheld: informantId != nil && !shown,
                            gridID: gridId, gridName: gridName, receivedBy: receivedBy, outcome: ClueOutcome(rawValue: outcome) ?? .open, caseNumber: caseNumber,
                            outcomeAt: outcomeAt, receivedAt: createdAt)
        }
    }

    func clueQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("""
            c.id, c.source, c.summary, c.finding_id, f.visit_id, c.informant_id, c.patrol_id, r.name AS informant_name, c.grid_id, g.name AS grid_name, \
            c.received_by AS received_by_id, w.display_name AS received_by, c.outcome, c.case_number, c.outcome_at, c.created_at
            """))
            .from(SQLAlias(SQLIdentifier("clues"), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = c.grid_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = c.received_by"))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), method: SQLJoinMethod.left, on: SQLRaw("r.id = c.informant_id"))
            .join(SQLAlias(SQLIdentifier("visit_findings"), as: SQLIdentifier("f")), method: SQLJoinMethod.left, on: SQLRaw("f.id = c.finding_id"))
            .where(workRecords(caller, "c"))
    }

    public func clues(_ filter: ClueFilter, _ caller: Caller, limit: Int = 500) async throws -> [ClueView] {
        var q = try await narrowed(clueQuery(caller), "c", unitID: filter.unitID, period: filter.period, time: SQLColumn("created_at", table: "c"), caller)
        let outcome = { (o: ClueOutcome) in SQLBinaryExpression(SQLColumn("outcome", table: "c"), .equal, SQLBind(o.rawValue)) }
        switch filter.show {
        case .all: break
        case .open: q = q.where(outcome(.open))
        case .verified: q = q.where(SQLColumn("outcome", table: "c"), .in, SQLBind.group([ClueOutcome.verified.rawValue, ClueOutcome.solved.rawValue]))
        case .solved: q = q.where(outcome(.solved))
        case .noValue: q = q.where(outcome(.noValue))
        }
        return try await q.orderBy(SQLColumn("created_at", table: "c"), SQLDirection.descending).orderBy(SQLColumn("id", table: "c"), SQLDirection.descending)
            .limit(limit).all(decoding: ClueRow.self, with: Store.rowDecoder).map { $0.view(for: caller) }
    }

    public func clue(id: Int64, _ caller: Caller) async throws -> ClueView {
        guard let c = try await clueQuery(caller).where(SQLColumn("id", table: "c"), .equal, SQLBind(id))
            .first(decoding: ClueRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return c.view(for: caller)
    }

}
