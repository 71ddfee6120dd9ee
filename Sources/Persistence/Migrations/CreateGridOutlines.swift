import Fluent

/// Grid outlines imported from GeoJSON, for the coverage map. Their own table so that the
/// many reads of `units` never carry polygon text.
struct CreateGridOutlines: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("grid_outlines")
            .field("unit_id", .int64, .identifier(auto: false), .references("units", "id"))
            .field("outline", .string, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("grid_outlines").delete() }
}
