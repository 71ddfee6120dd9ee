import Domain
import Foundation
import Persistence
import NIOConcurrencyHelpers
import Vapor

/// The `jingmin` subcommands besides Vapor's own `serve`.
public func registerCommands(_ app: Application) {
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(Group(help: "账号 (accounts): add", commands: ["add": UserAddCommand()]), as: "user")
    app.asyncCommands.use(Group(help: "导入 (import): register FILE.csv, grids FILE.geojson, cases FILE.csv, survey FILE.csv --as USERNAME",
                                   commands: ["register": ImportRegisterCommand(), "grids": ImportGridOutlinesCommand(), "cases": ImportCasesCommand(),
                                              "survey": ImportSurveyCommand()]), as: "import")
    app.asyncCommands.use(Group(help: "导出 (export): register", commands: ["register": ExportRegisterCommand()]), as: "export")
    app.asyncCommands.use(Group(help: "审计 (audit): verify", commands: ["verify": AuditVerifyCommand()]), as: "audit")
    app.asyncCommands.use(Group(help: "Open311: key NAME", commands: ["key": Open311KeyCommand()]), as: "open311")
    app.asyncCommands.use(BackupCommand(restoring: false), as: "backup")
    app.asyncCommands.use(BackupCommand(restoring: true), as: "restore")
}

struct Group: AsyncCommandGroup {
    var help: String
    var commands: [String: any AnyAsyncCommand]
}

/// Attribution for command-line writes: the operating-system user at the server.
var commandLineCaller: Caller { .commandLine(user: ProcessInfo.processInfo.environment["USER"] ?? "root") }

struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "建立或升级数据库 (create or upgrade the database)" }
    func run(using context: CommandContext, signature: Signature) async throws {
        try await migrate(context.application)
        context.console.print("数据库已是最新 (database is up to date)")
    }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "校验审计日志链 (verify the audit chain)" }
    func run(using context: CommandContext, signature: Signature) async throws {
        let (checked, problem) = try await context.application.store.verifyAudit()
        if let problem {
            context.console.error("审计日志被篡改 (audit log tampered): \(problem)")
            CommandOutcome.fail(); return
        }
        context.console.print("审计日志完整：\(checked) 条 (audit chain intact: \(checked) entries)")
    }
}

/// A command that has already told the operator what went wrong marks the run as failed
/// instead of throwing, so the message is not followed by a log line; `main` exits 1.
public enum CommandOutcome {
    private static let failed = NIOLockedValueBox(false)
    public static var hasFailed: Bool { failed.withLockedValue { $0 } }
    static func fail() { failed.withLockedValue { $0 = true } }
}

/// An import refused: every problem, by row and column, in Chinese; nothing was written.
func refused(_ v: ValidationFailure, what: String, _ console: any Console) {
    let t = Texts(.zhHans)
    console.error("未导入任何\(what)，请修改以下 \(v.errors.count) 个问题 (nothing imported; \(v.errors.count) problems):")
    v.errors.forEach { console.error("  " + t.describe($0)) }
    CommandOutcome.fail()
}

/// An import file's text, or nil (said on the console, exit code set) when it is unreadable or not UTF-8.
func readImportFile(_ path: String, _ console: any Console) -> String? {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        console.error("无法读取文件或不是 UTF-8 编码 (cannot read the file as UTF-8): \(path)")
        CommandOutcome.fail()
        return nil
    }
    return text
}
