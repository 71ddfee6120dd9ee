import Foundation
import SQLKit
import SQLiteKit

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
        if let writer = tx as? SQLiteWriter.Transaction { return try await run(writer.connection, rows) }
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

    /// On the SQLite writer the statement text is written once per batch size and every value is
    /// bound as `SQLiteData` straight away: SQLKit's statement building and its encoder cost more
    /// than SQLite's own insert (twice the time of Benchmarks/cases_import.sh before).
    /// The values bound are those SQLiteKit's encoder gives.
    private func run(_ connection: SQLiteConnection, _ rows: [[any Encodable & Sendable]]) async throws -> [any SQLRow] {
        var returned: [any SQLRow] = []
        var statements: [Int: String] = [:]
        let encoder = SQLiteDataEncoder()
        for chunk in rows.chunked(rowsPerStatement) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                for value in row {
                    switch value {
                    case let s as String: binds.append(.text(s))
                    case let i as Int64: binds.append(.integer(Int(i)))
                    case let i as Int: binds.append(.integer(i))
                    case let d as Date: binds.append(.float(d.timeIntervalSince1970))
                    case let b as Bool: binds.append(.integer(b ? 1 : 0))
                    default: binds.append(try encoder.encode(value))
                    }
                }
            }
            let sql = statements[chunk.count] ?? statement(rows: chunk.count)
            statements[chunk.count] = sql
            returned += try await connection.query(sql, binds).get() as [any SQLRow]
        }
        return returned
    }

    private func statement(rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var sql = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        sql += Array(repeating: tuple, count: rows).joined(separator: ", ")
        if ignoringConflicts { sql += " ON CONFLICT DO NOTHING" }
        if !returning.isEmpty { sql += " RETURNING " + returning.map { "\"\($0)\"" }.joined(separator: ", ") }
        return sql
    }
}
