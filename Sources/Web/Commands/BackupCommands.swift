import Foundation
import Persistence
import Vapor

/// `jingmin backup FILE`: a consistent copy of the live database (SQLite: VACUUM INTO; PostgreSQL:
/// pg_dump), checked and described in FILE.manifest.json. The key file is not included: keep it
/// apart, as the README says.
/// `jingmin restore FILE`: replaces the database's contents with the backup's, all or nothing,
/// then checks the counts against the manifest and verifies the audit chain. Stop the servers first.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
    }
    let restoring: Bool
    var help: String { restoring ? "从备份恢复 (restore from a backup; stop the servers first)" : "备份数据库 (back up the database; the key is not included)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = context.application.store, file = signature.file
        do {
            let manifest = switch (context.application.settings.database, restoring) {
            case (.sqlite, false): try await store.backupSQLite(to: file, commandLineCaller)
            case (.sqlite, true): try await store.restoreSQLite(from: file, commandLineCaller)
            case (.postgres(let url), false): try await store.backupPostgres(to: file, url: url, commandLineCaller)
            case (.postgres(let url), true): try await store.restorePostgres(from: file, url: url, commandLineCaller)
            }
            let c = manifest.counts
            context.console.print((restoring ? "已恢复并核对 (restored and verified): " : "已备份 (backed up): ") + file)
            context.console.print("  \(c["households"] ?? 0) 户、\(c["residents"] ?? 0) 人、\(c["visits"] ?? 0) 次走访、\(c["tasks"] ?? 0) 项任务；审计日志 \(manifest.auditEntries) 条，链完整"
                + " (\(c["households"] ?? 0) households, \(c["residents"] ?? 0) residents, \(c["visits"] ?? 0) visits, \(c["tasks"] ?? 0) tasks; audit chain of \(manifest.auditEntries) entries intact)")
        } catch let failure as BackupFailure {
            context.console.error(failure.description)
            CommandOutcome.fail()
        }
    }
}
