import Domain
import Foundation
import Persistence
import Vapor

/// `jingmin import survey FILE.csv --as USERNAME`: paper questionnaires typed up as CSV, for the
/// round their sample numbers belong to, recorded as the named account (whose reach applies).
/// Every row checked first; any problem → nothing imported.
struct ImportSurveyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Option(name: "as", help: "录入人账号 (the account the answers are recorded by)") var username: String?
    }
    var help: String { "导入纸质双提升问卷 CSV (import paper survey answers)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let text = readImportFile(signature.file, context.console) else { return }
        let store = context.application.store
        guard let username = signature.username, let (account, _) = try await store.credentials(username: username) else {
            context.console.error("请用 --as 指定录入人账号 (name the account with --as)")
            return
        }
        do {
            let caller = account.caller(clientAddress: "local")
            let n = try await store.importPaperAnswers(roundID: try await store.roundOfPaperFile(text), csv: text, caller)
            context.console.print("导入问卷 \(n) 份 (questionnaires imported: \(n))")
        } catch let v as ValidationFailure {
            refused(v, what: "问卷", context.console)
        }
    }
}
