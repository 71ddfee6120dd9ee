import Fluent

struct CreateUnits: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("units")
            .field("id", .int64, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .int64, .references("units", "id"))
            .field("path", db.pathType, .required)
            .field("responsible_officer_id", .int64)
            .unique(on: "code")
            .create()
        try await db.sqlIndex("units_path_idx", on: "units", columns: ["path"])
    }
    func revert(on db: any Database) async throws { try await db.schema("units").delete() }
}
