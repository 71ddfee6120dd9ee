import Fluent
import SQLKit

/// A dispute found on a patrol keeps the patrol it came from.
struct AddDisputePatrol: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("disputes").field("patrol_id", .int64, .references("patrols", "id")).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("disputes").deleteField("patrol_id").update()
    }
}
