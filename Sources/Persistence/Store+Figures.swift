import Domain
import Foundation
import SQLKit

/// Whose figures: a unit's (everything recorded inside it) or one officer's own work there.
public struct FigureScope: Sendable, Equatable {
    public var unit: Domain.Unit
    public var officerID: Int64?
    public var period: Period
    public init(unit: Domain.Unit, officerID: Int64? = nil, period: Period) { self.unit = unit; self.officerID = officerID; self.period = period }
}

extension Store {
    /// The counts behind every `Figure`, each one SQL aggregate over the unit's path range
    /// (the same index-backed predicate as every scoped query) — no rows are loaded.
    public func figureCounts(_ scope: FigureScope, _ caller: Caller) async throws -> FigureCounts {
        guard caller.role != .resident, caller.jurisdiction.contains(unitPath: scope.unit.path) else { throw NotFound() }
        let inUnit = { (column: String) in Jurisdiction.subtree(path: scope.unit.path).predicate(pathColumn: column, householdColumn: column) }
        let (a, b) = (scope.period.start, scope.period.end), t = now()
        var c = FigureCounts()
        func int(_ row: (any SQLRow)?, _ column: String) throws -> Int { try row?.decode(column: column, as: Int?.self) ?? 0 }
        /// An officer's own share: what they logged or what is assigned to them.
        func mine(_ q: SQLSelectBuilder, _ column: String, table: String? = nil) -> SQLSelectBuilder {
            scope.officerID.map { q.where(SQLColumn(column, table: table), .equal, SQLBind($0)) } ?? q
        }

        let households = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("households").where(inUnit("unit_path")).first()
        c.households = try int(households, "n")

        let visits = try await mine(sql.select()
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("visits")))
            .column(SQLAlias(SQLRaw("COUNT(DISTINCT household_id)"), as: SQLIdentifier("households")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN resident_ids = '' THEN 0 ELSE LENGTH(resident_ids) - LENGTH(REPLACE(resident_ids, ';', '')) + 1 END)"), as: SQLIdentifier("persons")))
            .from("visits").where(inUnit("unit_path")).where("visited_at", .greaterThanOrEqual, a).where("visited_at", .lessThan, b), "created_by").first()
        (c.visits, c.householdsVisited, c.personsVisited) = (try int(visits, "visits"), try int(visits, "households"), try int(visits, "persons"))

        let isCare = "t.rule_code = 'care'", isMust = "t.rule_code <> 'care' AND t.rule_code NOT LIKE 'campaign:%'"
        let done = try await mine(sql.select()
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("done")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isMust) THEN 1 ELSE 0 END)"), as: SQLIdentifier("must")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isMust) AND t.completed_at <= t.due_at THEN 1 ELSE 0 END)"), as: SQLIdentifier("must_on_time")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isCare) THEN 1 ELSE 0 END)"), as: SQLIdentifier("care")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isCare) AND t.completed_at <= t.due_at THEN 1 ELSE 0 END)"), as: SQLIdentifier("care_on_time")))
            .from(SQLAlias(SQLIdentifier("tasks"), as: SQLIdentifier("t"))).where(inUnit("t.unit_path"))
            .where(SQLColumn("status", table: "t"), .equal, SQLBind(VisitTask.Status.done.rawValue))
            .where(SQLColumn("completed_at", table: "t"), .greaterThanOrEqual, SQLBind(a)).where(SQLColumn("completed_at", table: "t"), .lessThan, SQLBind(b)),
            "assignee_id", table: "t").first()
        (c.tasksDone, c.mustVisitDone, c.mustVisitOnTime, c.careDone, c.careOnTime) =
            (try int(done, "done"), try int(done, "must"), try int(done, "must_on_time"), try int(done, "care"), try int(done, "care_on_time"))
        let open = try await mine(sql.select()
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("open")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN due_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
            .from("tasks").where(inUnit("unit_path")).where("status", .equal, VisitTask.Status.open.rawValue), "assignee_id").first()
        (c.tasksOpen, c.tasksOverdue) = (try int(open, "open"), try int(open, "overdue"))

        let openStatuses = RequestStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        func received() -> SQLSelectBuilder {
            mine(sql.select().from("requests").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "assignee_id")
        }
        let requests = try await received()
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("received")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END)"), as: SQLIdentifier("resolved")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN status IN (\(unsafeRaw: openStatuses)) AND deadline_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN status IN ('resolved', 'closed') OR reopen_count > 0 THEN 1 ELSE 0 END)"), as: SQLIdentifier("ever_resolved")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("return_visited")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("satisfied")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'basically_satisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("basically")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'dissatisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("dissatisfied")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN kind = 'suggestion' THEN 1 ELSE 0 END)"), as: SQLIdentifier("suggestions")))
            .first()
        c.requestsReceived = try int(requests, "received"); c.requestsResolved = try int(requests, "resolved"); c.requestsOverdue = try int(requests, "overdue")
        c.everResolved = try int(requests, "ever_resolved"); c.returnVisited = try int(requests, "return_visited")
        c.satisfied = try int(requests, "satisfied"); c.basicallySatisfied = try int(requests, "basically"); c.dissatisfied = try int(requests, "dissatisfied")
        c.suggestions = try int(requests, "suggestions")

        // The median without loading durations: the middle one or two by an ordered OFFSET.
        let duration = isPostgres ? "EXTRACT(EPOCH FROM (resolved_at - created_at))" : "(resolved_at - created_at)"
        if c.requestsResolved > 0 {
            func nth(_ n: Int) async throws -> Double? {
                try await received().column(SQLAlias(SQLRaw("\(duration)"), as: SQLIdentifier("d")))
                    .where(SQLRaw("resolved_at IS NOT NULL")).where(SQLRaw("status IN ('resolved', 'closed')"))
                    .orderBy(SQLRaw(duration)).limit(1).offset(n).first()?.decode(column: "d", as: Double.self)
            }
            let n = c.requestsResolved
            c.medianResolveSeconds = n % 2 == 1 ? try await nth(n / 2) : FigureCounts.median(lower: try await nth(n / 2 - 1), upper: try await nth(n / 2))
        }

        if scope.officerID == nil {
            // Sums of BIGINT columns are NUMERIC on PostgreSQL: cast back to count them as integers.
            let meetings = try await sql.select()
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("meetings")))
                .column(SQLAlias(SQLRaw("CAST(SUM(residents + deputies + cadres + supervisors) AS BIGINT)"), as: SQLIdentifier("attendees")))
                .column(SQLAlias(SQLRaw("CAST(SUM(satisfied) AS BIGINT)"), as: SQLIdentifier("satisfied")))
                .column(SQLAlias(SQLRaw("CAST(SUM(basically_satisfied) AS BIGINT)"), as: SQLIdentifier("basically")))
                .column(SQLAlias(SQLRaw("CAST(SUM(satisfied + basically_satisfied + dissatisfied) AS BIGINT)"), as: SQLIdentifier("rated")))
                .from("meetings").where(inUnit("unit_path")).where("held_at", .greaterThanOrEqual, a).where("held_at", .lessThan, b).first()
            c.meetings = try int(meetings, "meetings"); c.meetingAttendees = try int(meetings, "attendees")
            c.meetingSatisfied = try int(meetings, "satisfied"); c.meetingBasically = try int(meetings, "basically"); c.meetingRated = try int(meetings, "rated")
        }
        return c
    }
}
