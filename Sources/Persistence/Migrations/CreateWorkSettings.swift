import Domain
import Fluent
import SQLKit

/// Settings an administrator changes at run time (care cadences, escalation delay), and the
/// scheduler's job leases: one row per recurring job, taken by one instance at a time.
struct CreateWorkSettings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("work_settings")
            .field("id", .string, .identifier(auto: false))
            .field("value", .int, .required)
            .create()
        let sql = db as! any SQLDatabase
        for (key, value) in WorkSettings.defaults.storage {
            try await sql.insert(into: "work_settings").columns("id", "value").values(SQLBind(key), SQLBind(value)).run()
        }
        try await db.schema("scheduler_jobs")
            .field("id", .string, .identifier(auto: false))
            .field("holder", .string)
            .field("lease_until", .datetime)
            .field("next_run_at", .datetime, .required)
            .field("last_summary", .string)
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("scheduler_jobs").delete()
        try await db.schema("work_settings").delete()
    }
}
