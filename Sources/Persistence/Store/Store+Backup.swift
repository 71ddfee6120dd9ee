import Domain
import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix
import SQLKit

/// What a backup holds, written next to it (`FILE.manifest.json`) and checked on restore.
public struct BackupManifest: Codable, Equatable, Sendable {
    public var createdAt: Date
    public var database: String
    public var counts: [String: Int]
    public var auditEntries: Int64
}

public struct BackupFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension Store {
    /// The tables whose row counts a backup records and a restore must reproduce.
    static let countedTables = ["units", "users", "households", "residents", "places", "visits", "visit_findings", "tasks",
                                "campaigns", "notifications", "requests", "request_events", "request_photos", "meetings",
                                "disputes", "dispute_parties", "dispute_sessions", "clues", "cases", "case_victims", "patrols", "patrol_findings", "help_records", "publicity",
                                "holidays", "duty_shifts", "roll_calls", "roll_call_entries", "alarm_groups", "alarm_group_members", "alarms", "alarm_events", "alarm_devices", "alarm_deliveries",
                                "service_kinds", "office_plans", "office_days_off", "appointments", "service_counts", "office_sessions", "consultations", "police_offices", "service_point_logs",
                                "questionnaires", "survey_rounds", "survey_samples", "survey_answers", "survey_calls",
                                "informants", "informant_contacts", "informant_recognitions", "queue_receipts", "audit_log"]

    static func counts(on db: any SQLDatabase) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for table in countedTables {
            out[table] = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return out
    }

    /// SQLite: `VACUUM INTO` writes a consistent copy of the live database (writers carry on).
    /// The copy itself is then opened, counted and its audit chain verified, so the manifest
    /// describes the file as it is, not the live database a moment later.
    public func backupSQLite(to path: String, _ caller: Caller) async throws -> BackupManifest {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupFailure(description: "目标文件已存在 (file exists): \(path)") }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
        let manifest = try await Self.withSQLiteFile(path) { db in
            let (checked, problem) = try await verifyAudit(on: db)
            if let problem { throw BackupFailure(description: "备份中的审计链不完整 (audit chain broken in the backup): \(problem)") }
            return BackupManifest(createdAt: now(), database: "sqlite", counts: try await Self.counts(on: db), auditEntries: checked)
        }
        try Self.writeManifest(manifest, for: path)
        try await auditEvent(caller, "database.backup", "database", "-", "\(path) (\(manifest.auditEntries) audit entries)", at: "")
        return manifest
    }

    /// SQLite: replaces every row of the live database with the backup's, in one transaction on
    /// the writer connection (so it is all or nothing), after checking the backup against its
    /// manifest and its audit chain. The schema stays the current one.
    public func restoreSQLite(from path: String, _ caller: Caller) async throws -> BackupManifest {
        let manifest = try Self.readManifest(for: path)
        try await Self.withSQLiteFile(path) { db in
            guard try await Self.counts(on: db) == manifest.counts else { throw BackupFailure(description: "备份文件与其清单不符 (the file does not match its manifest)") }
            if let problem = try await verifyAudit(on: db).problem { throw BackupFailure(description: "备份中的审计链不完整 (audit chain broken in the backup): \(problem)") }
        }
        let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_fluent_migrations'").all()
            .map { try $0.decode(column: "name", as: String.self) }
        guard let writer else { throw BackupFailure(description: "not an SQLite database") }
        try await gate.run {
            try await writer.transaction(attaching: path, as: "backup") { tx in
                try await tx.raw("PRAGMA defer_foreign_keys = ON").run()
                for table in tables {
                    // Columns both sides have: a backup from an older release lacks newer ones.
                    let live = try await tx.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) }
                    let saved = Set(try await tx.raw("SELECT name FROM backup.pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) })
                    try await tx.raw("DELETE FROM main.\(ident: table)").run()
                    let columns = live.filter(saved.contains)
                    guard !columns.isEmpty else { continue }
                    try await tx.raw("INSERT INTO main.\(ident: table) (\(idents: columns, joinedBy: ", ")) SELECT \(idents: columns, joinedBy: ", ") FROM backup.\(ident: table)").run()
                }
                // The rollup triggers counted the rows again as they came back (and an older backup has no rollups).
                for statement in RollupSQL(postgres: false).rebuild() { try await tx.raw("\(unsafeRaw: statement)").run() }
                try await Self.rebuildSurveyCounts(on: tx)
            }
        }
        return try await finishRestore(manifest, from: path, caller)
    }

    /// After either database's restore: forget the sessions checked before (the restored accounts
    /// and sessions replace them), check the live data against the manifest, record the restore.
    private func finishRestore(_ manifest: BackupManifest, from path: String, _ caller: Caller) async throws -> BackupManifest {
        sessionCache.removeAll()
        guard try await Self.counts(on: sql) == manifest.counts else { throw BackupFailure(description: "恢复后的数据与清单不符 (restored counts differ from the manifest)") }
        if let problem = try await verifyAudit().problem { throw BackupFailure(description: "恢复后审计链不完整 (audit chain broken after restore): \(problem)") }
        try await auditEvent(caller, "database.restore", "database", "-", "from \(path) (\(manifest.auditEntries) audit entries)", at: "")
        return manifest
    }

    static func withSQLiteFile<T: Sendable>(_ path: String, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupFailure(description: "找不到文件 (no such file): \(path)") }
        let connection = try await SQLiteConnection.open(storage: .file(path: path)).get()
        do {
            let result = try await body(connection.sql(queryLogLevel: nil))
            try await connection.close().get()
            return result
        } catch {
            try? await connection.close().get()
            throw error
        }
    }

    static func manifestPath(for path: String) -> String { path + ".manifest.json" }

    static func writeManifest(_ m: BackupManifest, for path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(m).write(to: URL(fileURLWithPath: manifestPath(for: path)))
    }

    static func readManifest(for path: String) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: manifestPath(for: path)) else {
            throw BackupFailure(description: "找不到备份清单 (no manifest): \(manifestPath(for: path))")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }
}

extension Store {
    /// PostgreSQL: `pg_dump` in custom format, reading the same snapshot the manifest's counts
    /// and audit check read (an exported snapshot held open by a repeatable-read transaction),
    /// so a backup taken under load still matches its manifest exactly.
    public func backupPostgres(to path: String, url: String, _ caller: Caller) async throws -> BackupManifest {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupFailure(description: "目标文件已存在 (file exists): \(path)") }
        let manifest: BackupManifest = try await database.transaction { fluent in
            let tx = fluent as! any SQLDatabase
            try await tx.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            let snapshot = try await tx.raw("SELECT pg_export_snapshot() AS s").first()!.decode(column: "s", as: String.self)
            let (checked, problem) = try await verifyAudit(on: tx)
            if let problem { throw BackupFailure(description: "审计链不完整，未备份 (audit chain broken; no backup made): \(problem)") }
            let manifest = BackupManifest(createdAt: now(), database: "postgresql", counts: try await Self.counts(on: tx), auditEntries: checked)
            try await Self.runTool("pg_dump", ["--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(path)"], url: url)
            return manifest
        }
        try Self.writeManifest(manifest, for: path)
        try await auditEvent(caller, "database.backup", "database", "-", "\(path) (\(manifest.auditEntries) audit entries)", at: "")
        return manifest
    }

    /// PostgreSQL: `pg_restore` in one transaction (all or nothing), then the counts and the
    /// audit chain are checked against the manifest.
    public func restorePostgres(from path: String, url: String, _ caller: Caller) async throws -> BackupManifest {
        let manifest = try Self.readManifest(for: path)
        try await Self.runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", path], url: url)
        return try await finishRestore(manifest, from: path, caller)
    }

    /// Runs a PostgreSQL client tool against `url`. libpq does not know PostgresNIO's
    /// `tlsmode` parameter, so it becomes `PGSSLMODE`.
    static func runTool(_ tool: String, _ arguments: [String], url: String) async throws {
        var components = URLComponents(string: url)
        let tls = components?.queryItems?.first { $0.name == "tlsmode" }?.value
        components?.queryItems = nil
        var environment = ProcessInfo.processInfo.environment
        environment["PGSSLMODE"] = tls == "disable" ? "disable" : (tls == "require" ? "require" : "prefer")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments + (tool == "pg_dump" ? [components?.string ?? url] : ["--dbname=\(components?.string ?? url)"])
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { done in
            process.terminationHandler = { done.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { done.resume(throwing: BackupFailure(description: "无法运行 \(tool) (cannot run \(tool)): \(error)")) }
        }
        guard status == 0 else {
            let message = String(data: errors.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
            throw BackupFailure(description: "\(tool) 失败 (failed, exit \(status)): \(message.trimmed)")
        }
    }
}
