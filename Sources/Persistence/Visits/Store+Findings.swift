import Domain
import Foundation
import SQLKit

/// Where a visit's finding was made: what a dispute or a clue it becomes is filled in with.
public struct FindingOrigin: Sendable, Equatable {
    public var description: String
    public var gridID: Int64
    public var householdID: Int64
}

extension Store {
    /// A finding of `kind`, made on a household visit in the caller's reach.
    public func findingOrigin(findingID: Int64, kind: FindingKind, _ caller: Caller) async throws -> FindingOrigin {
        guard caller.role.seesWorkRecords, let r = try await sql.select()
            .columns(SQLColumn("description", table: "f"), SQLColumn("grid_id", table: "h"), SQLColumn("id", table: "h"))
            .from(SQLAlias(SQLIdentifier("visit_findings"), as: SQLIdentifier("f")))
            .join(SQLAlias(SQLIdentifier("visits"), as: SQLIdentifier("v")), on: SQLRaw("v.id = f.visit_id"))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = v.household_id"))
            .where(SQLColumn("id", table: "f"), .equal, SQLBind(findingID)).where(SQLColumn("kind", table: "f"), .equal, SQLBind(kind.rawValue))
            .where(caller.jurisdiction.predicate(pathColumn: "f.unit_path", householdColumn: "v.household_id")).first()
        else { throw NotFound() }
        return FindingOrigin(description: try r.decode(column: "description", as: String.self), gridID: try r.decode(column: "grid_id", as: Int64.self),
                             householdID: try r.decode(column: "id", as: Int64.self))
    }

    /// Why a finding cannot become a dispute or a clue (`table`): not one of `kind` in the caller's
    /// reach, or already turned into one. Nil when it can.
    func findingProblem(_ id: Int64, kind: FindingKind, becoming table: String, _ caller: Caller) async throws -> FieldProblem? {
        let row = try await sql.select().columns("kind").from("visit_findings").where("id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "id")).first()
        if try row?.decode(column: "kind", as: String.self) != kind.rawValue { return .invalidChoice }
        return try await sql.select().column("id").from(table).where("finding_id", .equal, id).first() == nil ? nil : .duplicateCode
    }
}
