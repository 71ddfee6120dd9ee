import Domain
import SQLKit

/// What every work-record list shares (disputes, clues, victims, patrols, help given, publicity):
/// who may read its rows, and a drill-down's unit and period.
extension Store {
    /// Rows of `table` (by its `unit_path`) the caller may read: the jurisdiction for the police,
    /// nothing through the resident portal.
    func workRecords(_ caller: Caller, _ table: String) -> any SQLExpression {
        (caller.role.seesWorkRecords ? caller.jurisdiction : .nothing).predicate(pathColumn: "\(table).unit_path", householdColumn: "\(table).id")
    }

    /// A drill-down's unit (its subtree; NotFound outside the caller's reach) and period: `time`
    /// from the period's start, before its end, or for a list dated by the day (`2026-04-05`,
    /// China time) `day` within the period's days.
    func narrowed(_ q: SQLSelectBuilder, _ table: String, unitID: Int64?, period: Period?, time: SQLColumn? = nil, day: SQLColumn? = nil,
                  _ caller: Caller) async throws -> SQLSelectBuilder {
        var q = q
        if let u = unitID {
            q = q.where(Jurisdiction.subtree(path: try await unit(id: u, caller).path).predicate(pathColumn: "\(table).unit_path", householdColumn: "\(table).id"))
        }
        if let p = period, let time { q = q.where(time, .greaterThanOrEqual, SQLBind(p.start)).where(time, .lessThan, SQLBind(p.end)) }
        if let p = period, let day {
            let (from, to) = p.dayStrings()
            q = q.where(day, .greaterThanOrEqual, SQLBind(from)).where(day, .lessThanOrEqual, SQLBind(to))
        }
        return q
    }
}
