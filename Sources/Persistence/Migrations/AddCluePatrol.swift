import Fluent
import SQLKit

/// A clue found on a patrol keeps the patrol it came from.
struct AddCluePatrol: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("clues").field("patrol_id", .int64, .references("patrols", "id")).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("clues").deleteField("patrol_id").update()
    }
}
