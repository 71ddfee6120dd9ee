import Domain
import Fluent
import Foundation
import SQLKit

/// 为民服务: the service kinds (seeded), each officer's weekly office plan, the places taken in
/// each slot, the appointments with what they counted when done, and the office check-ins.
struct CreateServices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("service_kinds")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("materials", .string, .required)   // JSON array of strings
            .field("counters", .string, .required)    // JSON array of ServiceCounter
            .field("at_home", .bool, .required)
            .field("active", .bool, .required)
            .field("position", .int, .required)
            .create()
        try await BulkInsert(table: "service_kinds", columns: ["code", "name", "materials", "counters", "at_home", "active", "position"])
            .run(sql, try ServiceKind.seeded.enumerated().map { i, k in [k.code, k.name, try ServiceKindRow.json(k.materials), try ServiceKindRow.json(k.counters), k.atHome, true, i] })

        for (key, value) in OfficeHoursRule.standard.storage {
            try await sql.insert(into: "work_settings").columns("id", "value").values(SQLBind(key), SQLBind(value)).run()
        }

        try await db.schema("office_plans")
            .field("user_id", .int64, .identifier(auto: false), .references("users", "id"))
            .field("unit_path", db.pathType, .required)   // the officer's unit: whose leaders set it, who sees it
            .field("blocks", .string, .required)          // "1:morning,1:evening,…"
            .field("capacity", .int, .required)
            .field("updated_by", .int64, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .create()
        try await db.sqlIndex("office_plans_path_idx", on: "office_plans", columns: ["unit_path"])

        // Days an officer takes no bookings (leave, duty elsewhere), set by the leader.
        try await db.schema("office_days_off")
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("day", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "user_id", "day")
            .create()

        // One row per slot someone booked: the row is the lock (see `Store.takeSlot`).
        try await db.schema("appointment_slots")
            .field("officer_id", .int64, .required, .references("users", "id"))
            .field("day", .string, .required)
            .field("block", .string, .required)
            .field("taken", .int, .required)
            .compositeIdentifier(over: "officer_id", "day", "block")
            .create()

        try await db.schema("appointments")
            .field("id", .int64, .identifier(auto: true))
            .field("household_id", .int64, .required, .references("households", "id"))
            .field("resident_id", .int64, .references("residents", "id"))
            .field("unit_path", db.pathType, .required)
            .field("officer_id", .int64, .required, .references("users", "id"))
            .field("kind", .string, .required, .references("service_kinds", "code"))
            .field("place", .string, .required)
            .field("day", .string, .required)
            .field("block", .string, .required)
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("visit_id", .int64, .references("visits", "id"))
            .field("remind_at", .datetime, .required)
            .field("reminded", .bool, .required)
            .field("done_at", .datetime)
            .field("done_note", .string, .required)
            .field("rating", .string)
            .field("rated_at", .datetime)
            .field("reason", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.sqlIndex("appointments_path_idx", on: "appointments", columns: ["unit_path", "created_at"])
        try await db.sqlIndex("appointments_done_idx", on: "appointments", columns: ["unit_path", "done_at"])
        try await db.sqlIndex("appointments_household_idx", on: "appointments", columns: ["household_id", "day"])
        try await db.sqlIndex("appointments_officer_idx", on: "appointments", columns: ["officer_id", "day"])
        try await db.sqlIndex("appointments_remind_idx", on: "appointments", columns: ["reminded", "remind_at"])

        // What each done service counted (身份证 1 张): summed by the figures per counter.
        try await db.schema("service_counts")
            .field("appointment_id", .int64, .required, .references("appointments", "id"))
            .field("unit_path", db.pathType, .required)
            .field("done_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("counter", .string, .required)
            .field("count", .int, .required)
            .compositeIdentifier(over: "appointment_id", "counter")
            .create()
        try await db.sqlIndex("service_counts_path_idx", on: "service_counts", columns: ["unit_path", "done_at"])

        // 社区警务室: a place of kind police_office, with its phone and whether its hours are public.
        try await db.schema("police_offices")
            .field("place_id", .int64, .identifier(auto: false), .references("places", "id"))
            .field("phone", .string, .required)
            .field("published", .bool, .required)
            .field("updated_by", .int64, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .create()

        // 接待咨询 at the office: the topic (a service kind) and what came of it.
        try await db.schema("consultations")
            .field("id", .int64, .identifier(auto: true))
            .field("unit_path", db.pathType, .required)
            .field("topic", .string, .required, .references("service_kinds", "code"))
            .field("outcome", .string, .required)
            .field("resident_id", .int64, .references("residents", "id"))
            .field("household_id", .int64, .references("households", "id"))
            .field("note", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("consultations_path_idx", on: "consultations", columns: ["unit_path", "created_at"])

        // What a 服务点's staff did: directions, lost and found, certificates, help.
        try await db.schema("service_point_logs")
            .field("id", .int64, .identifier(auto: true))
            .field("place_id", .int64, .required, .references("places", "id"))
            .field("unit_path", db.pathType, .required)
            .field("kind", .string, .required)
            .field("count", .int, .required)
            .field("note", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("service_point_logs_path_idx", on: "service_point_logs", columns: ["unit_path", "created_at"])

        try await db.schema("office_sessions")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("unit_path", db.pathType, .required)
            .field("check_in", .datetime, .required)
            .field("check_out", .datetime)
            .field("latitude", .double)
            .field("longitude", .double)
            .create()
        try await db.sqlIndex("office_sessions_user_idx", on: "office_sessions", columns: ["user_id", "check_in"])
        try await db.sqlIndex("office_sessions_path_idx", on: "office_sessions", columns: ["unit_path", "check_in"])
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "work_settings").where("id", .in, SQLBind.group(OfficeHoursRule.standard.storage.map(\.0))).run()
        for table in ["office_days_off", "office_sessions", "service_point_logs", "consultations", "police_offices", "service_counts", "appointments", "appointment_slots", "office_plans", "service_kinds"] { try await db.schema(table).delete() }
    }
}
