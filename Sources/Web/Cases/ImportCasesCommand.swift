import Domain
import Foundation
import Persistence
import Vapor

/// `jingmin import cases FILE.csv`: every row checked first; any problem → nothing imported.
struct ImportCasesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
    }
    var help: String { "导入刑事案件及被害人 CSV (import criminal cases and their victims)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let text = readImportFile(signature.file, context.console) else { return }
        do {
            let r = try await context.application.store.importCases(csv: text, commandLineCaller)
            context.console.print("新增案件 \(r.casesAdded) 起、更新 \(r.casesUpdated) 起，新增被害人 \(r.victimsAdded) 人（每人一项回访任务）"
                                  + " (cases added \(r.casesAdded), updated \(r.casesUpdated); victims added \(r.victimsAdded), each with a return-visit task)")
        } catch let v as ValidationFailure {
            refused(v, what: "案件", context.console)
        }
    }
}
