import Domain
import Foundation
import SQLKit

extension Store {
    /// The caller's offline copy: the grids they are the responsible officer of (or their own
    /// unit, when it is a grid), within their jurisdiction.
    public func offlineCopy(_ caller: Caller) async throws -> OfflineCopy {
        guard caller.role.mayRecordWork, let userID = caller.userID else { throw Forbidden() }
        guard case .subtree(let reach) = caller.jurisdiction else { throw Forbidden() }
        let own = SQLBinaryExpression(SQLBinaryExpression(SQLColumn("responsible_officer_id"), .equal, SQLBind(userID)), .or,
                                      SQLBinaryExpression(SQLColumn("path"), .equal, SQLBind(reach)))
        let grids = try await sql.select().columns("id", "name", "path").from("units").where("kind", .equal, UnitKind.grid.rawValue)
            .where(SQLGroupExpression(own)).where(caller.jurisdiction.predicate(pathColumn: "path", householdColumn: "id"))
            .orderBy("path").all()
            .map { (id: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self)) }
        var households: [OfflineCopy.Household] = [], index: [Int64: Int] = [:]
        for chunk in grids.map(\.id).chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("id", "grid_id", "address").from("households").where("grid_id", .in, chunk).orderBy("address").all() {
                let id = try r.decode(column: "id", as: Int64.self)
                index[id] = households.count
                households.append(.init(id: id, gridID: try r.decode(column: "grid_id", as: Int64.self), address: try r.decode(column: "address", as: String.self), members: []))
            }
            // Members by name and tags only; who an informant is stays with those who may know it.
            for r in try await sql.select().columns(SQLRaw("r.id, r.household_id, r.name, r.tags, i.contact_officer_id"))
                .from(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")))
                .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = r.household_id"))
                .join(SQLAlias(SQLIdentifier("informants"), as: SQLIdentifier("i")), method: SQLJoinMethod.left, on: SQLRaw("i.resident_id = r.id"))
                .where(SQLColumn("grid_id", table: "h"), .in, SQLBind.group(chunk)).orderBy(SQLColumn("id", table: "r")).all() {
                guard let at = index[try r.decode(column: "household_id", as: Int64.self)] else { continue }
                let tags = InformantRules.visibleTags(ResidentTag.parseList(try r.decode(column: "tags", as: String.self)).tags, caller,
                                                      contactOfficerID: try r.decode(column: "contact_officer_id", as: Int64?.self))
                households[at].members.append(.init(id: try r.decode(column: "id", as: Int64.self), name: try r.decode(column: "name", as: String.self), tags: tags))
            }
        }
        let tasks = try await openTasks(caller, own: true).map {
            OfflineCopy.OpenTask(id: $0.task.id, householdID: $0.task.householdID, title: $0.task.title, dueAt: $0.task.dueAt)
        }
        return OfflineCopy(madeAt: now(), userID: userID, grids: grids.map { .init(id: $0.id, name: $0.name) }, households: households, tasks: tasks)
    }
}
