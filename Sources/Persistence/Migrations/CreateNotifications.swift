import Fluent
import SQLKit

/// The inbox, and how far each overdue task has been escalated (so no notice goes twice).
struct CreateNotifications: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("notifications")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("link", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "user_id", "dedupe_key")
            .create()
        try await db.sqlIndex("notifications_inbox_idx", on: "notifications", columns: ["user_id", "read_at", "id"])
        try await db.schema("tasks").field("escalated", .string, .required, .sql(.default("none"))).update()
        try await db.sqlIndex("tasks_due_idx", on: "tasks", columns: ["status", "due_at"])
    }
    func revert(on db: any Database) async throws {
        try await db.schema("tasks").deleteField("escalated").update()
        try await db.schema("notifications").delete()
    }
}
