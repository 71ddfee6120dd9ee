import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .field("id", .int64, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .int64, .required, .references("units", "id"))
            .field("household_id", .int64, .references("households", "id"))
            .field("disabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("users").delete() }
}
