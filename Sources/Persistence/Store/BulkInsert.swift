import SQLKit

/// The one way many rows are written (imports, the audit lines of a batch): multi-row INSERTs
/// with every value bound, as many rows per statement as the databases allow bound values
/// (SQLite 32,766, PostgreSQL 65,535). A statement per row costs a round trip to the database
/// thread each; a statement per few thousand rows is what brings an import near the raw ceiling
/// (Benchmarks/import.sh, cases_import.sh).
struct BulkInsert {
    static let maxBinds = 30_000

    let table: String
    let columns: [String]
    var ignoringConflicts = false
    var returning: [String] = []

    var rowsPerStatement: Int { max(1, Self.maxBinds / columns.count) }

    /// Inserts `rows` (each one value per column, in order) and gives back the `returning`
    /// columns of every row inserted. Their order is the database's, so callers match them
    /// by a returned key, not by position.
    @discardableResult
    func run(_ tx: any SQLDatabase, _ rows: [[any Encodable & Sendable]]) async throws -> [any SQLRow] {
        var returned: [any SQLRow] = []
        for chunk in rows.chunked(rowsPerStatement) {
            let insert = tx.insert(into: table).columns(columns)
            for row in chunk { _ = insert.values(row.map { SQLBind($0) }) }
            if ignoringConflicts { _ = insert.ignoringConflicts() }
            if returning.isEmpty {
                try await insert.run()
            } else {
                returned += try await insert.returning(returning.map { SQLColumn($0) }).all()
            }
        }
        return returned
    }
}

extension Array {
    /// Runs of at most `size`, so a statement stays within the databases' limits on bound values.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
