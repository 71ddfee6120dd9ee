import Fluent
import SQLKit

/// 走访 and its findings. `client_id` is unique: the same visit sent twice is stored once.
struct CreateVisits: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("visits")
            .field("id", .int64, .identifier(auto: true))
            .field("client_id", .string, .required)
            .field("household_id", .int64, .references("households", "id"))
            .field("place_id", .int64, .references("places", "id"))
            .field("unit_path", db.pathType, .required)
            .field("visited_at", .datetime, .required)
            .field("method", .string, .required)
            .field("categories", .string, .required)
            .field("resident_ids", .string, .required)
            .field("officer_ids", .string, .required)
            .field("companions", .string, .required)
            .field("notes", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "client_id")
            .create()
        try await db.sqlIndex("visits_unit_path_idx", on: "visits", columns: ["unit_path", "visited_at"])
        try await db.sqlIndex("visits_household_idx", on: "visits", columns: ["household_id", "visited_at"])
        try await db.schema("visit_findings")
            .field("id", .int64, .identifier(auto: true))
            .field("visit_id", .int64, .required, .references("visits", "id"))
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("unit_path", db.pathType, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("visit_findings_visit_idx", on: "visit_findings", columns: ["visit_id"])
        try await db.sqlIndex("visit_findings_unit_path_idx", on: "visit_findings", columns: ["unit_path", "kind"])
    }
    func revert(on db: any Database) async throws {
        try await db.schema("visit_findings").delete()
        try await db.schema("visits").delete()
    }
}
