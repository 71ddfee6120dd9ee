import Domain
import Foundation
import SQLKit

/// A crime victim and the return visit owed to them. Lists show the name masked.
public struct VictimView: Sendable, Equatable, Codable {
    public var id: Int64
    public var caseID: Int64
    public var caseNumber: String
    public var caseType: CaseType
    public var sensitive: Bool
    public var occurredAt: Date
    public var name: String
    public var nameMasked: String
    public var idNumberMasked: String
    public var phoneMasked: String?
    public var address: String
    public var residentID: Int64?
    public var gridID: Int64
    public var gridName: String
    public var assigneeID: Int64?
    public var assigneeName: String?
    public var dueAt: Date
    public var visitedAt: Date?
    public var visitedBy: String?
    public var leaderLed: Bool
    public var method: String?
    public var satisfaction: Satisfaction?
    public var advice: String
    public var notes: String

    /// Whole days past the due time, 0 when not overdue or already visited.
    public func daysOverdue(now: Date) -> Int {
        guard visitedAt == nil, now > dueAt else { return 0 }
        return Int(now.timeIntervalSince(dueAt) / 86400) + 1
    }
}

/// Which victims a list shows: the coverage figure's gaps are `unvisited` for its unit and period.
public struct VictimFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case unvisited, overdue, visited, all }
    public var show: Show
    public var unitID: Int64?
    /// Victims of the cases that happened in the period.
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

extension Store {
    struct VictimRow: Decodable {
        var id: Int64; var caseId: Int64; var caseNumber: String; var caseType: String; var sensitive: Bool; var occurredAt: Date; var name: String
        var idNumberCipher: String; var phoneCipher: String?; var address: String; var residentId: Int64?; var gridId: Int64; var gridName: String
        var assigneeId: Int64?; var assigneeName: String?; var dueAt: Date; var visitedAt: Date?; var visitedBy: String?; var leaderLed: Bool
        var method: String?; var satisfaction: String?; var advice: String; var notes: String
    }

    func victimView(_ r: VictimRow) throws -> VictimView {
        VictimView(id: r.id, caseID: r.caseId, caseNumber: r.caseNumber, caseType: CaseType(rawValue: r.caseType) ?? .other, sensitive: r.sensitive,
                   occurredAt: r.occurredAt, name: r.name, nameMasked: VictimVisitRules.maskedName(r.name), idNumberMasked: IDNumber.mask(try cipher.open(r.idNumberCipher)),
                   phoneMasked: try r.phoneCipher.map { PhoneNumber.mask(try cipher.open($0)) }, address: r.address, residentID: r.residentId, gridID: r.gridId,
                   gridName: r.gridName, assigneeID: r.assigneeId, assigneeName: r.assigneeName, dueAt: r.dueAt, visitedAt: r.visitedAt, visitedBy: r.visitedBy,
                   leaderLed: r.leaderLed, method: r.method, satisfaction: r.satisfaction.flatMap(Satisfaction.init(rawValue:)), advice: r.advice, notes: r.notes)
    }

    /// Victims in the caller's jurisdiction; a sensitive case's victims only to leaders and the
    /// officer who is to visit them. Residents see none.
    static let victimColumns = """
        v.id, v.case_id, c.case_number, c.case_type, c.sensitive, c.occurred_at, v.name, v.id_number_cipher, v.phone_cipher, v.address, v.resident_id, \
        c.grid_id, g.name AS grid_name, v.assignee_id, a.display_name AS assignee_name, v.due_at, v.visited_at, w.display_name AS visited_by, v.leader_led, \
        v.method, v.satisfaction, v.advice, v.notes
        """

    func victimQuery(_ caller: Caller, columns: String = victimColumns) -> SQLSelectBuilder {
        var q = sql.select().columns(SQLRaw(columns))
            .from(SQLAlias(SQLIdentifier("case_victims"), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), on: SQLRaw("c.id = v.case_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = c.grid_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("a")), method: SQLJoinMethod.left, on: SQLRaw("a.id = v.assignee_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = v.visited_by"))
            .where(workRecords(caller, "v"))
        if !caller.role.seesConfidential {
            q = q.where(SQLGroupExpression(SQLBinaryExpression(SQLBinaryExpression(SQLColumn("sensitive", table: "c"), .equal, SQLBind(false)), .or,
                                                               SQLBinaryExpression(SQLColumn("assignee_id", table: "v"), .equal, SQLBind(caller.userID ?? -1)))))
        }
        return q
    }

    /// `forExport`: a file leaves the station's hands, so below the leaders it carries no sensitive case at all.
    public func victims(_ filter: VictimFilter, _ caller: Caller, limit: Int = 500, forExport: Bool = false) async throws -> [VictimView] {
        var q = try await filtered(victimQuery(caller), filter, caller)
        if forExport && !caller.role.seesConfidential { q = q.where(SQLColumn("sensitive", table: "c"), .equal, SQLBind(false)) }
        return try await q.orderBy(SQLColumn("due_at", table: "v")).orderBy(SQLColumn("id", table: "v")).limit(limit)
            .all(decoding: VictimRow.self, with: Store.rowDecoder).map(victimView)
    }

    /// 回访全覆盖 over the filter's unit and period (whatever it shows): counted in SQL, no rows loaded.
    public func victimCoverage(_ filter: VictimFilter, _ caller: Caller) async throws -> (visited: Int, total: Int) {
        var all = filter
        all.show = .all
        let r = try await filtered(victimQuery(caller, columns: "COUNT(*) AS total, SUM(CASE WHEN v.visited_at IS NOT NULL THEN 1 ELSE 0 END) AS visited"), all, caller).first()
        return (try r?.decode(column: "visited", as: Int?.self) ?? 0, try r?.decode(column: "total", as: Int.self) ?? 0)
    }

    func filtered(_ query: SQLSelectBuilder, _ filter: VictimFilter, _ caller: Caller) async throws -> SQLSelectBuilder {
        var q = try await narrowed(query, "v", unitID: filter.unitID, period: filter.period, time: SQLColumn("occurred_at", table: "c"), caller)
        switch filter.show {
        case .all: break
        case .unvisited: q = q.where(SQLRaw("v.visited_at IS NULL"))
        case .overdue: q = q.where(SQLRaw("v.visited_at IS NULL")).where(SQLColumn("due_at", table: "v"), .lessThan, SQLBind(now()))
        case .visited: q = q.where(SQLRaw("v.visited_at IS NOT NULL"))
        }
        return q
    }

    public func victim(id: Int64, _ caller: Caller) async throws -> VictimView {
        guard let r = try await victimQuery(caller).where(SQLColumn("id", table: "v"), .equal, SQLBind(id))
            .first(decoding: VictimRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return try victimView(r)
    }

    /// 回访: once per victim. A leader's visit counts as leader-led (局领导带头上门回访); each need
    /// becomes a request of the case's grid; 不满意 goes to the station leaders.
    public func recordVictimVisit(id: Int64, _ input: VictimVisitInput, _ caller: Caller) async throws -> VictimView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let v = try await victim(id: id, caller)
        let visit = try VictimVisitRules.validate(input).get()
        guard v.visitedAt == nil else { throw ValidationFailure(field: "method", .notAllowedNow) }
        // A victim's needs are 求助救助, or the first category still in use if that one was retired.
        let categories = try await requestCategories().filter(\.active)
        guard let category = categories.first(where: { $0.code == "help" }) ?? categories.first else { throw ValidationFailure(field: "needs", .invalidChoice) }
        let t = now()
        try await write { tx in
            let changed = try await tx.update("case_victims").set("visited_at", to: t).set("visited_by", to: caller.userID).set("leader_led", to: caller.role.seesConfidential)
                .set("method", to: visit.method).set("satisfaction", to: visit.satisfaction.rawValue).set("advice", to: visit.advice).set("notes", to: visit.notes)
                .where("id", .equal, id).where(SQLRaw("visited_at IS NULL")).returning("unit_path").all()
            guard let path = try changed.first?.decode(column: "unit_path", as: String.self) else { throw ValidationFailure(field: "method", .notAllowedNow) }
            for need in visit.needs {
                let r = ValidRequest(kind: .request, category: category, description: need, address: v.address, gridID: v.gridID)
                _ = try await self.insertRequest(tx, r, origin: RequestOrigin(channel: .visit), unitPath: path, gridID: v.gridID, requesterUser: nil,
                                                 contactName: v.name, phoneCipher: nil, caller)
            }
            try await self.audit(tx, caller, "victim.visit", "victim", String(id),
                                 "\(visit.method) \(visit.satisfaction.rawValue) needs=\(visit.needs.count)\(caller.role.seesConfidential ? " leader-led" : "")", at: path)
            if visit.satisfaction == .dissatisfied {
                try await self.notify(tx, userIDs: try await self.leaders(tx, of: .stationLeader, over: path),
                                      NoticeFacts(kind: .victimDissatisfied, objectID: id, subject: "\(v.caseNumber) \(v.nameMasked)"),
                                      dedupeKey: "victim:\(id):dissatisfied")
            }
        }
        return try await victim(id: id, caller)
    }
}
