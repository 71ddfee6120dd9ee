import Fluent
import SQLKit

/// The dashboard counts a period's finished tasks and received requests: with the period first,
/// a bureau-wide month reads that month's rows instead of every row of the jurisdiction.
struct AddFigureIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sqlIndex("tasks_completed_idx", on: "tasks", columns: ["status", "completed_at", "unit_path"])
        try await db.sqlIndex("requests_created_idx", on: "requests", columns: ["created_at", "unit_path"])
    }
    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.drop(index: "tasks_completed_idx").run()
        try await sql.drop(index: "requests_created_idx").run()
    }
}
