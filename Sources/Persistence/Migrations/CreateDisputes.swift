import Domain
import Fluent
import SQLKit

/// 矛盾纠纷: the types, the disputes, their parties, mediation sessions and history.
struct CreateDisputes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("dispute_types")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("active", .bool, .required)
            .field("sort_order", .int, .required)
            .create()
        let sql = db as! any SQLDatabase
        for (i, t) in DisputeType.seed.enumerated() {
            try await sql.insert(into: "dispute_types").columns("id", "name", "active", "sort_order")
                .values(SQLBind(t.code), SQLBind(t.name), SQLBind(true), SQLBind(i)).run()
        }
        // A database made before disputes lacks the setting; a new one has it from the defaults.
        try await sql.insert(into: "work_settings").columns("id", "value")
            .values(SQLBind(WorkSettings.disputeFollowUpKey), SQLBind(DisputeWorkflow.defaultFollowUpDays)).ignoringConflicts().run()
        try await db.schema("disputes")
            .field("id", .int64, .identifier(auto: true))
            .field("type_code", .string, .required, .references("dispute_types", "id"))
            .field("summary", .string, .required)
            .field("source", .string, .required)
            .field("finding_id", .int64, .references("visit_findings", "id"))
            .field("request_id", .int64, .references("requests", "id"))
            .field("meeting_id", .int64, .references("meetings", "id"))
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("officer_id", .int64, .references("users", "id"))
            .field("risk", .string, .required)
            .field("status", .string, .required)
            .field("reopen_count", .int, .required)
            .field("resolved_at", .datetime)
            .field("follow_up_due_at", .datetime)
            .field("followed_up_at", .datetime)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "finding_id")   // a finding becomes one dispute (several NULLs are allowed)
            .create()
        try await db.sqlIndex("disputes_unit_path_idx", on: "disputes", columns: ["unit_path", "created_at"])
        try await db.sqlIndex("disputes_status_idx", on: "disputes", columns: ["status", "unit_path"])
        try await db.schema("dispute_parties")
            .field("id", .int64, .identifier(auto: true))
            .field("dispute_id", .int64, .required, .references("disputes", "id"))
            .field("resident_id", .int64, .references("residents", "id"))
            .field("name", .string)
            .field("phone_cipher", .string)
            .field("side", .string, .required)
            .create()
        try await db.sqlIndex("dispute_parties_dispute_idx", on: "dispute_parties", columns: ["dispute_id"])
        try await db.schema("dispute_sessions")
            .field("id", .int64, .identifier(auto: true))
            .field("dispute_id", .int64, .required, .references("disputes", "id"))
            .field("held_at", .datetime, .required)
            .field("place", .string, .required)
            .field("mediators", .string, .required)
            .field("attended", .string, .required)
            .field("agreed", .string, .required)
            .field("next_step", .string, .required)
            .field("outcome", .string, .required)
            .field("agreement_form", .string)
            .field("agreement_text", .string, .required)
            .field("referred_to", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("dispute_sessions_dispute_idx", on: "dispute_sessions", columns: ["dispute_id"])
        try await db.schema("dispute_events")
            .field("id", .int64, .identifier(auto: true))
            .field("dispute_id", .int64, .required, .references("disputes", "id"))
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("dispute_events_dispute_idx", on: "dispute_events", columns: ["dispute_id"])
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "work_settings").where("id", .equal, WorkSettings.disputeFollowUpKey).run()
        for t in ["dispute_events", "dispute_sessions", "dispute_parties", "disputes", "dispute_types"] { try await db.schema(t).delete() }
    }
}
