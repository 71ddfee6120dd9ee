import Domain
import Foundation
import SQLKit

extension Store {
    public func households(gridID: Int64?, _ caller: Caller, limit: Int = 200, offset: Int = 0) async throws -> [HouseholdView] {
        var q = sql.select()
            .column(SQLColumn("id", table: "h")).column(SQLColumn("grid_id", table: "h")).column(SQLColumn("address", table: "h"))
            .column(SQLAlias(SQLRaw("(SELECT COUNT(*) FROM residents r WHERE r.household_id = h.id)"), as: SQLIdentifier("resident_count")))
            .from(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")))
            .where(caller.jurisdiction.predicate(pathColumn: "h.unit_path", householdColumn: "h.id"))
        if let gridID { q = q.where(SQLColumn("grid_id", table: "h"), .equal, SQLBind(gridID)) }
        return try await q.orderBy(SQLColumn("address", table: "h")).limit(limit).offset(offset)
            .all(decoding: HouseholdListRow.self, with: Store.rowDecoder)
            .map { HouseholdView(id: $0.id, gridID: $0.gridId, address: $0.address, residentCount: $0.residentCount) }
    }

    private struct HouseholdListRow: Decodable { var id: Int64; var gridId: Int64; var address: String; var residentCount: Int }

    public func household(id: Int64, _ caller: Caller) async throws -> Household {
        guard let row = try await sql.select().column("*").from("households").where("id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "id"))
            .first(decoding: HouseholdRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return row.domain()
    }

    public func createHousehold(gridID: Int64, address: String, _ caller: Caller) async throws -> Household {
        guard caller.role.mayWriteRegister else { throw Forbidden() }
        let grid = try await gridInScope(gridID, caller)
        let address = try Self.validAddress(address)
        return try await write { tx in
            let t = now()
            let row = HouseholdRow(id: nil, gridId: grid.id, address: address, unitPath: grid.path, createdAt: t, updatedAt: t)
            let id = try await insertReturningID(tx, "households", row)
            try await audit(tx, caller, "household.create", "household", String(id), "grid=\(grid.code) address=\(address)", at: grid.path)
            return Household(id: id, gridID: grid.id, address: address, unitPath: grid.path)
        }
    }

    /// Moves or re-addresses a household; its residents follow it into the new grid's scope.
    public func updateHousehold(id: Int64, gridID: Int64, address: String, _ caller: Caller) async throws -> Household {
        guard caller.role.mayWriteRegister else { throw Forbidden() }
        let before = try await household(id: id, caller)
        let grid = try await gridInScope(gridID, caller)
        let address = try Self.validAddress(address)
        return try await write { tx in
            try await tx.update("households").set("grid_id", to: grid.id).set("address", to: address)
                .set("unit_path", to: grid.path).set("updated_at", to: now()).where("id", .equal, id).run()
            try await tx.update("residents").set("unit_path", to: grid.path).where("household_id", .equal, id).run()
            try await audit(tx, caller, "household.update", "household", String(id),
                            "address: \(before.address) -> \(address); grid: \(before.gridID) -> \(grid.id)", at: grid.path)
            return Household(id: id, gridID: grid.id, address: address, unitPath: grid.path)
        }
    }

    func gridInScope(_ gridID: Int64, _ caller: Caller) async throws -> Domain.Unit {
        guard let grid = try? await unit(id: gridID, caller), grid.kind == .grid else {
            throw ValidationFailure(field: "gridID", .unknownGrid)
        }
        return grid
    }

    static func validAddress(_ raw: String) throws -> String {
        let a = raw.trimmed
        if a.isEmpty { throw ValidationFailure(field: "address", .required) }
        if a.count > 200 { throw ValidationFailure(field: "address", .tooLong) }
        return a
    }

    func insertReturningID(_ tx: any SQLDatabase, _ table: String, _ row: some Encodable & Sendable) async throws -> Int64 {
        try await insertBuilder(tx, table, [row]).returning("id").first()!.decode(column: "id", as: Int64.self)
    }
}
