import Foundation
import NIOCore
import NIOPosix
import SQLKit
import Logging
import FluentSQLiteDriver

/// SQLite allows one writer at a time, so Jingmin gives it one connection with a thread and an
/// event loop of its own. Write transactions then never queue behind page reads for a pooled
/// connection or a busy event loop, which is what bounded visit logging before. Reads stay on
/// the pool (WAL lets them run while this connection writes).
public final class SQLiteWriter: Sendable {
    private let connection: SQLiteConnection
    private let loop: MultiThreadedEventLoopGroup
    private let threads: NIOThreadPool
    private let checkpointer: WALCheckpointer
    private let executor: EventLoopTaskExecutor

    private init(connection: SQLiteConnection, loop: MultiThreadedEventLoopGroup, threads: NIOThreadPool, checkpointer: WALCheckpointer) {
        self.connection = connection; self.loop = loop; self.threads = threads; self.checkpointer = checkpointer
        self.executor = EventLoopTaskExecutor(connection.eventLoop)
    }

    public static func open(path: String) async throws -> SQLiteWriter {
        let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, on: loop.any()).get()
        // The same settings as every pooled connection (see DatabaseSelection.prepare); WAL is set
        // here first because this connection opens the file before any other.
        _ = try await connection.query("PRAGMA journal_mode = WAL").get()
        _ = try await connection.query("PRAGMA foreign_keys = ON").get()
        _ = try await connection.query("PRAGMA synchronous = NORMAL").get()
        // A multi-row insert keeps a statement journal (to undo just that statement); past 64 KB
        // SQLite spills it to a temporary file, which a group commit of visits did ~12 times a
        // second. In memory it costs at most a batch's changed pages (a few MB): 4 – 9 % more
        // visits/s at district scale (Benchmarks/README.md).
        _ = try await connection.query("PRAGMA temp_store = MEMORY").get()
        _ = try await connection.query("PRAGMA wal_autocheckpoint = \(WALCheckpointer.writerPages)").get()
        let checkpointer = try await WALCheckpointer.start(path: path, on: connection.eventLoop)
        return SQLiteWriter(connection: connection, loop: loop, threads: threads, checkpointer: checkpointer)
    }

    /// BEGIN IMMEDIATE takes the write lock up front, so a transaction that reads before it
    /// writes cannot fail half-way because another process wrote in between.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor) { try await self.inTransaction(body) }
    }

    private func inTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = Transaction(connection: connection)
        try await db.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// A transaction that can also read another database file under `alias` (SQLite attaches
    /// only outside a transaction).
    func transaction<T: Sendable>(attaching path: String, as alias: String, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = connection.sql(queryLogLevel: nil)
        try await db.raw("ATTACH DATABASE \(bind: path) AS \(ident: alias)").run()
        do {
            let result = try await transaction(body)
            try await db.raw("DETACH DATABASE \(ident: alias)").run()
            return result
        } catch {
            try? await db.raw("DETACH DATABASE \(ident: alias)").run()
            throw error
        }
    }

    /// The writer's connection as SQLKit sees it, keeping the connection itself within reach:
    /// `BulkInsert` binds `SQLiteData` to it directly (see there).
    struct Transaction: SQLDatabase {
        let connection: SQLiteConnection
        private let base: any SQLDatabase
        init(connection: SQLiteConnection) { self.connection = connection; self.base = connection.sql(queryLogLevel: nil) }

        var logger: Logger { base.logger }
        var eventLoop: any EventLoop { base.eventLoop }
        var version: (any SQLDatabaseReportedVersion)? { base.version }
        var dialect: any SQLDialect { base.dialect }
        var queryLogLevel: Logger.Level? { base.queryLogLevel }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            base.execute(sql: query, onRow)
        }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            try await base.execute(sql: query, onRow)
        }
        func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
            try await closure(self)
        }
    }

    public func close() async {
        await checkpointer.stop()
        try? await connection.close().get()
        try? await threads.shutdownGracefully()
        try? await loop.shutdownGracefully()
    }
}
