import NIOCore
import NIOPosix
import SQLiteNIO

/// Copies SQLite's write-ahead log back into the database file beside the writer rather than
/// inside its commits. By default the connection whose commit takes the log past 1,000 pages
/// copies them (and fsyncs) before its commit returns: under load that was ~40 % of the writer's
/// time (raw SQLite at district scale: 1,834–2,123 visits/s against 3,400 without).
///
/// Here a connection with a thread of its own checkpoints in PASSIVE mode, which neither waits for
/// nor blocks readers and the writer, every few milliseconds while the log grows. SQLite starts
/// the log over only when a commit begins with every page of it copied, which a steady stream of
/// commits never allows; so the writer keeps an autocheckpoint of `writerPages`. By then this
/// checkpointer has copied all but the last few milliseconds of the log, the writer copies those,
/// and its next commit starts the log from the beginning. That copy still holds up the commit it
/// follows (≈ 25–30 ms at district scale against ~10 ms for a batch), so it should come rarely:
/// the log may reach ≈ 400 MB under sustained writing (every ~5 s at 2,000 visits/s); a quiet
/// server starts it over long before, between two commits.
final class WALCheckpointer: Sendable {
    static let writerPages = 100_000
    private static let whileWriting: Duration = .milliseconds(5)
    private static let whileIdle: Duration = .milliseconds(250)

    private let connection: SQLiteConnection
    private let threads: NIOThreadPool
    private let passes: Task<Void, Never>

    private init(connection: SQLiteConnection, threads: NIOThreadPool, passes: Task<Void, Never>) {
        self.connection = connection; self.threads = threads; self.passes = passes
    }

    static func start(path: String, on eventLoop: any EventLoop) async throws -> WALCheckpointer {
        let threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, on: eventLoop).get()
        let passes = Task {
            var logPages: SQLiteInt64 = -1
            while !Task.isCancelled {
                // One row: busy, pages in the log, pages copied. A failed run (the file busy in a
                // restore) is simply tried again.
                let row = try? await connection.query("PRAGMA wal_checkpoint(PASSIVE)").get().first
                let pages = row?.column("log")?.integer ?? logPages
                let writing = pages != logPages
                logPages = pages
                try? await Task.sleep(for: writing ? whileWriting : whileIdle)
            }
        }
        return WALCheckpointer(connection: connection, threads: threads, passes: passes)
    }

    func stop() async {
        passes.cancel()
        await passes.value
        try? await connection.close().get()
        try? await threads.shutdownGracefully()
    }
}
