import Domain
import Foundation
import SQLKit

/// One week (Monday to Sunday, China time) of a unit's work, for the dashboard's trend charts.
public struct WeekFigures: Sendable, Equatable {
    public var monday: Date
    public var visits = 0
    public var requestsReceived = 0
}

extension Store {
    /// The `weeks` weeks up to and including the one holding `until`: visits from the day rollup,
    /// requests by the day they came in. Two grouped queries, a row per week.
    public func weeklyTrend(unit: Domain.Unit, weeks: Int, until: Date, _ caller: Caller) async throws -> [WeekFigures] {
        guard caller.role.seesWorkRecords, caller.jurisdiction.contains(unitPath: unit.path) else { throw NotFound() }
        let inUnit = Jurisdiction.subtree(path: unit.path).predicate(pathColumn: "unit_path", householdColumn: "unit_path")
        let last = RollupKeys.week(ofDay: RollupKeys.day(until)), first = last - weeks + 1
        var out = (first...last).map { WeekFigures(monday: RollupKeys.monday(ofWeek: $0)) }
        let keys = RollupSQL(postgres: isPostgres)
        func week(_ dayKey: String) -> any SQLExpression {
            SQLAlias(SQLRaw("(\(dayKey) + 3) / 7"), as: SQLIdentifier("w"))   // integer division: days are positive
        }
        func add(_ q: SQLSelectBuilder, _ apply: (inout WeekFigures, Int) -> Void) async throws {
            for r in try await q.groupBy(SQLIdentifier("w")).all() {
                let w = try r.decode(column: "w", as: Int.self) - first
                if out.indices.contains(w) { apply(&out[w], try r.decode(column: "n", as: Int?.self) ?? 0) }
            }
        }
        try await add(sql.select().column(week("day")).column(SQLAlias(SQLRaw("CAST(SUM(visits) AS BIGINT)"), as: SQLIdentifier("n")))
            .from("visit_days").where(inUnit).where("day", .greaterThanOrEqual, 7 * first - 3).where("day", .lessThan, 7 * last + 4)) { $0.visits = $1 }
        try await add(sql.select().column(week(keys.day("", of: "created_at"))).column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from("requests").where(inUnit).where("created_at", .greaterThanOrEqual, out[0].monday)
            .where("created_at", .lessThan, RollupKeys.monday(ofWeek: last + 1))) { $0.requestsReceived = $1 }
        return out
    }
}
