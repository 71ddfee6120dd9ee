import Fluent

/// A notice keeps facts instead of words (`NoticeKind`): its object, that object's own text, a
/// request kind or status, a due time. Notices written before keep their stored title and link.
struct AddNoticeFacts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds them one at a time.
        try await db.schema("notifications").field("object_id", .int64).update()
        try await db.schema("notifications").field("subject", .string).update()
        try await db.schema("notifications").field("request_kind", .string).update()
        try await db.schema("notifications").field("status", .string).update()
        try await db.schema("notifications").field("due_at", .datetime).update()
    }
    func revert(on db: any Database) async throws {
        for field: FieldKey in ["object_id", "subject", "request_kind", "status", "due_at"] {
            try await db.schema("notifications").deleteField(field).update()
        }
    }
}
