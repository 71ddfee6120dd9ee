import Fluent

/// Append-only; `audit_head` remembers the last link so deleting the newest rows is detected too.
struct CreateAuditLog: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_log")
            .field("id", .int64, .identifier(auto: false))
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string, .required)
            .field("summary", .string, .required)
            .field("client_address", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.sqlIndex("audit_log_at_idx", on: "audit_log", columns: ["at"])
        try await db.sqlIndex("audit_log_actor_idx", on: "audit_log", columns: ["actor"])
        try await db.schema("audit_head")
            .field("id", .int64, .identifier(auto: false))
            .field("last_seq", .int64, .required)
            .field("last_hash", .string, .required)
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_log").delete()
    }
}
