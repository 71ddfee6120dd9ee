import Fluent

struct CreatePlaces: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("places")
            .field("id", .int64, .identifier(auto: true))
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("address", .string, .required)
            .field("unit_path", db.pathType, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.sqlIndex("places_unit_path_idx", on: "places", columns: ["unit_path"])
    }
    func revert(on db: any Database) async throws { try await db.schema("places").delete() }
}
