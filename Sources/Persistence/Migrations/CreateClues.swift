import Fluent
import SQLKit

/// 线索: what residents, informants, visits and patrols report, and what came of it.
struct CreateClues: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("clues")
            .field("id", .int64, .identifier(auto: true))
            .field("source", .string, .required)
            .field("summary", .string, .required)
            .field("finding_id", .int64, .references("visit_findings", "id"))
            .field("informant_id", .int64, .references("residents", "id"))
            .field("grid_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)
            .field("received_by", .int64, .references("users", "id"))
            .field("outcome", .string, .required)
            .field("case_number", .string, .required)
            .field("outcome_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "finding_id")   // a finding becomes one clue
            .create()
        try await db.sqlIndex("clues_unit_path_idx", on: "clues", columns: ["unit_path", "created_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("clues").delete()
    }
}
