import Domain
import Fluent
import SQLKit

/// 五必访 rules as data, seeded with seed 001's five categories.
struct CreateMustVisitRules: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("must_visit_rules")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("trigger_tag", .string)
            .field("trigger_place_kind", .string)
            .field("due_within_days", .int, .required)
            .field("repeat_every_days", .int)
            .field("active", .bool, .required)
            .create()
        let sql = db as! any SQLDatabase
        for r in MustVisitRule.seed {
            try await sql.insert(into: "must_visit_rules")
                .columns("id", "name", "trigger_tag", "trigger_place_kind", "due_within_days", "repeat_every_days", "active")
                .values(SQLBind(r.code), SQLBind(r.name), SQLBind(r.triggerTag?.rawValue), SQLBind(r.triggerPlaceKind?.rawValue),
                        SQLBind(r.dueWithinDays), SQLBind(r.repeatEveryDays), SQLBind(r.active))
                .run()
        }
    }
    func revert(on db: any Database) async throws { try await db.schema("must_visit_rules").delete() }
}
