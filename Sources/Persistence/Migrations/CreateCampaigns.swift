import Fluent
import SQLKit

/// 专项活动 and their scope; their tasks live in `tasks`, marked with `campaign_id`.
struct CreateCampaigns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("campaigns")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("due_at", .datetime, .required)
            .field("target_kind", .string, .required)
            .field("target_tags", .string, .required)
            .field("target_place_kind", .string)
            .field("scope_paths", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("tasks").field("campaign_id", .int64).update()
        try await db.sqlIndex("tasks_campaign_idx", on: "tasks", columns: ["campaign_id", "unit_path", "status"])
        // A campaign reaches each household, person or place once.
        try await (db as! any SQLDatabase).raw("CREATE UNIQUE INDEX tasks_campaign_target ON tasks (campaign_id, COALESCE(household_id, 0), COALESCE(resident_id, 0), COALESCE(place_id, 0)) WHERE campaign_id IS NOT NULL").run()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("tasks").deleteField("campaign_id").update()
        try await db.schema("campaigns").delete()
    }
}
