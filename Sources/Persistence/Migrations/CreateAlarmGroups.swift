import Fluent
import SQLKit

/// 联防组: neighbouring households of a grid; a household is in one group at most.
struct CreateAlarmGroups: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("alarm_groups")
            .field("id", .int64, .identifier(auto: true))
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("name", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.sqlIndex("alarm_groups_path_idx", on: "alarm_groups", columns: ["unit_path"])
        try await db.schema("alarm_group_members")
            .field("household_id", .int64, .identifier(auto: false), .references("households", "id"))
            .field("group_id", .int64, .required, .references("alarm_groups", "id"))
            .field("unit_path", db.pathType, .required)
            .create()
        try await db.sqlIndex("alarm_group_members_group_idx", on: "alarm_group_members", columns: ["group_id"])
        try await db.sqlIndex("alarm_group_members_path_idx", on: "alarm_group_members", columns: ["unit_path"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("alarm_group_members").delete()
        try await db.schema("alarm_groups").delete()
    }
}
