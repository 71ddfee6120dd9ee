import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import Foundation
import NIOCore

/// SQLite file by default; PostgreSQL when `DATABASE_URL=postgres://…` is set.
public enum DatabaseSelection: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseSelection {
        if let url = env["DATABASE_URL"], url.hasPrefix("postgres") { return .postgres(url: url) }
        return .sqlite(path: env["JINGMIN_SQLITE_PATH"] ?? "jingmin.sqlite")
    }

    public var isSQLite: Bool { if case .sqlite = self { true } else { false } }

    public func configuration() throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqlite(let path):
            return .sqlite(.file(path), sqlLogLevel: .trace)
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = nil
            return .postgres(configuration: config, maxConnectionsPerEventLoop: 8, sqlLogLevel: .trace)
        }
    }

    /// WAL belongs to the file and survives restarts. `synchronous=NORMAL` belongs to each
    /// connection: in WAL mode it keeps commits durable against a crash of the process (a
    /// power cut may lose the last ones) without an fsync per commit, so pass every pooled
    /// connection (one per event loop).
    public func prepare(_ connections: [any Database]) async throws {
        guard isSQLite else { return }
        for (i, db) in connections.enumerated() {
            guard let sql = db as? any SQLDatabase else { continue }
            if i == 0 { try await sql.raw("PRAGMA journal_mode=WAL").run() }
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
        }
    }
}
