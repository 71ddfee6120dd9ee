import Fluent
import SQLKit

/// `survey_counts` (see `AnswerCount`), counted from the answers already stored.
struct AddSurveyCounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let pg = sql.dialect.name == "postgresql"
        try await sql.raw("""
            CREATE TABLE survey_counts (round_id BIGINT NOT NULL REFERENCES survey_rounds (id), unit_path \(unsafeRaw: pg ? "TEXT COLLATE \"C\"" : "TEXT") NOT NULL, \
            question TEXT NOT NULL, value TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (round_id, unit_path, question, value))\(unsafeRaw: pg ? "" : " WITHOUT ROWID")
            """).run()
        try await Store.rebuildSurveyCounts(on: sql)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("survey_counts").delete()
    }
}
