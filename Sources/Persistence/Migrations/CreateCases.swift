import Domain
import Fluent
import SQLKit

/// 警情+回访: criminal cases from the records system and the return visit owed to each victim.
struct CreateCases: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.insert(into: "work_settings").columns("id", "value")
            .values(SQLBind(WorkSettings.victimVisitKey), SQLBind(VictimVisitRules.defaultDueDays)).ignoringConflicts().run()
        try await db.schema("cases")
            .field("id", .int64, .identifier(auto: true))
            .field("case_number", .string, .required)
            .field("case_type", .string, .required)
            .field("sensitive", .bool, .required)
            .field("occurred_at", .datetime, .required)
            .field("address", .string, .required)
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("case_unit_id", .int64, .required, .references("units", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "case_number")   // unique in the bureau
            .create()
        try await db.sqlIndex("cases_unit_path_idx", on: "cases", columns: ["unit_path", "occurred_at"])
        // Each victim is also the return-visit task: its officer, due time and the visit itself.
        try await db.schema("case_victims")
            .field("id", .int64, .identifier(auto: true))
            .field("case_id", .int64, .required, .references("cases", "id"))
            .field("name", .string, .required)
            .field("id_number_cipher", .string, .required)
            .field("id_number_hash", .string, .required)
            .field("phone_cipher", .string)
            .field("address", .string, .required)
            .field("resident_id", .int64, .references("residents", "id"))
            .field("unit_path", db.pathType, .required)
            .field("assignee_id", .int64, .references("users", "id"))
            .field("due_at", .datetime, .required)
            .field("visited_at", .datetime)
            .field("visited_by", .int64, .references("users", "id"))
            .field("leader_led", .bool, .required)
            .field("method", .string)
            .field("satisfaction", .string)
            .field("advice", .string, .required)
            .field("notes", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id", "id_number_hash")
            .create()
        try await db.sqlIndex("case_victims_unit_path_idx", on: "case_victims", columns: ["unit_path", "due_at"])
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "work_settings").where("id", .equal, WorkSettings.victimVisitKey).run()
        for t in ["case_victims", "cases"] { try await db.schema(t).delete() }
    }
}
