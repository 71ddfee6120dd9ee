import Fluent

struct CreateHouseholds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("households")
            .field("id", .int64, .identifier(auto: true))
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("address", .string, .required)
            .field("unit_path", db.pathType, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.sqlIndex("households_unit_path_idx", on: "households", columns: ["unit_path"])
        try await db.sqlIndex("households_grid_idx", on: "households", columns: ["grid_id", "address"])
    }
    func revert(on db: any Database) async throws { try await db.schema("households").delete() }
}
