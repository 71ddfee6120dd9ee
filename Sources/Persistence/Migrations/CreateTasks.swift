import Fluent
import SQLKit

/// Work items with one responsible officer. At most one open task per rule and person
/// (a partial unique index), so creating them is idempotent even across instances.
struct CreateTasks: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("tasks")
            .field("id", .int64, .identifier(auto: true))
            .field("rule_code", .string, .required)
            .field("title", .string, .required)
            .field("resident_id", .int64, .references("residents", "id"))
            .field("household_id", .int64, .references("households", "id"))
            .field("place_id", .int64, .references("places", "id"))
            .field("assignee_id", .int64, .references("users", "id"))
            .field("unit_path", db.pathType, .required)
            .field("due_at", .datetime, .required)
            .field("status", .string, .required)
            .field("completed_visit_id", .int64)
            .field("created_at", .datetime, .required)
            .field("completed_at", .datetime)
            .create()
        try await db.sqlIndex("tasks_assignee_idx", on: "tasks", columns: ["assignee_id", "status", "due_at"])
        try await db.sqlIndex("tasks_unit_path_idx", on: "tasks", columns: ["unit_path", "status"])
        try await db.sqlIndex("tasks_household_idx", on: "tasks", columns: ["household_id", "status"])
        try await (db as! any SQLDatabase).raw("CREATE UNIQUE INDEX tasks_open_rule_resident ON tasks (rule_code, resident_id) WHERE status = 'open'").run()
        try await (db as! any SQLDatabase).raw("CREATE UNIQUE INDEX tasks_open_rule_place ON tasks (rule_code, place_id) WHERE status = 'open'").run()
    }
    func revert(on db: any Database) async throws { try await db.schema("tasks").delete() }
}
