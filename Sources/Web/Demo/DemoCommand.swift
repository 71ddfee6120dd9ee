import Domain
import Foundation
import Persistence
import Vapor

/// `jingmin demo [--scale bureau|district|city] [--serve] [--hostname H] [--port P]`: loads the demo
/// (or renews its passwords), prints the accounts, and with --serve goes on serving.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "serve", help: "start the server afterwards") var serve: Bool
        @Option(name: "scale", help: "bureau (default: 3 stations, ~620 households), district (10 stations, ~150 k households) or city (a twentieth of Chengdu: 13 stations, ~410 k households)") var scale: String?
        @Option(name: "hostname", short: "H") var hostname: String?
        @Option(name: "port", short: "p") var port: Int?
    }
    var help: String { "载入示范数据 (load the demo bureau)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await migrate(app)
        let console = context.console
        guard let scale = DemoBureau.Scale(rawValue: signature.scale ?? "bureau") else {
            let scales = DemoBureau.Scale.allCases.map(\.rawValue)
            console.error("--scale 只能是 \(scales.joined(separator: "、")) 之一 (must be one of \(scales.joined(separator: ", ")))")
            CommandOutcome.fail(); return
        }
        console.print("正在准备示范数据… (preparing the demo, scale \(scale.rawValue))")
        let logins = try await DemoBureau.load(app, scale: scale) { console.print("  " + $0) }
        let host = signature.hostname ?? "127.0.0.1", port = signature.port ?? 8080
        let t = Texts(.zhHans)
        console.print("")
        console.print("示范账号（密码只显示这一次）/ demo accounts (passwords are shown only now):")
        for l in logins {
            console.print("  \(t.role(l.role).padding(toLength: 6, withPad: "　", startingAt: 0)) \(l.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(l.password)   \(l.unit)")
        }
        console.print("")
        guard signature.serve else { return }
        try await app.server.start(address: .hostname(host, port: port))
        console.print("请在浏览器打开 / open in a browser: http://\(host):\(port)/login")
        await SignalWait.untilInterrupted()
        await app.server.shutdown()
    }
}

/// Waits for Ctrl-C or SIGTERM, so the command can shut the server down cleanly.
enum SignalWait {
    static func untilInterrupted() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}
