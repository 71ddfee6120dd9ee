import Fluent
import SQLKit

/// 和谐警铃: alarms pressed by households of a 联防组, their timeline, the bells and gateway
/// boxes that may press for a household, the text messages to send, and each station's 1-3-5 limits.
struct CreateAlarms: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("alarms")
            .field("id", .int64, .identifier(auto: true))
            .field("household_id", .int64, .required, .references("households", "id"))
            // The group as it was at the press: it may be changed or dissolved later.
            .field("group_id", .int64, .required)
            .field("group_name", .string, .required)
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("station_path", db.pathType, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("drill", .bool, .required)
            .field("source", .string, .required)
            .field("raised_by", .int64)
            .field("raised_by_name", .string, .required)
            .field("device_id", .int64)
            .field("pressed_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("dispatched_to", .int64, .references("users", "id"))
            .field("arrived_at", .datetime)
            .field("reinforced_at", .datetime)
            .field("escalated_at", .datetime)
            .field("closed_at", .datetime)
            .field("outcome", .string)
            .field("close_notes", .string)
            // A 真实警情 followed up as a request or a dispute.
            .field("request_id", .int64, .references("requests", "id"))
            .field("dispute_id", .int64, .references("disputes", "id"))
            .create()
        let sql = db as! any SQLDatabase
        try await db.sqlIndex("alarms_path_idx", on: "alarms", columns: ["unit_path", "pressed_at"])
        try await db.sqlIndex("alarms_household_idx", on: "alarms", columns: ["household_id", "pressed_at"])
        try await db.sqlIndex("alarms_group_idx", on: "alarms", columns: ["group_id", "closed_at"])
        // One open alarm per household: a second press while it is open is the same alarm.
        try await sql.raw("CREATE UNIQUE INDEX alarms_open_household ON alarms (household_id) WHERE closed_at IS NULL").run()
        try await sql.raw("CREATE INDEX alarms_open_idx ON alarms (station_path, pressed_at) WHERE closed_at IS NULL").run()

        try await db.schema("alarm_events")
            .field("id", .int64, .identifier(auto: true))
            .field("alarm_id", .int64, .required, .references("alarms", "id"))
            .field("at", .datetime, .required)
            .field("step", .string, .required)
            .field("actor_id", .int64)
            .field("actor_name", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await db.sqlIndex("alarm_events_alarm_idx", on: "alarm_events", columns: ["alarm_id", "id"])

        try await db.schema("alarm_devices")
            .field("id", .int64, .identifier(auto: true))
            .field("household_id", .int64, .required, .references("households", "id"))
            .field("unit_path", db.pathType, .required)
            .field("name", .string, .required)
            .field("secret", .string, .required)          // sealed with the field cipher
            .field("last_timestamp_ms", .int64)
            .field("disabled", .bool, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("alarm_devices_household_idx", on: "alarm_devices", columns: ["household_id"])

        // The SMS / voice gateway's outbox: one message per resident without a live page, kept
        // until sent or given up, so a restart loses none.
        try await db.schema("alarm_deliveries")
            .field("id", .int64, .identifier(auto: true))
            .field("alarm_id", .int64, .required, .references("alarms", "id"))
            .field("resident_id", .int64, .required, .references("residents", "id"))
            .field("name", .string, .required)
            .field("phone_masked", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("unit_path", db.pathType, .required)
            .create()
        try await db.sqlIndex("alarm_deliveries_due_idx", on: "alarm_deliveries", columns: ["status", "next_attempt_at"])
        try await db.sqlIndex("alarm_deliveries_alarm_idx", on: "alarm_deliveries", columns: ["alarm_id"])

        // Who in a household has a portal account (the live page, or the text message instead).
        try await db.sqlIndex("users_household_idx", on: "users", columns: ["household_id"])
        try await db.schema("alarm_standards")
            .field("station_path", db.pathType, .identifier(auto: false))
            .field("acknowledge_seconds", .int, .required)
            .field("arrive_seconds", .int, .required)
            .field("handle_seconds", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["alarm_standards", "alarm_deliveries", "alarm_devices", "alarm_events", "alarms"] { try await db.schema(t).delete() }
        try await (db as! any SQLDatabase).raw("DROP INDEX users_household_idx").run()
    }
}

