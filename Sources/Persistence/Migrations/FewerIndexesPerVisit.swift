import Fluent
import SQLKit

/// At district scale the disk limits visit logging, and each index leaf a visit touches at a
/// random place costs a page written twice (WAL, then checkpoint). Two such indexes did nothing:
/// - the Open311 index now holds Open311 requests only (every request raised on a visit used to
///   add an entry to it); the Open311 query names the channel as a literal, which is what lets
///   SQLite use a partial index;
/// - findings by unit path and kind was read by no query (a finding is reached through its visit).
struct FewerIndexesPerVisit: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.drop(index: "requests_open311_idx").run()
        try await sql.raw("CREATE INDEX requests_open311_idx ON requests (unit_path, created_at) WHERE channel = 'open311'").run()
        try await sql.drop(index: "visit_findings_unit_path_idx").run()
    }
    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.drop(index: "requests_open311_idx").run()
        try await db.sqlIndex("requests_open311_idx", on: "requests", columns: ["channel", "unit_path", "created_at"])
        try await db.sqlIndex("visit_findings_unit_path_idx", on: "visit_findings", columns: ["unit_path", "kind"])
    }
}
