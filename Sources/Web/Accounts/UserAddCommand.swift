import Domain
import Foundation
import Persistence
import Vapor

/// `jingmin user add --username U --role R --unit CODE`; the password comes from a hidden
/// prompt or from standard input — never from an argument, which would land in shell history.
struct UserAddCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username") var username: String?
        @Option(name: "role", help: "admin | bureauLeader | stationLeader | officer | auxiliary | resident") var role: String?
        @Option(name: "unit", help: "unit code") var unit: String?
        @Option(name: "name", help: "display name") var name: String?
        @Option(name: "household", help: "household number, for resident accounts") var household: String?
    }
    var help: String { "新增账号 (add an account)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let username = signature.username, let roleText = signature.role, let unit = signature.unit else {
            context.console.error("用法 (usage): jingmin user add --username U --role R --unit CODE")
            CommandOutcome.fail(); return
        }
        guard let role = Role(rawValue: roleText) else {
            context.console.error("未知角色 (unknown role) \(roleText): " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            CommandOutcome.fail(); return
        }
        let password = readPassword(context)
        guard PasswordPolicy.isAcceptable(password) else {
            context.console.error("密码至少10位且不能过于简单 (password needs 10+ characters and some variety)")
            CommandOutcome.fail(); return
        }
        let app = context.application
        do {
            let account = try await app.store.createAccount(
                NewAccount(username: username, displayName: signature.name ?? username, role: role, unitCode: unit, householdID: signature.household.flatMap { Int64($0) }),
                passwordHash: try await app.password.async.hash(password), commandLineCaller)
            context.console.print("已创建账号 (created) \(account.username) · \(role.rawValue) · \(account.unitName)")
        } catch let v as ValidationFailure {
            let t = Texts(.zhHans)
            v.errors.forEach { context.console.error(t.describe($0)) }
            CommandOutcome.fail(); return
        }
    }

    private func readPassword(_ context: CommandContext) -> String {
        if isatty(STDIN_FILENO) != 0 {
            context.console.output("密码 (password): ", newLine: false)
            return context.console.input(isSecure: true)
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
