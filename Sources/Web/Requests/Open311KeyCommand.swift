import Persistence
import Vapor

/// `jingmin open311 key NAME`: issues an api_key for an Open311 client. The key is printed once;
/// only its hash is stored.
struct Open311KeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "who the key is for, e.g. 12345热线") var name: String
    }
    var help: String { "签发 Open311 api_key (issue an Open311 api_key)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            let key = try await context.application.store.createOpen311Key(name: signature.name, commandLineCaller)
            context.console.print(key)
        } catch {
            context.console.error("名称应为1到60个字符 (the name must be 1–60 characters)")
            CommandOutcome.fail()
        }
    }
}
