import Domain
import Fluent
import Foundation
import SQLKit

/// The one door to the database: the connection, the field cipher, the clock and the write gate.
/// Register, account and audit operations are extensions on it, each in its own file.
public struct Store: Sendable {
    /// A database handle on some event loop. Asked for per query rather than kept, because
    /// each event loop has its own connections (SQLite: exactly one), and a handle fixed at
    /// start-up would send every query of the process through one of them.
    let databaseOnAnyLoop: @Sendable () -> any Database
    public var database: any Database { databaseOnAnyLoop() }
    public let cipher: FieldCipher
    public let now: @Sendable () -> Date
    let gate: WriteGate
    /// SQLite only: the one connection that writes.
    let writer: SQLiteWriter?
    let isPostgres: Bool
    let visitBatcher = Batcher<PendingVisit, StoredVisit>(maxBatch: 256)
    let sessionCache = SessionCache()
    /// Live page wake-ups (see `LiveBus`): the inbox by user, alarms by group and station.
    public let inboxBus = LiveBus(channel: "jingmin_inbox")
    public let alarmBus = LiveBus(channel: "jingmin_alarm")
    var buses: [LiveBus] { [inboxBus, alarmBus] }

    public init(database: @escaping @Sendable () -> any Database, writer: SQLiteWriter?, cipher: FieldCipher, gate: WriteGate,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.databaseOnAnyLoop = database
        self.writer = writer
        self.cipher = cipher
        self.gate = gate
        self.now = now
        self.isPostgres = (database() as? any SQLDatabase)?.dialect.name == "postgresql"
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Runs `body` in one transaction: either every row and its audit lines land, or none.
    /// Every write goes through here, so on SQLite writes never overlap (see `WriteGate`).
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            if let writer {
                // Still inside the gate: the wake-ups staged are this transaction's alone.
                do {
                    let result = try await writer.transaction(body)
                    for b in buses { b.flushStaged() }
                    return result
                } catch {
                    for b in buses { b.discardStaged() }
                    throw error
                }
            }
            return try await database.transaction { tx in try await body(tx as! any SQLDatabase) }
        }
    }

    /// INSERT for rows whose generated `id` is still nil: the column is left out so the
    /// database assigns it (PostgreSQL refuses an explicit NULL there), and every row gets the
    /// same column list (NULL for absent optionals) so batches stay valid.
    func insertBuilder<Row: Encodable>(_ tx: any SQLDatabase, _ table: String, _ rows: [Row]) throws -> SQLInsertBuilder {
        let encoded = try rows.map { try Store.queryEncoder.encode($0).filter { $0.0 != "id" || !($0.1 is SQLLiteral) } }
        let builder = tx.insert(into: table).columns(encoded[0].map(\.0))
        for values in encoded { _ = builder.values(values.map(\.1)) }
        return builder
    }

    static let rowDecoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
    static let queryEncoder = SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
}

extension Jurisdiction {
    /// The scope predicate added to every register query.
    /// Columns may be qualified (`r.unit_path`).
    func predicate(pathColumn: String, householdColumn: String) -> any SQLExpression {
        func column(_ name: String) -> SQLColumn {
            let parts = name.split(separator: ".").map(String.init)
            return parts.count == 2 ? SQLColumn(parts[1], table: parts[0]) : SQLColumn(name)
        }
        return switch self {
        case .subtree(let path):
            // A prefix as a range, so both databases walk the path index: every path in the
            // subtree sorts between "/B/S1/" and "/B/S10" ("0" is the character after "/").
            SQLBinaryExpression(
                SQLBinaryExpression(column(pathColumn), .greaterThanOrEqual, SQLBind(path)), .and,
                SQLBinaryExpression(column(pathColumn), .lessThan, SQLBind(String(path.dropLast()) + "0")))
        case .household(let id):
            SQLBinaryExpression(column(householdColumn), .equal, SQLBind(id))
        case .nothing:
            SQLBinaryExpression(SQLLiteral.numeric("1"), .equal, SQLLiteral.numeric("0"))
        }
    }
}
