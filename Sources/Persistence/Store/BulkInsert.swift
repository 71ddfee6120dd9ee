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
    /// by a returned key, not by position. Rows may be a lazy map: each is then made as its
    /// batch is bound.
    @discardableResult
    func run(_ tx: any SQLDatabase, _ rows: some Collection<[any Encodable & Sendable]>) async throws -> [any SQLRow] {
        if let writer = tx as? SQLiteWriter.Transaction { return try await run(writer.connection, rows) }
        var returned: [any SQLRow] = []
        for chunk in batches(rows) {
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
    /// than SQLite's own insert (twice the time of Benchmarks/cases_import.sh before). The values
    /// bound are those SQLiteKit's encoder gives. A batch is prepared here while SQLite runs the
    /// one before on the writer's own thread (statements run there in the order they are sent).
    private func run(_ connection: SQLiteConnection, _ rows: some Collection<[any Encodable & Sendable]>) async throws -> [any SQLRow] {
        var returned: [any SQLRow] = []
        var statements: [Int: String] = [:]
        var running: EventLoopFuture<[SQLiteRow]>?
        let encoder = SQLiteDataEncoder()
        for chunk in batches(rows) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                for value in row { binds.append(try Self.sqliteData(value, encoder)) }
            }
            let sql = statements[chunk.count] ?? statement(rows: chunk.count)
            statements[chunk.count] = sql
            if let running { returned += try await running.get() as [any SQLRow] }
            running = connection.query(sql, binds)
        }
        if let running { returned += try await running.get() as [any SQLRow] }
        return returned
    }

    private func batches<Rows: Collection>(_ rows: Rows) -> [Rows.SubSequence] {
        var batches: [Rows.SubSequence] = [], start = rows.startIndex
        while start != rows.endIndex {
            let end = rows.index(start, offsetBy: rowsPerStatement, limitedBy: rows.endIndex) ?? rows.endIndex
            batches.append(rows[start..<end])
            start = end
        }
        return batches
    }

    /// What SQLiteKit's encoder gives, picked by the value's exact type first: trying casts one
    /// after another cost as much as binding (a case import binds millions of values).
    private static func sqliteData(_ value: any Encodable & Sendable, _ encoder: SQLiteDataEncoder) throws -> SQLiteData {
        switch ObjectIdentifier(type(of: value)) {
        case ObjectIdentifier(String.self): .text(value as! String)
        case ObjectIdentifier(String?.self): (value as! String?).map { .text($0) } ?? .null
        case ObjectIdentifier(Int64.self): .integer(Int(value as! Int64))
        case ObjectIdentifier(Int64?.self): (value as! Int64?).map { .integer(Int($0)) } ?? .null
        case ObjectIdentifier(Int.self): .integer(value as! Int)
        case ObjectIdentifier(Date.self): .float((value as! Date).timeIntervalSince1970)
        case ObjectIdentifier(Date?.self): (value as! Date?).map { .float($0.timeIntervalSince1970) } ?? .null
        case ObjectIdentifier(Bool.self): .integer(value as! Bool ? 1 : 0)
        default: try encoder.encode(value)
        }
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
