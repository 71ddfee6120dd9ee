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
        guard caller.role.seesWorkRecords, caller.jurisdiction.contains(unitPath: scope.unit.path),
              children.allSatisfy({ $0.path.hasPrefix(scope.unit.path) }) else { throw NotFound() }
        let sql = self.sql, paths = children.map(\.path), (a, b) = (scope.period.start, scope.period.end), t = now()
        let inUnit = { @Sendable (column: String) in Jurisdiction.subtree(path: scope.unit.path).predicate(pathColumn: column, householdColumn: column) }
        let group = { @Sendable (column: String) -> any SQLExpression in UnitGroup(column: column, paths: paths) }
        /// An officer's own share: what they logged or what is assigned to them.
        let mine = { @Sendable (q: SQLSelectBuilder, column: String, table: String?) -> SQLSelectBuilder in
            scope.officerID.map { q.where(SQLColumn(column, table: table), .equal, SQLBind($0)) } ?? q
        }
        let grouped = { @Sendable (column: String) -> SQLSelectBuilder in
            sql.select().column(SQLAlias(group(column), as: SQLIdentifier("g"))).groupBy(SQLIdentifier("g"))
        }
        func int(_ row: any SQLRow, _ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }

        // Each query is a job: the queries run side by side (a page waits for the slowest, not the
        // sum), then their rows are added to the figures in order.
        var total = FigureCounts(), rows = Array(repeating: FigureCounts(), count: children.count)
        var jobs: [(run: @Sendable () async throws -> [any SQLRow], use: ([any SQLRow]) throws -> Void)] = []
        /// Each row's compared unit (its `g`), nil for a row of none of them.
        func child(_ r: any SQLRow) throws -> Int? {
            let g = try r.decode(column: "g", as: Int.self)
            return rows.indices.contains(g) ? g : nil
        }
        /// A grouped query whose rows add to their child's figures and to the total.
        func adding(_ query: @escaping @Sendable () -> SQLSelectBuilder, _ apply: @escaping (any SQLRow, inout FigureCounts) throws -> Void) {
            jobs.append(({ try await query().all() }, { result in
                for r in result {
                    try apply(r, &total)
                    if let g = try child(r) { try apply(r, &rows[g]) }
                }
            }))
        }

        adding({ grouped("unit_path").column(SQLAlias(SQLRaw("CAST(SUM(households) AS BIGINT)"), as: SQLIdentifier("n"))).from("household_counts").where(inUnit("unit_path")) }) { r, c in
            c.households += try int(r, "n")
        }

        // Visits and persons met: the day rollup, or the visits themselves (an officer's own, a part of a day).
        let persons = RollupSQL(postgres: isPostgres).persons("")
        if useRollups, scope.officerID == nil, let days = scope.period.rollupDays {
            adding({
                grouped("unit_path").from("visit_days").where(inUnit("unit_path"))
                    .where("day", .greaterThanOrEqual, days.lowerBound).where("day", .lessThan, days.upperBound)
                    .column(SQLAlias(SQLRaw("CAST(SUM(visits) AS BIGINT)"), as: SQLIdentifier("visits")))
                    .column(SQLAlias(SQLRaw("CAST(SUM(persons) AS BIGINT)"), as: SQLIdentifier("persons")))
            }) { r, c in c.visits += try int(r, "visits"); c.personsVisited += try int(r, "persons") }
        } else {
            adding({
                mine(grouped("unit_path").from("visits").where(inUnit("unit_path")).where("visited_at", .greaterThanOrEqual, a).where("visited_at", .lessThan, b), "created_by", nil)
                    .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("visits")))
                    .column(SQLAlias(SQLRaw("SUM(\(persons))"), as: SQLIdentifier("persons")))
            }) { r, c in c.visits += try int(r, "visits"); c.personsVisited += try int(r, "persons") }
        }

        // Households visited. One whole month: the per-unit counts of the month rollup, which add up
        // (a household is in it once a month). Several months, or no rollup: distinct households,
        // the total counted on its own (a household that moved would count in two units).
        let months = useRollups && scope.officerID == nil ? scope.period.rollupMonths : nil
        if let months, months.count == 1 {
            adding({
                grouped("unit_path").column(SQLAlias(SQLRaw("CAST(SUM(households) AS BIGINT)"), as: SQLIdentifier("n")))
                    .from("visit_unit_months").where(inUnit("unit_path")).where("month", .equal, months.lowerBound)
            }) { r, c in c.householdsVisited += try int(r, "n") }
        } else {
            let distinct = { @Sendable (q: SQLSelectBuilder) -> SQLSelectBuilder in
                let q = q.column(SQLAlias(SQLRaw("COUNT(DISTINCT household_id)"), as: SQLIdentifier("n")))
                guard let months else {
                    return mine(q.from("visits").where(inUnit("unit_path")).where("visited_at", .greaterThanOrEqual, a).where("visited_at", .lessThan, b), "created_by", nil)
                }
                return q.from("visit_household_months").where(inUnit("unit_path"))
                    .where("month", .greaterThanOrEqual, months.lowerBound).where("month", .lessThanOrEqual, months.upperBound)
            }
            if !children.isEmpty {
                jobs.append(({ try await distinct(grouped("unit_path")).all() }, { result in
                    for r in result { if let g = try child(r) { rows[g].householdsVisited = try int(r, "n") } }
                }))
            }
            jobs.append(({ try await distinct(sql.select()).all() }, { total.householdsVisited = try $0.first.map { try int($0, "n") } ?? 0 }))
        }

        let isCare = "t.rule_code = 'care'", isMust = "t.rule_code <> 'care' AND t.rule_code NOT LIKE 'campaign:%'"
        adding({
            mine(grouped("t.unit_path")
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("done")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isMust) THEN 1 ELSE 0 END)"), as: SQLIdentifier("must")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isMust) AND t.completed_at <= t.due_at THEN 1 ELSE 0 END)"), as: SQLIdentifier("must_on_time")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isCare) THEN 1 ELSE 0 END)"), as: SQLIdentifier("care")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(isCare) AND t.completed_at <= t.due_at THEN 1 ELSE 0 END)"), as: SQLIdentifier("care_on_time")))
                .from(SQLAlias(SQLIdentifier("tasks"), as: SQLIdentifier("t"))).where(inUnit("t.unit_path"))
                .where(SQLColumn("status", table: "t"), .equal, SQLBind(VisitTask.Status.done.rawValue))
                .where(SQLColumn("completed_at", table: "t"), .greaterThanOrEqual, SQLBind(a)).where(SQLColumn("completed_at", table: "t"), .lessThan, SQLBind(b)),
                "assignee_id", "t")
        }) { r, c in
            c.tasksDone += try int(r, "done"); c.mustVisitDone += try int(r, "must"); c.mustVisitOnTime += try int(r, "must_on_time")
            c.careDone += try int(r, "care"); c.careOnTime += try int(r, "care_on_time")
        }
        adding({
            mine(grouped("unit_path")
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("open")))
                .column(SQLAlias(SQLQueryString("SUM(CASE WHEN due_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
                .from("tasks").where(inUnit("unit_path")).where("status", .equal, VisitTask.Status.open.rawValue), "assignee_id", nil)
        }) { r, c in c.tasksOpen += try int(r, "open"); c.tasksOverdue += try int(r, "overdue") }

        let openStatuses = RequestStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let received = { @Sendable (q: SQLSelectBuilder) -> SQLSelectBuilder in
            mine(q.from("requests").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "assignee_id", nil)
        }
        adding({
            received(grouped("unit_path"))
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("received")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END)"), as: SQLIdentifier("resolved")))
                .column(SQLAlias(SQLQueryString("SUM(CASE WHEN status IN (\(unsafeRaw: openStatuses)) AND deadline_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN status IN ('resolved', 'closed') OR reopen_count > 0 THEN 1 ELSE 0 END)"), as: SQLIdentifier("ever_resolved")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("return_visited")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("satisfied")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'basically_satisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("basically")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfaction = 'dissatisfied' THEN 1 ELSE 0 END)"), as: SQLIdentifier("dissatisfied")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN kind = 'suggestion' THEN 1 ELSE 0 END)"), as: SQLIdentifier("suggestions")))
        }) { r, c in
            c.requestsReceived += try int(r, "received"); c.requestsResolved += try int(r, "resolved"); c.requestsOverdue += try int(r, "overdue")
            c.everResolved += try int(r, "ever_resolved"); c.returnVisited += try int(r, "return_visited")
            c.satisfied += try int(r, "satisfied"); c.basicallySatisfied += try int(r, "basically"); c.dissatisfied += try int(r, "dissatisfied")
            c.suggestions += try int(r, "suggestions")
        }

        // Medians without loading durations. SQLite: each group's middle one or two by their row
        // number, the total's (group -2) in the same query; PostgreSQL has the aggregate itself. The
        // duration is NULL for those not finished — a condition in the WHERE would lead SQLite to
        // the status index instead of the period's.
        let median = isPostgres
            ? "SELECT COALESCE(g, -2) AS g, percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS m FROM x GROUP BY \(children.isEmpty ? "g" : "GROUPING SETS ((g), ())")"
            : """
              SELECT g, CAST(AVG(d) AS DOUBLE PRECISION) AS m FROM (SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) AS rn, COUNT(*) OVER (PARTITION BY g) AS n
              FROM (\(children.isEmpty ? "SELECT g, d FROM x" : "SELECT g, d FROM x UNION ALL SELECT -2, d FROM x")) u) y WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g
              """
        /// The median of `durations` (columns g and d) into the figures, per compared unit and in total.
        func addingMedian(_ durations: @escaping @Sendable () -> SQLSelectBuilder, _ set: @escaping (inout FigureCounts, Double) -> Void) {
            jobs.append(({
                try await sql.raw("WITH x AS (SELECT g, d FROM (\(durations().select)) r WHERE d IS NOT NULL) \(unsafeRaw: median)").all()
            }, { result in
                for r in result {
                    // PostgreSQL's total row over no durations at all holds NULL.
                    guard let m = try r.decode(column: "m", as: Double?.self) else { continue }
                    if try r.decode(column: "g", as: Int.self) == (children.isEmpty ? -1 : -2) { set(&total, m) } else if let g = try child(r) { set(&rows[g], m) }
                }
            }))
        }
        let seconds = { @Sendable (from: String, to: String) in self.isPostgres ? "date_part('epoch', \(to) - \(from))" : "(\(to) - \(from))" }
        addingMedian({
            received(sql.select().column(SQLAlias(group("unit_path"), as: SQLIdentifier("g")))
                .column(SQLAlias(SQLRaw("CASE WHEN status IN ('resolved', 'closed') THEN \(seconds("created_at", "resolved_at")) END"), as: SQLIdentifier("d"))))
        }) { $0.medianResolveSeconds = $1 }

        // 矛盾纠纷: those registered in the period and where they stand now; 高 still open, whenever registered.
        let screened = { @Sendable (q: SQLSelectBuilder) -> SQLSelectBuilder in
            mine(q.from("disputes").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "officer_id", nil)
        }
        adding({
            screened(grouped("unit_path"))
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("screened")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END)"), as: SQLIdentifier("resolved")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN status = 'referred' THEN 1 ELSE 0 END)"), as: SQLIdentifier("referred")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN status = 'terminated' THEN 1 ELSE 0 END)"), as: SQLIdentifier("terminated")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END)"), as: SQLIdentifier("open")))
        }) { r, c in
            c.disputesScreened += try int(r, "screened"); c.disputesResolved += try int(r, "resolved"); c.disputesReferred += try int(r, "referred")
            c.disputesTerminated += try int(r, "terminated"); c.disputesOpen += try int(r, "open")
        }
        adding({
            mine(grouped("unit_path").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .from("disputes").where(inUnit("unit_path")).where("status", .equal, DisputeStatus.open.rawValue).where("risk", .equal, DisputeRisk.high.rawValue), "officer_id", nil)
        }) { r, c in c.disputesHighRiskOpen += try int(r, "n") }
        adding({
            mine(grouped("unit_path").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .from("disputes").where(inUnit("unit_path")).where("followed_up_at", .greaterThanOrEqual, a).where("followed_up_at", .lessThan, b), "officer_id", nil)
        }) { r, c in c.disputeFollowUps += try int(r, "n") }
        // 线索: received in the period, and where they stand now (a 破案 clue was verified too).
        adding({
            mine(grouped("unit_path").from("clues").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "received_by", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("received")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN outcome IN ('verified', 'solved') THEN 1 ELSE 0 END)"), as: SQLIdentifier("verified")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN outcome = 'solved' THEN 1 ELSE 0 END)"), as: SQLIdentifier("solved")))
        }) { r, c in c.cluesReceived += try int(r, "received"); c.cluesVerified += try int(r, "verified"); c.casesSolvedFromClues += try int(r, "solved") }
        // 回访全覆盖: the victims of the cases that happened in the period, and those visited.
        adding({
            mine(sql.select().column(SQLAlias(group("v.unit_path"), as: SQLIdentifier("g"))).groupBy(SQLIdentifier("g"))
                .from(SQLAlias(SQLIdentifier("case_victims"), as: SQLIdentifier("v"))).join(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), on: SQLRaw("c.id = v.case_id"))
                .where(inUnit("v.unit_path")).where(SQLColumn("occurred_at", table: "c"), .greaterThanOrEqual, SQLBind(a)).where(SQLColumn("occurred_at", table: "c"), .lessThan, SQLBind(b))
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("victims")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN v.visited_at IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("visited")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN v.leader_led THEN 1 ELSE 0 END)"), as: SQLIdentifier("leader_led"))), "assignee_id", "v")
        }) { r, c in c.victims += try int(r, "victims"); c.victimsVisited += try int(r, "visited"); c.leaderLedVictimVisits += try int(r, "leader_led") }
        // 巡逻: started in the period; 人次 are the officers and auxiliaries on each. Help by when it was recorded.
        adding({
            mine(grouped("unit_path").from("patrols").where(inUnit("unit_path")).where("started_at", .greaterThanOrEqual, a).where("started_at", .lessThan, b), "started_by", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("patrols")))
                .column(SQLAlias(SQLRaw("CAST(SUM(officers) AS BIGINT)"), as: SQLIdentifier("person_patrols")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN residents > 0 THEN 1 ELSE 0 END)"), as: SQLIdentifier("joint")))
                .column(SQLAlias(SQLRaw("CAST(SUM(residents) AS BIGINT)"), as: SQLIdentifier("residents")))
        }) { r, c in
            c.patrols += try int(r, "patrols"); c.personPatrols += try int(r, "person_patrols"); c.jointPatrols += try int(r, "joint")
            c.jointPatrolResidents += try int(r, "residents")
        }
        adding({
            mine(grouped("unit_path").from("help_records").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "created_by", nil)
                .column(SQLAlias(SQLRaw("CAST(SUM(CASE WHEN kind = 'rescue' THEN count ELSE 0 END) AS BIGINT)"), as: SQLIdentifier("helped")))
                .column(SQLAlias(SQLRaw("CAST(SUM(CASE WHEN kind = 'person_found' THEN count ELSE 0 END) AS BIGINT)"), as: SQLIdentifier("found")))
                .column(SQLAlias(SQLRaw("CAST(SUM(CASE WHEN kind = 'property' THEN count ELSE 0 END) AS BIGINT)"), as: SQLIdentifier("property")))
                .column(SQLAlias(SQLRaw("CAST(SUM(amount_fen) AS BIGINT)"), as: SQLIdentifier("fen")))
        }) { r, c in
            c.peopleHelped += try int(r, "helped"); c.peopleFound += try int(r, "found"); c.propertyRecovered += try int(r, "property")
            c.moneyRecoveredFen += try r.decode(column: "fen", as: Int64?.self) ?? 0
        }
        // 宣传: by the day it was held (China time), so a holiday period counts its own days.
        let (firstDay, lastDay) = scope.period.dayStrings()
        adding({
            mine(grouped("unit_path").from("publicity").where(inUnit("unit_path")).where("held_on", .greaterThanOrEqual, firstDay).where("held_on", .lessThanOrEqual, lastDay),
                 "created_by", nil)
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN kind = 'event' THEN 1 ELSE 0 END)"), as: SQLIdentifier("events")))
                .column(SQLAlias(SQLRaw("CAST(SUM(audience) AS BIGINT)"), as: SQLIdentifier("audience")))
                .column(SQLAlias(SQLRaw("CAST(SUM(leaflets) AS BIGINT)"), as: SQLIdentifier("leaflets")))
                .column(SQLAlias(SQLRaw("CAST(SUM(posts) AS BIGINT)"), as: SQLIdentifier("posts")))
                .column(SQLAlias(SQLRaw("CAST(SUM(views) AS BIGINT)"), as: SQLIdentifier("views")))
        }) { r, c in
            c.publicityEvents += try int(r, "events"); c.publicityAudience += try int(r, "audience"); c.leaflets += try int(r, "leaflets")
            c.onlinePosts += try int(r, "posts"); c.onlineViews += try int(r, "views")
        }
        addingMedian({
            screened(sql.select().column(SQLAlias(group("unit_path"), as: SQLIdentifier("g")))
                .column(SQLAlias(SQLRaw("CASE WHEN status = 'resolved' THEN \(seconds("created_at", "resolved_at")) END"), as: SQLIdentifier("d"))))
        }) { $0.medianDisputeSeconds = $1 }

        // 和谐警铃: pressed in the period, drills left out; each against its own station's limits.
        let pressed = { @Sendable (q: SQLSelectBuilder) -> SQLSelectBuilder in
            mine(q.from("alarms").where(inUnit("unit_path")).where("pressed_at", .greaterThanOrEqual, a).where("pressed_at", .lessThan, b)
                .where("drill", .equal, SQLBind(false)).where(SQLRaw("(outcome IS NULL OR outcome <> 'drill')")), "dispatched_to", nil)
        }
        let limit = { @Sendable (column: String, fallback: Int) in "COALESCE((SELECT s.\(column) FROM alarm_standards s WHERE s.station_path = alarms.station_path), \(fallback))" }
        adding({
            pressed(grouped("unit_path"))
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN outcome = 'false' THEN 1 ELSE 0 END)"), as: SQLIdentifier("falses")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN acknowledged_at IS NOT NULL AND \(seconds("pressed_at", "acknowledged_at")) <= \(limit("acknowledge_seconds", AlarmStandard.standard.acknowledgeSeconds)) THEN 1 ELSE 0 END)"),
                                 as: SQLIdentifier("ack")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN dispatched_to IS NOT NULL OR arrived_at IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("sent")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN arrived_at IS NOT NULL AND \(seconds("pressed_at", "arrived_at")) <= \(limit("arrive_seconds", AlarmStandard.standard.arriveSeconds)) THEN 1 ELSE 0 END)"),
                                 as: SQLIdentifier("arrived")))
        }) { r, c in
            c.alarms += try int(r, "n"); c.falseAlarms += try int(r, "falses"); c.alarmsAckOnTime += try int(r, "ack")
            c.alarmsDispatched += try int(r, "sent"); c.alarmsArriveOnTime += try int(r, "arrived")
        }
        addingMedian({
            pressed(sql.select().column(SQLAlias(group("unit_path"), as: SQLIdentifier("g"))).column(SQLAlias(SQLRaw(seconds("pressed_at", "acknowledged_at")), as: SQLIdentifier("d"))))
        }) { $0.medianAlarmAckSeconds = $1 }
        addingMedian({
            pressed(sql.select().column(SQLAlias(group("unit_path"), as: SQLIdentifier("g"))).column(SQLAlias(SQLRaw(seconds("pressed_at", "arrived_at")), as: SQLIdentifier("d"))))
        }) { $0.medianAlarmArriveSeconds = $1 }

        // 预约服务: booked in the period; done in the period (on the agreed day, rated); what was counted.
        adding({
            mine(grouped("unit_path").from("appointments").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "officer_id", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
        }) { r, c in c.appointmentsBooked += try int(r, "n") }
        adding({
            mine(grouped("unit_path").from("consultations").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "created_by", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
        }) { r, c in c.consultations += try int(r, "n") }
        adding({
            mine(grouped("unit_path").from("service_point_logs").where(inUnit("unit_path")).where("created_at", .greaterThanOrEqual, a).where("created_at", .lessThan, b), "created_by", nil)
                .column(SQLAlias(SQLRaw("CAST(SUM(count) AS BIGINT)"), as: SQLIdentifier("n")))
        }) { r, c in c.servicePointServices += try int(r, "n") }
        adding({
            mine(grouped("unit_path").from("survey_samples").where(inUnit("unit_path")).where("completed_at", .greaterThanOrEqual, a).where("completed_at", .lessThan, b), "answered_by", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN secure THEN 1 ELSE 0 END)"), as: SQLIdentifier("secure")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN secure IS NULL THEN 0 ELSE 1 END)"), as: SQLIdentifier("secure_valid")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfied THEN 1 ELSE 0 END)"), as: SQLIdentifier("satisfied")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN satisfied IS NULL THEN 0 ELSE 1 END)"), as: SQLIdentifier("satisfied_valid")))
        }) { r, c in
            c.surveyAnswers += try int(r, "n"); c.surveySecure += try int(r, "secure"); c.surveySecurityValid += try int(r, "secure_valid")
            c.surveySatisfied += try int(r, "satisfied"); c.surveySatisfactionValid += try int(r, "satisfied_valid")
        }
        adding({
            mine(grouped("unit_path").from("informants").where(inUnit("unit_path")), "contact_officer_id", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .column(SQLAlias(SQLQueryString("""
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM informant_contacts c WHERE c.resident_id = informants.resident_id \
                    AND c.contacted_at >= \(bind: a) AND c.contacted_at < \(bind: b)) THEN 1 ELSE 0 END)
                    """), as: SQLIdentifier("contacted")))
        }) { r, c in c.informants += try int(r, "n"); c.informantsContacted += try int(r, "contacted") }
        adding({
            mine(grouped("unit_path").from("queue_receipts").where(inUnit("unit_path")).where("recorded_at", .greaterThanOrEqual, a).where("recorded_at", .lessThan, b), "officer_id", nil)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .column(SQLAlias(SQLQueryString("SUM(CASE WHEN delay_seconds > \(literal: Int(QueueRules.lateAfter)) THEN 1 ELSE 0 END)"), as: SQLIdentifier("late")))
        }) { r, c in c.queuedRecords += try int(r, "n"); c.queuedLate += try int(r, "late") }
        let onDay = AppointmentSQL.onDay(postgres: isPostgres, table: "appointments")
        adding({
            mine(grouped("unit_path").from("appointments").where(inUnit("unit_path")).where("done_at", .greaterThanOrEqual, a).where("done_at", .lessThan, b), "officer_id", nil)
                .where("status", .equal, AppointmentStatus.done.rawValue)
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("done")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN \(onDay) THEN 1 ELSE 0 END)"), as: SQLIdentifier("on_day")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END)"), as: SQLIdentifier("rated")))
                .column(SQLAlias(SQLRaw("SUM(CASE WHEN rating IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END)"), as: SQLIdentifier("satisfied")))
        }) { r, c in
            c.appointmentsDone += try int(r, "done"); c.appointmentsOnDay += try int(r, "on_day")
            c.appointmentsRated += try int(r, "rated"); c.appointmentsSatisfied += try int(r, "satisfied")
        }
        adding({
            let q = grouped("s.unit_path").column(SQLColumn("counter", table: "s")).groupBy(SQLColumn("counter", table: "s"))
                .column(SQLAlias(SQLRaw("CAST(SUM(s.count) AS BIGINT)"), as: SQLIdentifier("n")))
                .from(SQLAlias(SQLIdentifier("service_counts"), as: SQLIdentifier("s"))).where(inUnit("s.unit_path"))
                .where(SQLColumn("done_at", table: "s"), .greaterThanOrEqual, SQLBind(a)).where(SQLColumn("done_at", table: "s"), .lessThan, SQLBind(b))
            return scope.officerID.map { q.where(SQLQueryString("s.appointment_id IN (SELECT id FROM appointments WHERE officer_id = \(bind: $0))")) } ?? q
        }) { r, c in c.serviceCounts[try r.decode(column: "counter", as: String.self), default: 0] += try int(r, "n") }

        if scope.officerID == nil {
            // Sums of BIGINT columns are NUMERIC on PostgreSQL: cast back to count them as integers.
            adding({
                grouped("unit_path")
                    .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("meetings")))
                    .column(SQLAlias(SQLRaw("CAST(SUM(residents + deputies + cadres + supervisors) AS BIGINT)"), as: SQLIdentifier("attendees")))
                    .column(SQLAlias(SQLRaw("CAST(SUM(satisfied) AS BIGINT)"), as: SQLIdentifier("satisfied")))
                    .column(SQLAlias(SQLRaw("CAST(SUM(basically_satisfied) AS BIGINT)"), as: SQLIdentifier("basically")))
                    .column(SQLAlias(SQLRaw("CAST(SUM(satisfied + basically_satisfied + dissatisfied) AS BIGINT)"), as: SQLIdentifier("rated")))
                    .from("meetings").where(inUnit("unit_path")).where("held_at", .greaterThanOrEqual, a).where("held_at", .lessThan, b)
            }) { r, c in
                c.meetings += try int(r, "meetings"); c.meetingAttendees += try int(r, "attendees")
                c.meetingSatisfied += try int(r, "satisfied"); c.meetingBasically += try int(r, "basically"); c.meetingRated += try int(r, "rated")
            }
            // 联防组: as they stand now, like the households they cover.
            adding({ grouped("unit_path").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))).from("alarm_groups").where(inUnit("unit_path")) }) { r, c in
                c.alarmGroups += try int(r, "n")
            }
            adding({ grouped("unit_path").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))).from("alarm_group_members").where(inUnit("unit_path")) }) { r, c in
                c.householdsInAlarmGroups += try int(r, "n")
            }
            // 点名: held on the period's days; expected of each station three times a day up to today.
            adding({
                grouped("unit_path").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                    .from("roll_calls").where(inUnit("unit_path")).where("day", .greaterThanOrEqual, firstDay).where("day", .lessThanOrEqual, lastDay)
            }) { r, c in c.rollCalls += try int(r, "n") }
        }

        async let duty = scope.officerID == nil ? dutyFacts(scope) : nil
        async let office = officeFacts(scope)
        let results = try await withThrowingTaskGroup(of: (Int, [any SQLRow]).self) { tasks in
            for (i, job) in jobs.enumerated() {
                let run = job.run
                tasks.addTask { (i, try await run()) }
            }
            var out = [[any SQLRow]](repeating: [], count: jobs.count)
            for try await (i, result) in tasks { out[i] = result }
            return out
        }
        for (job, result) in zip(jobs, results) { try job.use(result) }
        if let duty = try await duty { add(duty, scope, paths: paths, total: &total, rows: &rows) }
        for (path, c) in try await office {
            for i in [-1] + (paths.firstIndex { path.hasPrefix($0) }.map { [$0] } ?? []) {
                func add(_ x: inout FigureCounts) {
                    x.officeHalfDaysPlanned += c.officeHalfDaysPlanned; x.officeHalfDaysKept += c.officeHalfDaysKept
                    x.officeEveningsPlanned += c.officeEveningsPlanned; x.officeEveningsKept += c.officeEveningsKept
                }
                if i < 0 { add(&total) } else { add(&rows[i]) }
            }
        }
        return (total, rows)
    }
}

extension Store {
    /// The stations inside the unit and their roster gaps over the period (worked out from the
    /// shifts, as the roster page shows them): read alongside the grouped queries.
    func dutyFacts(_ scope: FigureScope) async throws -> (stations: [Domain.Unit], gaps: [StationGap]) {
        async let calendar = holidayCalendar()
        let stations = try await sql.select().column("*").from("units").where("kind", .equal, UnitKind.station.rawValue)
            .where(Jurisdiction.subtree(path: scope.unit.path).predicate(pathColumn: "path", householdColumn: "id"))
            .all(decoding: UnitRow.self, with: Store.rowDecoder).map { $0.domain() }
        let (from, to) = scope.period.dayStrings()
        return (stations, try await Self.gaps(sql, stations: stations, from: from, to: to, calendar: try await calendar))
    }

    /// Adds to each figure row its stations, the days they owe roll calls for (the period's up to today) and their gaps.
    func add(_ duty: (stations: [Domain.Unit], gaps: [StationGap]), _ scope: FigureScope, paths: [String], total: inout FigureCounts, rows: inout [FigureCounts]) {
        let (from, to) = scope.period.dayStrings(), today = ChinaTime.day(now())
        let days = max(0, (CivilDate.dayNumber(min(to, today)) ?? 0) - (CivilDate.dayNumber(from) ?? 0) + 1)
        let path = Dictionary(uniqueKeysWithValues: duty.stations.map { ($0.id, $0.path) })
        func add(_ stationPath: String, _ apply: (inout FigureCounts) -> Void) {
            apply(&total)
            if let i = paths.firstIndex(where: { stationPath.hasPrefix($0) }) { apply(&rows[i]) }
        }
        for s in duty.stations { add(s.path) { $0.stations += 1 } }
        total.rollCallDays = days
        for i in rows.indices { rows[i].rollCallDays = days }
        for g in duty.gaps { add(path[g.stationID] ?? "") { $0.dutyGaps += 1 } }
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
