import Domain
import Fluent
import SQLKit

/// 值班: the holiday calendar (seeded with the current year's notice), the station rosters and
/// the roll calls.
struct CreateDuty: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("holidays")
            .field("day", .string, .identifier(auto: false))   // 2026-04-05
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .create()
        let sql = db as! any SQLDatabase
        let days = HolidayRules.seed2026.flatMap { (try? HolidayRules.validate($0).get()) ?? [] }
        try await BulkInsert(table: "holidays", columns: ["day", "kind", "name"]).run(sql, days.map { [$0.day, $0.kind.rawValue, $0.name] })

        try await db.schema("duty_shifts")
            .field("id", .int64, .identifier(auto: true))
            .field("station_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("day", .string, .required)
            .field("post", .string, .required)
            .field("kind", .string, .required)
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "station_id", "day", "post", "kind", "user_id")
            .create()
        try await db.sqlIndex("duty_shifts_user_idx", on: "duty_shifts", columns: ["user_id", "day"])
        try await db.sqlIndex("duty_shifts_path_idx", on: "duty_shifts", columns: ["unit_path", "day"])

        try await db.schema("roll_calls")
            .field("id", .int64, .identifier(auto: true))
            .field("station_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("day", .string, .required)
            .field("slot", .string, .required)
            .field("present", .int, .required)
            .field("on_leave", .int, .required)
            .field("elsewhere", .int, .required)
            .field("note", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "station_id", "day", "slot")
            .create()
        try await db.sqlIndex("roll_calls_path_idx", on: "roll_calls", columns: ["unit_path", "day"])
        try await db.schema("roll_call_entries")
            .field("roll_call_id", .int64, .required, .references("roll_calls", "id"))
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("status", .string, .required)
            .compositeIdentifier(over: "roll_call_id", "user_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["roll_call_entries", "roll_calls", "duty_shifts", "holidays"] { try await db.schema(table).delete() }
    }
}
