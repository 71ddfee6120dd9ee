import Fluent
import SQLKit

/// 宣传: events on the ground and publicity online, by day and unit.
struct CreatePublicity: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("publicity")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("topic", .string, .required)
            .field("held_on", .string, .required)             // 2026-04-05, China time
            .field("unit_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("summary", .string, .required)
            .field("place", .string, .required)
            .field("audience", .int, .required)
            .field("leaflets", .int, .required)
            .field("officers", .int, .required)
            .field("channel", .string)
            .field("posts", .int, .required)
            .field("views", .int64)                           // unknown when NULL
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("publicity_unit_path_idx", on: "publicity", columns: ["unit_path", "held_on"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("publicity").delete()
    }
}
