import Domain
import Foundation
import SQLKit

/// A household as the demo's history generator needs it: where it is, who lives there, whose it is.
public struct HistoryHousehold: Sendable {
    public var id: Int64
    public var gridID: Int64
    public var unitPath: String
    public var address: String
    public var residentIDs: [Int64]
    public var officerID: Int64
    public var officerName: String
    /// The community or village the grid belongs to (where meetings are held).
    public var communityID: Int64
    public var communityPath: String
}

/// Rows of past work, written as they are: the demo's year of history (`jingmin demo --scale
/// district`). Ids are given by the generator so that findings, requests and their timelines
/// can point at each other without reading anything back.
public struct HistoryChunk: Sendable {
    public struct Visit: Sendable {
        public var id: Int64, household: HistoryHousehold, at: Date, method: VisitMethod, categories: [VisitCategory], residentIDs: [Int64], notes: String
        public init(id: Int64, household: HistoryHousehold, at: Date, method: VisitMethod, categories: [VisitCategory], residentIDs: [Int64], notes: String) {
            (self.id, self.household, self.at, self.method, self.categories, self.residentIDs, self.notes) = (id, household, at, method, categories, residentIDs, notes)
        }
    }
    public struct Finding: Sendable {
        public var id: Int64, visitID: Int64, kind: FindingKind, description: String, unitPath: String, at: Date
        public init(id: Int64, visitID: Int64, kind: FindingKind, description: String, unitPath: String, at: Date) {
            (self.id, self.visitID, self.kind, self.description, self.unitPath, self.at) = (id, visitID, kind, description, unitPath, at)
        }
    }
    /// A task a visit completed (care cadence or a must-visit rule).
    public struct Task: Sendable {
        public var ruleCode: String, title: String, household: HistoryHousehold, residentID: Int64?, createdAt: Date, dueAt: Date, visitID: Int64, completedAt: Date
        public init(ruleCode: String, title: String, household: HistoryHousehold, residentID: Int64?, createdAt: Date, dueAt: Date, visitID: Int64, completedAt: Date) {
            (self.ruleCode, self.title, self.household, self.residentID, self.createdAt, self.dueAt, self.visitID, self.completedAt) =
                (ruleCode, title, household, residentID, createdAt, dueAt, visitID, completedAt)
        }
    }
    public struct Request: Sendable {
        public var id: Int64, kind: RequestKind, category: RequestCategory, channel: RequestChannel, status: RequestStatus
        public var description: String, household: HistoryHousehold, contactName: String
        public var createdAt: Date, deadlineAt: Date, assignedAt: Date?, startedAt: Date?, resolvedAt: Date?, closedAt: Date?
        /// A first 办结 the resident rated 不满意, and when they did: the request went back to work.
        public var firstResolve: (resolvedAt: Date, reopenedAt: Date)?
        public var satisfaction: Satisfaction?, outcome: String
        public var visitID: Int64?, findingID: Int64?, meetingID: Int64?
        public init(id: Int64, kind: RequestKind, category: RequestCategory, channel: RequestChannel, status: RequestStatus, description: String,
                    household: HistoryHousehold, contactName: String, createdAt: Date, deadlineAt: Date, assignedAt: Date?, startedAt: Date?,
                    resolvedAt: Date?, closedAt: Date?, firstResolve: (resolvedAt: Date, reopenedAt: Date)?, satisfaction: Satisfaction?, outcome: String,
                    visitID: Int64?, findingID: Int64?, meetingID: Int64?) {
            (self.id, self.kind, self.category, self.channel, self.status, self.description, self.household, self.contactName) =
                (id, kind, category, channel, status, description, household, contactName)
            (self.createdAt, self.deadlineAt, self.assignedAt, self.startedAt, self.resolvedAt, self.closedAt) = (createdAt, deadlineAt, assignedAt, startedAt, resolvedAt, closedAt)
            (self.firstResolve, self.satisfaction, self.outcome, self.visitID, self.findingID, self.meetingID) = (firstResolve, satisfaction, outcome, visitID, findingID, meetingID)
        }
    }
    public struct Meeting: Sendable {
        public var id: Int64, unitID: Int64, unitPath: String, kind: MeetingKind, at: Date, place: String, attendance: Attendance, evaluation: Evaluation, minutes: String
        public init(id: Int64, unitID: Int64, unitPath: String, kind: MeetingKind, at: Date, place: String, attendance: Attendance, evaluation: Evaluation, minutes: String) {
            (self.id, self.unitID, self.unitPath, self.kind, self.at, self.place, self.attendance, self.evaluation, self.minutes) =
                (id, unitID, unitPath, kind, at, place, attendance, evaluation, minutes)
        }
    }
    public var visits: [Visit] = []
    public var findings: [Finding] = []
    public var tasks: [Task] = []
    public var requests: [Request] = []
    public var meetings: [Meeting] = []
    public init() {}
    public var isEmpty: Bool { visits.isEmpty && requests.isEmpty && meetings.isEmpty }
}

extension Store {
    /// Every household with its residents and its grid's officer (households of grids without one are left out).
    public func historyHouseholds() async throws -> [HistoryHousehold] {
        var residents: [Int64: [Int64]] = [:]
        for r in try await sql.select().columns("id", "household_id").from("residents").orderBy("id").all() {
            residents[try r.decode(column: "household_id", as: Int64.self), default: []].append(try r.decode(column: "id", as: Int64.self))
        }
        return try await sql.select().column(SQLColumn("id", table: "h")).column(SQLColumn("grid_id", table: "h")).column(SQLColumn("unit_path", table: "h"))
            .column(SQLColumn("address", table: "h")).column(SQLColumn("responsible_officer_id", table: "u"))
            .column(SQLColumn("display_name", table: "o")).column(SQLAlias(SQLColumn("id", table: "c"), as: SQLIdentifier("community_id")))
            .column(SQLAlias(SQLColumn("path", table: "c"), as: SQLIdentifier("community_path")))
            .from(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal, SQLColumn("grid_id", table: "h"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("o")), on: SQLColumn("id", table: "o"), .equal, SQLColumn("responsible_officer_id", table: "u"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("c")), on: SQLColumn("id", table: "c"), .equal, SQLColumn("parent_id", table: "u"))
            .orderBy(SQLColumn("id", table: "h")).all().map { r in
                let id = try r.decode(column: "id", as: Int64.self)
                return HistoryHousehold(id: id, gridID: try r.decode(column: "grid_id", as: Int64.self), unitPath: try r.decode(column: "unit_path", as: String.self),
                                        address: try r.decode(column: "address", as: String.self), residentIDs: residents[id] ?? [],
                                        officerID: try r.decode(column: "responsible_officer_id", as: Int64.self),
                                        officerName: try r.decode(column: "display_name", as: String.self),
                                        communityID: try r.decode(column: "community_id", as: Int64.self), communityPath: try r.decode(column: "community_path", as: String.self))
            }
    }

    /// The first free id of each history table, so a generator can number its rows.
    public func nextHistoryIDs() async throws -> (visit: Int64, finding: Int64, request: Int64, meeting: Int64) {
        func next(_ table: String) async throws -> Int64 {
            (try await sql.select().column(SQLRaw("MAX(id)"), as: "m").from(table).first()?.decode(column: "m", as: Int64?.self) ?? 0) + 1
        }
        return (try await next("visits"), try await next("visit_findings"), try await next("requests"), try await next("meetings"))
    }

    /// Writes one chunk in one transaction, as multi-row inserts.
    public func appendHistory(_ c: HistoryChunk) async throws {
        try await write { tx in
            try await insertRows(tx, "meetings", ["id", "unit_id", "unit_path", "kind", "held_at", "place", "residents", "deputies", "cadres", "supervisors",
                                                  "minutes", "satisfied", "basically_satisfied", "dissatisfied", "created_at"], c.meetings) { m in
                [m.id, m.unitID, m.unitPath, m.kind.rawValue, m.at, m.place, m.attendance.residents, m.attendance.deputies, m.attendance.cadres,
                 m.attendance.supervisors, m.minutes, m.evaluation.satisfied, m.evaluation.basicallySatisfied, m.evaluation.dissatisfied, m.at]
            }
            try await insertRows(tx, "visits", ["id", "client_id", "household_id", "unit_path", "visited_at", "method", "categories", "resident_ids",
                                                "officer_ids", "companions", "notes", "created_by", "created_at"], c.visits) { v in
                [v.id, "history-\(v.id)", v.household.id, v.household.unitPath, v.at, v.method.rawValue, v.categories.map(\.rawValue).joined(separator: ";"),
                 v.residentIDs.map(String.init).joined(separator: ";"), String(v.household.officerID), "", v.notes, v.household.officerID, v.at]
            }
            try await insertRows(tx, "visit_findings", ["id", "visit_id", "kind", "description", "unit_path", "created_at"], c.findings) { f in
                [f.id, f.visitID, f.kind.rawValue, f.description, f.unitPath, f.at]
            }
            try await insertRows(tx, "tasks", ["rule_code", "title", "resident_id", "household_id", "assignee_id", "unit_path", "due_at", "status",
                                               "completed_visit_id", "created_at", "completed_at", "escalated"], c.tasks) { t in
                [t.ruleCode, t.title, t.residentID, t.household.id, t.household.officerID, t.household.unitPath, t.dueAt, VisitTask.Status.done.rawValue,
                 t.visitID, t.createdAt, t.completedAt, VisitTask.Escalation.none.rawValue]
            }
            try await insertRows(tx, "requests", ["id", "kind", "category_code", "channel", "status", "description", "address", "grid_id", "unit_path",
                                                  "responsible_unit_id", "assignee_id", "deadline_at", "escalated", "reopen_count", "satisfaction", "outcome",
                                                  "contact_name", "visit_id", "finding_id", "meeting_id", "created_by", "created_at", "updated_at",
                                                  "resolved_at", "closed_at"], c.requests) { r in
                let h = r.household, assigned = r.assignedAt != nil
                return [r.id, r.kind.rawValue, r.category.code, r.channel.rawValue, r.status.rawValue, r.description, h.address, h.gridID, h.unitPath,
                        assigned ? h.gridID : nil, assigned ? h.officerID : nil, r.deadlineAt, VisitTask.Escalation.none.rawValue, r.firstResolve == nil ? 0 : 1,
                        r.satisfaction?.rawValue, r.outcome, r.contactName, r.visitID, r.findingID, r.meetingID, h.officerID, r.createdAt,
                        r.closedAt ?? r.resolvedAt ?? r.startedAt ?? r.assignedAt ?? r.createdAt, r.resolvedAt, r.closedAt]
            }
            try await insertRows(tx, "request_events", ["request_id", "at", "actor_id", "actor_name", "step", "from_status", "to_status", "note",
                                                        "satisfaction", "deadline_at"], c.requests.flatMap(Self.timeline)) { $0 }
        }
    }

    /// The timeline a request at its status has behind it.
    static func timeline(_ r: HistoryChunk.Request) -> [[(any Encodable & Sendable)?]] {
        let (officer, name) = (r.household.officerID, r.household.officerName)
        func line(_ at: Date, _ step: String, _ from: RequestStatus?, _ to: RequestStatus, _ note: String = "", _ s: Satisfaction? = nil, deadline: Date? = nil) -> [(any Encodable & Sendable)?] {
            [r.id, at, officer, name, step, from?.rawValue, to.rawValue, note, s?.rawValue, deadline]
        }
        var lines = [line(r.createdAt, "create", nil, .new, r.channel.rawValue, deadline: r.deadlineAt)]
        if let t = r.assignedAt { lines.append(line(t, "assign", .new, .assigned)) }
        if let t = r.startedAt { lines.append(line(t, "start", .assigned, .inProgress)) }
        if let first = r.firstResolve {
            lines.append(line(first.resolvedAt, "resolve", .inProgress, .resolved, "已上门了解情况并协调处理。"))
            lines.append(line(first.reopenedAt, "reopen", .resolved, .inProgress, "群众表示问题仍未解决", .dissatisfied))
        }
        if let t = r.resolvedAt { lines.append(line(t, "resolve", .inProgress, .resolved, r.outcome)) }
        if let t = r.closedAt { lines.append(line(t, "close", .resolved, .closed, "", r.satisfaction)) }
        return lines
    }

    /// Rows in statements of at most ~30,000 bound values (SQLite's limit is 32,766).
    private func insertRows<T>(_ tx: any SQLDatabase, _ table: String, _ columns: [String], _ items: [T],
                               _ values: (T) -> [(any Encodable & Sendable)?]) async throws {
        let per = max(1, 30_000 / columns.count)
        for start in stride(from: 0, to: items.count, by: per) {
            let insert = tx.insert(into: table).columns(columns)
            for item in items[start..<min(start + per, items.count)] {
                _ = insert.values(values(item).map { v in v.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null })
            }
            try await insert.run()
        }
    }

    /// After ids were given by hand: PostgreSQL's sequences move past them; one audit line says what was added.
    public func finishHistory(summary: String, _ caller: Caller) async throws {
        try await write { tx in
            if isPostgres {
                for table in ["visits", "visit_findings", "requests", "meetings"] {
                    try await tx.raw("SELECT setval(pg_get_serial_sequence('\(unsafeRaw: table)', 'id'), (SELECT MAX(id) FROM \(unsafeRaw: table)))").run()
                }
            }
            try await audit(tx, caller, "demo.history", "demo", "history", summary)
        }
    }
}
