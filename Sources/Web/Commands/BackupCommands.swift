import Foundation
import Persistence
import Vapor

/// `jingmin backup FILE`: a consistent copy of the live database (SQLite: VACUUM INTO; PostgreSQL:
/// pg_dump), checked and described in FILE.manifest.json. The key file is not included: keep it
/// apart, as the README says.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
    }
    var help: String { "备份数据库 (back up the database; the key is not included)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            let manifest = switch app.settings.database {
            case .sqlite: try await app.store.backupSQLite(to: signature.file)
            case .postgres(let url): try await app.store.backupPostgres(to: signature.file, url: url)
            }
            context.console.print("已备份 (backed up): \(signature.file)")
            context.console.print(BackupText.summary(manifest))
        } catch let failure as BackupFailure {
            context.console.error(failure.description)
            CommandOutcome.fail()
        }
    }
}

/// `jingmin restore FILE`: replaces the database's contents with the backup's, all or nothing,
/// then checks the counts against the manifest and verifies the audit chain. Stop the servers first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
    }
    var help: String { "从备份恢复 (restore from a backup; stop the servers first)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            let manifest = switch app.settings.database {
            case .sqlite: try await app.store.restoreSQLite(from: signature.file)
            case .postgres(let url): try await app.store.restorePostgres(from: signature.file, url: url)
            }
            context.console.print("已恢复并核对 (restored and verified): \(signature.file)")
            context.console.print(BackupText.summary(manifest))
        } catch let failure as BackupFailure {
            context.console.error(failure.description)
            CommandOutcome.fail()
        }
    }
}

enum BackupText {
    static func summary(_ m: BackupManifest) -> String {
        let c = m.counts
        return "  \(c["households"] ?? 0) 户、\(c["residents"] ?? 0) 人、\(c["visits"] ?? 0) 次走访、\(c["tasks"] ?? 0) 项任务；审计日志 \(m.auditEntries) 条，链完整"
            + " (\(c["households"] ?? 0) households, \(c["residents"] ?? 0) residents, \(c["visits"] ?? 0) visits, \(c["tasks"] ?? 0) tasks; audit chain of \(m.auditEntries) entries intact)"
    }
}
