import Fluent
import SQLKit

/// 书面协议扫描件: at most one scanned agreement per mediation session, kept like request photos.
struct CreateDisputeScans: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("dispute_scans")
            .field("id", .int64, .identifier(auto: true))
            .field("session_id", .int64, .required, .references("dispute_sessions", "id"))
            .field("content_type", .string, .required)
            .field("bytes", .data, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "session_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("dispute_scans").delete()
    }
}
