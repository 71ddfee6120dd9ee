import Fluent
import SQLKit

/// Help given is linked to where it came from: a patrol, or a visit, or a request.
struct AddHelpSources: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("help_records").field("visit_id", .int64, .references("visits", "id")).update()
        try await db.schema("help_records").field("request_id", .int64, .references("requests", "id")).update()
        try await db.sqlIndex("help_records_visit_idx", on: "help_records", columns: ["visit_id"])
        try await db.sqlIndex("help_records_request_idx", on: "help_records", columns: ["request_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("help_records").deleteField("request_id").update()
        try await db.schema("help_records").deleteField("visit_id").update()
    }
}
