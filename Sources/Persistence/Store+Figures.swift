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
    public func figureCounts(_ scope: FigureScope, _ caller: Caller) async throws -> FigureCounts {
        try await figureCounts(scope, comparing: [], caller).total
    }

    /// The counts behind every `Figure` for the scope's unit and, in the same grouped queries, for
    /// each of `children` (units inside it, for the comparison table). Every count is an SQL
    /// aggregate over the unit's path range — no rows are loaded. Visits and households come from
    /// the visit rollups when the period is made of whole days / whole months (`useRollups: false`
    /// counts the visits themselves: the tests compare the two).
    public func figureCounts(_ scope: FigureScope, comparing children: [Domain.Unit], _ caller: Caller, useRollups: Bool = true) async throws
        -> (total: FigureCounts, children: [FigureCounts]) {
        guard caller.role != .resident, caller.jurisdiction.contains(unitPath: scope.unit.path),
              children.allSatisfy({ $0.path.hasPrefix(scope.unit.path) }) else { throw NotFound() }
        let inUnit = { (column: String) in Jurisdiction.subtree(path: scope.unit.path).predicate(pathColumn: column, householdColumn: column) }
        let group = { (column: String) -> any SQLExpression in UnitGroup(column: column, paths: children.map(\.path)) }
        let (a, b) = (scope.period.start, scope.period.end), t = now()
        var total = FigureCounts(), rows = Array(repeating: FigureCounts(), count: children.count)
        /// Adds each group's row to its child and to the total.
        func add(_ result: [any SQLRow], _ apply: (any SQLRow, inout FigureCounts) throws -> Void) throws {
            for r in result {
                try apply(r, &total)
                let g = try r.decode(column: "g", as: Int.self)
                if rows.indices.contains(g) { try apply(r, &rows[g]) }
            }
        }
        func int(_ row: any SQLRow, _ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
        /// An officer's own share: what they logged or what is assigned to them.
        func mine(_ q: SQLSelectBuilder, _ column: String, table: String? = nil) -> SQLSelectBuilder {
            scope.officerID.map { q.where(SQLColumn(column, table: table), .equal, SQLBind($0)) } ?? q
        }
        func grouped(_ column: String) -> SQLSelectBuilder {
            sql.select().column(SQLAlias(group(column), as: SQLIdentifier("g"))).groupBy(SQLIdentifier("g"))
        }

        try add(try await grouped("unit_path").column(SQLAlias(SQLRaw("CAST(SUM(households) AS BIGINT)"), as: SQLIdentifier("n")))
            .from("household_counts").where(inUnit("unit_path")).all()) { r, c in c.households += try int(r, "n") }

        // Visits and persons met: the day rollup, or the visits themselves (an officer's own, a part of a day).
        let days = useRollups && scope.officerID == nil ? scope.period.rollupDays : nil
        let visits = days.map { days in
            grouped("unit_path").from("visit_days").where(inUnit("unit_path"))
                .where("day", .greaterThanOrEqual, days.lowerBound).where("day", .lessThan, days.upperBound)
                .column(SQLAlias(SQLRaw("CAST(SUM(visits) AS BIGINT)"), as: SQLIdentifier("visits")))
                .column(SQLAlias(SQLRaw("CAST(SUM(persons) AS BIGINT)"), as: SQLIdentifier("persons")))
        } ?? mine(grouped("unit_path").from("visits").where(inUnit("unit_path")).where("visited_at", .greaterThanOrEqual, a).where("visited_at", .lessThan, b), "created_by")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("visits")))
            .column(SQLAlias(SQLRaw("SUM(\(RollupSQL(postgres: isPostgres).persons("")))"), as: SQLIdentifier("persons")))
        try add(try await visits.all()) { r, c in c.visits += try int(r, "visits"); c.personsVisited += try int(r, "persons") }

        // Households visited. One whole month: the per-unit counts of the month rollup, which add up
        // (a household is in it once a month). Several months, or no rollup: distinct households,
        // the total counted on its own (a household that moved would count in two units).
        let months = useRollups && scope.officerID == nil ? scope.period.rollupMonths : nil
        if let months, months.count == 1 {
            try add(try await grouped("unit_path").column(SQLAlias(SQLRaw("CAST(SUM(households) AS BIGINT)"), as: SQLIdentifier("n")))
                .from("visit_unit_months").where(inUnit("unit_path")).where("month", .equal, months.lowerBound).all()) { r, c in c.householdsVisited += try int(r, "n") }
        } else {
            func distinct(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
                let q = q.column(SQLAlias(SQLRaw("COUNT(DISTINCT household_id)"), as: SQLIdentifier("n")))
                guard let months else {
                    return mine(q.from("visits").where(inUnit("unit_path")).where("visited_at", .greaterThanOrEqual, a).where("visited_at", .lessThan, b), "created_by")
                }
                return q.from("visit_household_months").where(inUnit("unit_path"))
                    .where("month", .greaterThanOrEqual, months.lowerBound).where("month", .lessThanOrEqual, months.upperBound)
            }
            if !children.isEmpty {
                for r in try await distinct(grouped("unit_path")).all() {
                    let g = try r.decode(column: "g", as: Int.self)
                    if rows.indices.contains(g) { rows[g].householdsVisited = try int(r, "n") }
                }
            }
            total.householdsVisited = try await distinct(sql.select()).first().map { try int($0, "n") } ?? 0
        }

        let isCare = "t.rule_code = 'care'", isMust = "t.rule_code <> 'care' AND t.rule_code NOT LIKE 'campaign:%'"
        let done = mine(grouped("t.unit_path")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("done")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isMust) THEN 1 ELSE 0 END)"), as: SQLIdentifier("must")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isMust) AND t.completed_at <= t.due_at THEN 1 ELSE 0 END)"), as: SQLIdentifier("must_on_time")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isCare) THEN 1 ELSE 0 END)"), as: SQLIdentifier("care")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isCare) AND t.completed_at <= t.due_at THEN 1 ELSE 0 END)"), as: SQLIdentifier("care_on_time")))
            .from(SQLAlias(SQLIdentifier("tasks"), as: SQLIdentifier("t"))).where(inUnit("t.unit_path"))
            .where(SQLColumn("status", table: "t"), .equal, SQLBind(VisitTask.Status.done.rawValue))
            .where(SQLColumn("completed_at", table: "t"), .greaterThanOrEqual, SQLBind(a)).where(SQLColumn("completed_at", table: "t"), .lessThan, SQLBind(b)),
            "assignee_id", table: "t")
        try add(try await done.all()) { r, c in
            c.tasksDone += try int(r, "done"); c.mustVisitDone += try int(r, "must"); c.mustVisitOnTime += try int(r, "must_on_time")
            c.careDone += try int(r, "care"); c.careOnTime += try int(r, "care_on_time")
        }
        let open = mine(grouped("unit_path")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("open")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN due_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
            .from("tasks").where(inUnit("unit_path")).where("status", .equal, VisitTask.Status.open.rawValue), "assignee_id")
        try add(try await open.all()) { r, c in c.tasksOpen += try int(r, "open"); c.tasksOverdue += try int(r, "overdue") }

        let openStatuses = RequestStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        func received(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            mine(q.from("requests").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "assignee_id")
        }
        let requests = received(grouped("unit_path"))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("received")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END)"), as: SQLIdentifier("resolved")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN status IN (\(unsafeRaw: openStatuses)) AND deadline_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN status IN ('resolved', 'closed') OR reopen_count > 0 THEN 1 ELSE 0 END)"), as: SQLIdentifier("ever_resolved")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("return_visited")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("satisfied")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'basically_satisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("basically")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'dissatisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("dissatisfied")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN kind = 'suggestion' THEN 1 ELSE 0 END)"), as: SQLIdentifier("suggestions")))
        try add(try await requests.all()) { r, c in
            c.requestsReceived += try int(r, "received"); c.requestsResolved += try int(r, "resolved"); c.requestsOverdue += try int(r, "overdue")
            c.everResolved += try int(r, "ever_resolved"); c.returnVisited += try int(r, "return_visited")
            c.satisfied += try int(r, "satisfied"); c.basicallySatisfied += try int(r, "basically"); c.dissatisfied += try int(r, "dissatisfied")
            c.suggestions += try int(r, "suggestions")
        }

        // Medians without loading durations: each group's middle one or two by their row number.
        // The duration is NULL for those not resolved — a condition in the WHERE would lead SQLite
        // to the status index instead of the period's.
        let seconds = isPostgres ? "EXTRACT(EPOCH FROM (resolved_at - created_at))" : "(resolved_at - created_at)"
        let duration = "CASE WHEN status IN ('resolved', 'closed') THEN \(seconds) END"
        func medians(_ groupBy: any SQLExpression) async throws -> [Int: Double] {
            let durations = received(sql.select().column(SQLAlias(groupBy, as: SQLIdentifier("g"))).column(SQLAlias(SQLRaw(duration), as: SQLIdentifier("d"))))
            let ranked = "SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM"
            var out: [Int: Double] = [:]
            for r in try await sql.raw("SELECT g, CAST(AVG(d) AS DOUBLE PRECISION) AS m FROM (\(unsafeRaw: ranked) (\(durations.select)) x WHERE d IS NOT NULL) y WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g").all() {
                out[try r.decode(column: "g", as: Int.self)] = try r.decode(column: "m", as: Double.self)
            }
            return out
        }
        if !children.isEmpty {
            for (g, m) in try await medians(group("unit_path")) where rows.indices.contains(g) { rows[g].medianResolveSeconds = m }
        }
        total.medianResolveSeconds = try await medians(SQLLiteral.numeric("-1"))[-1]

        if scope.officerID == nil {
            // Sums of BIGINT columns are NUMERIC on PostgreSQL: cast back to count them as integers.
            let meetings = grouped("unit_path")
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("meetings")))
                .column(SQLAlias(SQLRaw("CAST(SUM(residents + deputies + cadres + supervisors) AS BIGINT)"), as: SQLIdentifier("attendees")))
                .column(SQLAlias(SQLRaw("CAST(SUM(satisfied) AS BIGINT)"), as: SQLIdentifier("satisfied")))
                .column(SQLAlias(SQLRaw("CAST(SUM(basically_satisfied) AS BIGINT)"), as: SQLIdentifier("basically")))
                .column(SQLAlias(SQLRaw("CAST(SUM(satisfied + basically_satisfied + dissatisfied) AS BIGINT)"), as: SQLIdentifier("rated")))
                .from("meetings").where(inUnit("unit_path")).where("held_at", .greaterThanOrEqual, a).where("held_at", .lessThan, b)
            try add(try await meetings.all()) { r, c in
                c.meetings += try int(r, "meetings"); c.meetingAttendees += try int(r, "attendees")
                c.meetingSatisfied += try int(r, "satisfied"); c.meetingBasically += try int(r, "basically"); c.meetingRated += try int(r, "rated")
            }
        }
        return (total, rows)
    }
}

/// Which of the compared units a row's path falls in (0, 1, …), -1 for none: the `g` every
/// figure query groups by. The same path ranges as `Jurisdiction.predicate`, so the index serves them.
private struct UnitGroup: SQLExpression {
    var column: String
    var paths: [String]

    func serialize(to serializer: inout SQLSerializer) {
        guard !paths.isEmpty else { return SQLLiteral.numeric("-1").serialize(to: &serializer) }
        serializer.write("CASE")
        for (i, path) in paths.enumerated() {
            serializer.write(" WHEN ")
            Jurisdiction.subtree(path: path).predicate(pathColumn: column, householdColumn: column).serialize(to: &serializer)
            serializer.write(" THEN \(i)")
        }
        serializer.write(" ELSE -1 END")
    }
}
