import Fluent

/// Web sessions and API tokens in one table: only a hash of the secret is stored, so a
/// leaked database does not leak live sessions. Shared by every server instance.
struct CreateAuthSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("auth_sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("client_address", .string, .required)
            .create()
        try await db.sqlIndex("auth_sessions_user_idx", on: "auth_sessions", columns: ["user_id"])
    }
    func revert(on db: any Database) async throws { try await db.schema("auth_sessions").delete() }
}
