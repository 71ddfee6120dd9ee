import Fluent
import SQLKit

/// What came through the field pages' queue: one row per item, keyed by its kind and client id
/// (sent twice, stored once), with when it happened and when the server had it.
struct CreateQueueReceipts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("queue_receipts")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("client_id", .string, .required)
            .field("record_id", .int64, .required)   // the visit, patrol or consultation it made
            .field("unit_path", db.pathType, .required)
            .field("label", .string, .required)      // address, grids or topic, as the list shows it
            .field("officer_id", .int64, .references("users", "id"))
            .field("recorded_at", .datetime, .required)
            .field("received_at", .datetime, .required)
            .field("delay_seconds", .int64, .required)
            .unique(on: "kind", "client_id")
            .create()
        try await db.sqlIndex("queue_receipts_path_idx", on: "queue_receipts", columns: ["unit_path", "recorded_at"])
    }

    func revert(on db: any Database) async throws { try await db.schema("queue_receipts").delete() }
}
