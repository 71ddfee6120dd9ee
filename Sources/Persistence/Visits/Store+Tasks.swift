import Domain
import Foundation
import SQLKit

/// A task as the officer's list shows it.
public struct TaskView: Sendable, Equatable, Codable {
    public var task: VisitTask
    public var subject: String      // the person's name, or the place's
    public var address: String
    public var assigneeName: String?
    public var unitPath: String
}

extension Store {
    public func mustVisitRules() async throws -> [MustVisitRule] {
        try await rules(on: sql)
    }

    func rules(on db: any SQLDatabase) async throws -> [MustVisitRule] {
        try await db.select().column("*").from("must_visit_rules").orderBy("id").all().map { r in
            MustVisitRule(code: try r.decode(column: "id", as: String.self), name: try r.decode(column: "name", as: String.self),
                          triggerTag: try r.decode(column: "trigger_tag", as: String?.self).flatMap(ResidentTag.init(rawValue:)),
                          triggerPlaceKind: try r.decode(column: "trigger_place_kind", as: String?.self).flatMap(PlaceKind.init(rawValue:)),
                          dueWithinDays: try r.decode(column: "due_within_days", as: Int.self),
                          repeatEveryDays: try r.decode(column: "repeat_every_days", as: Int?.self),
                          active: try r.decode(column: "active", as: Bool.self))
        }
    }

    /// 五必访: a resident who just got a triggering tag gets a visit task for the grid's
    /// responsible officer, due in the rule's N days. Never two open tasks for one rule and
    /// person: the partial unique index turns a second insert into nothing.
    func createMustVisitTasks(_ tx: any SQLDatabase, residentID: Int64, name: String, householdID: Int64, gridID: Int64,
                              unitPath: String, newTags: [ResidentTag], oldTags: [ResidentTag], rules loaded: [MustVisitRule]? = nil,
                              _ caller: Caller) async throws {
        let rules = if let loaded { loaded } else { try await rules(on: tx) }
        let triggered = MustVisitRule.triggered(by: newTags, previously: oldTags, rules: rules)
        for rule in triggered {
            try await openTask(tx, rule: rule, title: "\(rule.name)：\(name)", target: .resident(residentID, household: householdID),
                               gridID: gridID, unitPath: unitPath, due: rule.due(from: now()), caller)
        }
    }

    /// 群众聚堆点必访: a place registered as (or changed into) a triggering kind.
    func createPlaceTasks(_ tx: any SQLDatabase, placeID: Int64, name: String, kind: PlaceKind, oldKind: PlaceKind?, gridID: Int64,
                          unitPath: String, _ caller: Caller) async throws {
        for rule in MustVisitRule.triggered(byPlaceKind: kind, previously: oldKind, rules: try await rules(on: tx)) {
            try await openTask(tx, rule: rule, title: "\(rule.name)：\(name)", target: .place(placeID), gridID: gridID, unitPath: unitPath,
                               due: rule.due(from: now()), caller)
        }
    }

    enum TaskTarget { case resident(Int64, household: Int64), place(Int64) }

    /// Inserts an open task for the grid's officer unless one is already open for the same rule
    /// and target (the partial unique indexes make the second insert do nothing).
    @discardableResult
    func openTask(_ tx: any SQLDatabase, rule: MustVisitRule, title: String, target: TaskTarget, gridID: Int64, unitPath: String,
                  due: Date, _ caller: Caller) async throws -> Bool {
        let officer = try await tx.select().column("responsible_officer_id").from("units").where("id", .equal, gridID).first()?
            .decode(column: "responsible_officer_id", as: Int64?.self)
        return try await openTasks(tx, [NewTask(rule: rule, title: title, target: target, assigneeID: officer, unitPath: unitPath, due: due)], caller) == 1
    }

    struct NewTask {
        var rule: MustVisitRule
        var title: String
        var target: TaskTarget
        var assigneeID: Int64?
        var unitPath: String
        var due: Date
        var resident: Int64? { if case .resident(let r, _) = target { r } else { nil } }
        var place: Int64? { if case .place(let p) = target { p } else { nil } }
    }

    private static let taskInsert = BulkInsert(
        table: "tasks", columns: ["rule_code", "title", "resident_id", "household_id", "place_id", "assignee_id", "unit_path", "due_at", "status", "created_at"],
        ignoringConflicts: true, returning: ["id", "rule_code", "resident_id", "place_id"])

    /// Opens each task unless the same rule is already open for its target, and audits each one
    /// opened; gives how many were.
    func openTasks(_ tx: any SQLDatabase, _ tasks: [NewTask], _ caller: Caller) async throws -> Int {
        guard !tasks.isEmpty else { return 0 }
        let t = now()
        let rows: [[any Encodable & Sendable]] = tasks.map { task in
            var household: Int64?
            if case .resident(_, let h) = task.target { household = h }
            return [task.rule.code, task.title, task.resident, household, task.place, task.assigneeID, task.unitPath, task.due,
                    VisitTask.Status.open.rawValue, t]
        }
        let byTarget = Dictionary(tasks.map { ("\($0.rule.code)|\($0.resident ?? 0)|\($0.place ?? 0)", $0) }, uniquingKeysWith: { a, _ in a })
        let opened = try await Self.taskInsert.run(tx, rows).map { (id: try $0.decode(column: "id", as: Int64.self), row: $0) }.sorted { $0.id < $1.id }
        try await audit(tx, try opened.map { id, r in
            let resident = try r.decode(column: "resident_id", as: Int64?.self), place = try r.decode(column: "place_id", as: Int64?.self)
            let task = byTarget["\(try r.decode(column: "rule_code", as: String.self))|\(resident ?? 0)|\(place ?? 0)"]!
            return AuditLine(caller: caller, action: "task.create", objectType: "task", objectID: String(id),
                             summary: "\(task.rule.code) \(resident.map { "resident=\($0)" } ?? "place=\(place ?? 0)") due=\(Int(task.due.timeIntervalSince1970))",
                             unitPath: task.unitPath)
        })
        return opened.count
    }

    private struct TaskRow: Decodable {
        var id: Int64; var ruleCode: String; var title: String; var residentId: Int64?; var householdId: Int64?; var placeId: Int64?
        var assigneeId: Int64?; var dueAt: Date; var status: String; var completedVisitId: Int64?
        var subject: String?; var address: String?; var assigneeName: String?; var unitPath: String
        var view: TaskView {
            TaskView(task: VisitTask(id: id, ruleCode: ruleCode, title: title, residentID: residentId, householdID: householdId, placeID: placeId,
                                     assigneeID: assigneeId, dueAt: dueAt, status: VisitTask.Status(rawValue: status) ?? .open, completedVisitID: completedVisitId),
                     subject: subject ?? "", address: address ?? "", assigneeName: assigneeName, unitPath: unitPath)
        }
    }

    /// 我的任务: an officer's or auxiliary's own open tasks; a leader's whole jurisdiction.
    /// `own`: only the caller's (a leader otherwise sees every open task in reach).
    public func openTasks(_ caller: Caller, own: Bool = false, limit: Int = 500) async throws -> [TaskView] {
        guard caller.role.seesWorkRecords else { return [] }
        var q = sql.select()
            .columns(SQLRaw("t.id, t.rule_code, t.title, t.resident_id, t.household_id, t.place_id, t.assignee_id, t.due_at, t.status, t.completed_visit_id, t.unit_path, COALESCE(r.name, p.name) AS subject, COALESCE(h.address, p.address) AS address, u.display_name AS assignee_name"))
            .from(SQLAlias(SQLIdentifier("tasks"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), method: SQLJoinMethod.left, on: SQLRaw("r.id = t.resident_id"))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), method: SQLJoinMethod.left, on: SQLRaw("h.id = t.household_id"))
            .join(SQLAlias(SQLIdentifier("places"), as: SQLIdentifier("p")), method: SQLJoinMethod.left, on: SQLRaw("p.id = t.place_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left, on: SQLRaw("u.id = t.assignee_id"))
            .where(caller.jurisdiction.predicate(pathColumn: "t.unit_path", householdColumn: "t.household_id"))
            .where(SQLColumn("status", table: "t"), .equal, SQLBind(VisitTask.Status.open.rawValue))
        if own || !caller.role.mayDirectWork {
            q = q.where(SQLColumn("assignee_id", table: "t"), .equal, SQLBind(caller.userID ?? -1))
        }
        return try await q.orderBy(SQLColumn("due_at", table: "t")).limit(limit).all(decoding: TaskRow.self, with: Store.rowDecoder).map(\.view)
    }

    /// 改派: a leader hands an open task to another officer of the place; the audit line keeps
    /// who had it before.
    public func reassignTask(id: Int64, to userID: Int64, _ caller: Caller) async throws {
        guard caller.role.mayDirectWork else { throw Forbidden() }
        guard let task = try await sql.select().columns("unit_path", "assignee_id", "status", "title").from("tasks").where("id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id")).first() else { throw NotFound() }
        let path = try task.decode(column: "unit_path", as: String.self)
        let before = try task.decode(column: "assignee_id", as: Int64?.self), title = try task.decode(column: "title", as: String.self)
        guard try task.decode(column: "status", as: String.self) == VisitTask.Status.open.rawValue else { throw ValidationFailure(field: "status", .invalidChoice) }
        guard let officer = try await account(id: userID, caller), officer.role.doesFieldWork, officer.worksAt(path) else { throw ValidationFailure(field: "assigneeID", .outOfJurisdiction) }
        try await write { tx in
            try await tx.update("tasks").set("assignee_id", to: userID).where("id", .equal, id).run()
            try await audit(tx, caller, "task.reassign", "task", String(id), "assignee: \(before.map(String.init) ?? "-") -> \(userID)", at: path)
            try await notify(tx, userIDs: [userID], NoticeFacts(kind: .taskAssigned, objectID: id, subject: title),
                             dedupeKey: "task:\(id):assigned:\(now().timeIntervalSince1970)")
        }
    }

    /// Logging a visit completes the open tasks it answers: those for the household (or the
    /// place), limited to the residents met when the visit names them; a task for the whole
    /// household (a campaign's) is done by any visit there. For a batch of visits, one query
    /// finds the open tasks of all of them; a task goes to the first visit that answers it.
    func completeTasks(_ tx: any SQLDatabase, _ visits: [(visitID: Int64, visit: ValidVisit, gridID: Int64, caller: Caller)]) async throws -> [Int64: [Int64]] {
        guard !visits.isEmpty else { return [:] }
        var households: [Int64] = [], places: [Int64] = []
        for v in visits {
            switch v.visit.target { case .household(let h): households.append(h); case .place(let p): places.append(p) }
        }
        var targets: [any SQLExpression] = []
        if !households.isEmpty { targets.append(SQLBinaryExpression(SQLColumn("household_id"), .in, SQLBind.group(Array(Set(households))))) }
        if !places.isEmpty { targets.append(SQLBinaryExpression(SQLColumn("place_id"), .in, SQLBind.group(Array(Set(places))))) }
        let rows = try await tx.select().columns("id", "rule_code", "title", "resident_id", "household_id", "place_id", "unit_path").from("tasks")
            .where("status", .equal, VisitTask.Status.open.rawValue)
            .where(SQLGroupExpression(SQLList(targets, separator: SQLRaw(" OR "))))
            .orderBy("id").all()
        guard !rows.isEmpty else { return [:] }
        struct Open { var id: Int64, rule: String, title: String, resident: Int64?, household: Int64?, place: Int64?, path: String }
        var open = try rows.map { r in
            Open(id: try r.decode(column: "id", as: Int64.self), rule: try r.decode(column: "rule_code", as: String.self), title: try r.decode(column: "title", as: String.self),
                 resident: try r.decode(column: "resident_id", as: Int64?.self), household: try r.decode(column: "household_id", as: Int64?.self),
                 place: try r.decode(column: "place_id", as: Int64?.self), path: try r.decode(column: "unit_path", as: String.self))
        }
        var done: [Int64: [Int64]] = [:]
        var rules: [String: MustVisitRule]?
        for v in visits {
            let answered = open.filter { task in
                switch v.visit.target {
                case .household(let h): task.household == h && (task.resident == nil || v.visit.residentIDs.isEmpty || v.visit.residentIDs.contains(task.resident!))
                case .place(let p): task.place == p
                }
            }
            guard !answered.isEmpty else { continue }
            let ids = answered.map(\.id)
            open.removeAll { ids.contains($0.id) }
            done[v.visitID] = ids
            try await tx.update("tasks").set("status", to: VisitTask.Status.done.rawValue).set("completed_visit_id", to: v.visitID)
                .set("completed_at", to: now()).where("id", .in, ids).run()
            // A repeating rule (deputies every 90 days, gathering points every 30) schedules its
            // next visit from this one.
            if rules == nil { rules = Dictionary(uniqueKeysWithValues: try await self.rules(on: tx).map { ($0.code, $0) }) }
            for task in answered {
                guard let rule = rules?[task.rule], rule.active, let next = rule.nextDue(afterVisitAt: v.visit.visitedAt) else { continue }
                let target: TaskTarget = task.place.map { .place($0) } ?? .resident(task.resident!, household: task.household!)
                try await openTask(tx, rule: rule, title: task.title, target: target, gridID: v.gridID, unitPath: task.path, due: next, v.caller)
            }
        }
        return done
    }
}
