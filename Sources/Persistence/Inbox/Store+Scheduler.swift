import Domain
import Foundation
import SQLKit

/// What one pass of the recurring jobs did.
public struct SchedulerRun: Sendable, Equatable {
    public var jobsRun: [String] = []
    public var escalatedToStation = 0
    public var escalatedToBureau = 0
    public var careTasksOpened = 0
    public var requestsToStation = 0
    public var requestsToBureau = 0
    public var appointmentReminders = 0
}

extension Store {
    /// The recurring jobs and how often each runs.
    static let jobs: [(name: String, every: TimeInterval)] = [("escalate_overdue", 60), ("escalate_requests", 60), ("care_tasks", 600), ("appointment_reminders", 60)]
    /// A lease outlives any sane run, so a crashed holder's job is taken over after it.
    static let leaseSeconds: TimeInterval = 300

    /// Runs every job that is due and not leased by another instance. Several servers may call
    /// this at once on one PostgreSQL: a job runs on one of them, and inside a job every change
    /// is conditional (a task is escalated only from the level it was seen at; notices and
    /// tasks are unique), so a repeated run creates nothing twice.
    public func runDueWork(holder: String) async throws -> SchedulerRun {
        var run = SchedulerRun()
        for job in Self.jobs {
            guard try await takeLease(job: job.name, holder: holder) else { continue }
            let summary: String
            switch job.name {
            case "escalate_overdue":
                (run.escalatedToStation, run.escalatedToBureau) = try await escalateOverdue(overdueTasks, holder: holder)
                summary = "station=\(run.escalatedToStation) bureau=\(run.escalatedToBureau)"
            case "escalate_requests":
                (run.requestsToStation, run.requestsToBureau) = try await escalateOverdue(overdueRequests(Self.schedulerCaller(holder)), holder: holder)
                summary = "station=\(run.requestsToStation) bureau=\(run.requestsToBureau)"
            case "appointment_reminders":
                run.appointmentReminders = try await sendAppointmentReminders()
                summary = "sent=\(run.appointmentReminders)"
            default:
                run.careTasksOpened = try await openCareTasks(holder: holder)
                summary = "opened=\(run.careTasksOpened)"
            }
            try await releaseLease(job: job.name, holder: holder, nextRun: now().addingTimeInterval(job.every), summary: summary)
            run.jobsRun.append(job.name)
        }
        return run
    }

    /// Takes the job if it is due and nobody holds an unexpired lease on it. The UPDATE is the
    /// lock: of two instances racing, only one sees the row still matching.
    func takeLease(job: String, holder: String) async throws -> Bool {
        let t = now()
        return try await write { tx in
            try await tx.insert(into: "scheduler_jobs").columns("id", "next_run_at").values(SQLBind(job), SQLBind(t)).ignoringConflicts().run()
            return try await tx.update("scheduler_jobs").set("holder", to: holder).set("lease_until", to: t.addingTimeInterval(Self.leaseSeconds))
                .where("id", .equal, job).where("next_run_at", .lessThanOrEqual, t)
                .where(SQLGroupExpression(SQLBinaryExpression(SQLRaw("lease_until IS NULL"), .or, SQLBinaryExpression(SQLColumn("lease_until"), .lessThan, SQLBind(t)))))
                .returning("id").first() != nil
        }
    }

    func releaseLease(job: String, holder: String, nextRun: Date, summary: String) async throws {
        try await write { tx in
            try await tx.update("scheduler_jobs").set("lease_until", to: SQLLiteral.null).set("next_run_at", to: nextRun).set("last_summary", to: summary)
                .where("id", .equal, job).where("holder", .equal, holder).run()
        }
    }

    static func schedulerCaller(_ holder: String) -> Caller {
        Caller(userID: nil, username: "system:scheduler", role: .admin, jurisdiction: .subtree(path: "/"), clientAddress: holder)
    }

    /// What differs between escalating overdue tasks and overdue requests.
    struct OverdueKind: Sendable {
        var table: String, dueColumn: String, titleColumn: String, objectType: String
        var open: any SQLExpression
        var notice: @Sendable (VisitTask.Escalation) -> NoticeKind
        /// Extra writes for each escalated row (a request's timeline line).
        var onEscalated: @Sendable (any SQLDatabase, Int64, VisitTask.Escalation) async throws -> Void = { _, _, _ in }
    }

    var overdueTasks: OverdueKind {
        OverdueKind(table: "tasks", dueColumn: "due_at", titleColumn: "title", objectType: "task",
                    open: SQLBinaryExpression(SQLColumn("status"), .equal, SQLBind(VisitTask.Status.open.rawValue)),
                    notice: { $0 == .bureau ? .taskBureau : .taskStation })
    }

    func overdueRequests(_ caller: Caller) -> OverdueKind {
        OverdueKind(table: "requests", dueColumn: "deadline_at", titleColumn: "description", objectType: "request",
                    open: SQLBinaryExpression(SQLColumn("status"), .in, SQLBind.group(RequestStatus.allCases.filter(\.isOpen).map(\.rawValue))),
                    notice: { $0 == .bureau ? .requestBureau : .requestStation },
                    onEscalated: { tx, id, level in
                        let status = try await tx.select().column("status").from("requests").where("id", .equal, id).first()!.decode(column: "status", as: String.self)
                        try await self.event(tx, requestID: id, caller, step: "escalate", from: RequestStatus(rawValue: status), to: RequestStatus(rawValue: status) ?? .new,
                                             note: level.rawValue)
                    })
    }

    /// 督办: overdue work goes to its station leader at the due time and to the bureau leaders
    /// `bureauAfterDays` later; each step is taken once per row (a conditional update on `escalated`).
    func escalateOverdue(_ kind: OverdueKind, holder: String, batch: Int = 500) async throws -> (station: Int, bureau: Int) {
        let settings = try await workSettings(), t = now()
        let bureauCutoff = t.addingTimeInterval(-Double(settings.bureauAfterDays) * 86400)
        return try await write { tx in
            var q = tx.select().columns("id", kind.titleColumn, "unit_path", kind.dueColumn, "escalated").from(kind.table)
                .where(kind.open).where(kind.dueColumn, .lessThan, t)
                .where(SQLGroupExpression(SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("escalated"), .equal, SQLBind(VisitTask.Escalation.none.rawValue)), .or,
                    SQLBinaryExpression(SQLBinaryExpression(SQLColumn("escalated"), .equal, SQLBind(VisitTask.Escalation.station.rawValue)), .and,
                                        SQLBinaryExpression(SQLColumn(kind.dueColumn), .lessThanOrEqual, SQLBind(bureauCutoff))))))
                .orderBy(kind.dueColumn).limit(batch)
            if isPostgres { q = q.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            var station: [Int64] = [], bureau: [Int64] = [], paths: [String] = []
            for row in try await q.all() {
                let id = try row.decode(column: "id", as: Int64.self), path = try row.decode(column: "unit_path", as: String.self)
                let due = try row.decode(column: kind.dueColumn, as: Date.self), title = try row.decode(column: kind.titleColumn, as: String.self)
                let seen = try row.decode(column: "escalated", as: String.self)
                let level = VisitTask.escalation(due: due, now: t, bureauAfterDays: settings.bureauAfterDays)
                let moved = try await tx.update(kind.table).set("escalated", to: level.rawValue).where("id", .equal, id).where("escalated", .equal, seen)
                    .returning("id").first() != nil
                guard moved else { continue }
                try await kind.onEscalated(tx, id, level)
                try await notify(tx, userIDs: try await leaders(tx, of: level == .bureau ? .bureauLeader : .stationLeader, over: path),
                                 NoticeFacts(kind: kind.notice(level), objectID: id, subject: title, dueAt: due),
                                 dedupeKey: "\(kind.objectType):\(id):\(level.rawValue):\(Int(due.timeIntervalSince1970))")
                if level == .bureau { bureau.append(id) } else { station.append(id) }
                paths.append(path)
            }
            if !station.isEmpty || !bureau.isEmpty {
                try await audit(tx, Self.schedulerCaller(holder), "\(kind.objectType).escalate", kind.objectType, "batch",
                                "station=\(Self.idList(station)) bureau=\(Self.idList(bureau))", at: Jurisdiction.commonPath(paths))
            }
            return (station.count, bureau.count)
        }
    }

    static func idList(_ ids: [Int64]) -> String {
        ids.isEmpty ? "-" : ids.prefix(50).map(String.init).joined(separator: ",") + (ids.count > 50 ? " …(\(ids.count))" : "")
    }

    /// 关爱对象: a care task appears on the grid officer's list a week before the person's next
    /// visit falls due (cadence from the last household visit, or from registration).
    func openCareTasks(holder: String, batch: Int = 1000) async throws -> Int {
        let t = now(), caller = Self.schedulerCaller(holder)
        let due = try await careSubjects(where: SQLRaw("NOT EXISTS (SELECT 1 FROM tasks t WHERE t.rule_code = 'care' AND t.resident_id = r.id AND t.status = 'open')"),
                                         settings: try await workSettings())
            .filter { CareCadence.taskOpens(due: $0.due) <= t }.prefix(batch)
        guard !due.isEmpty else { return 0 }
        let work = Array(due)
        return try await write { tx in
            var opened = 0
            for s in work {
                opened += try await openTask(tx, rule: CareCadence.rule, title: "\(CareCadence.rule.name)：\(s.name)", target: .resident(s.residentID, household: s.householdID),
                                             gridID: s.gridID, unitPath: s.unitPath, due: s.due, caller) ? 1 : 0
            }
            return opened
        }
    }
}
