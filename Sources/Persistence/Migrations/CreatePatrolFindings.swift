import Fluent
import SQLKit

/// What a patrol found on the way: hazards, disputes, clues, needs — as a visit's findings are.
struct CreatePatrolFindings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("patrol_findings")
            .field("id", .int64, .identifier(auto: true))
            .field("patrol_id", .int64, .required, .references("patrols", "id"))
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("unit_path", db.pathType, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("patrol_findings_patrol_idx", on: "patrol_findings", columns: ["patrol_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("patrol_findings").delete()
    }
}
