import Metrics
import NIOCore
import NIOPosix
import Prometheus
import Vapor
import Web

/// The one binary: `serve`, `migrate`, `demo`, `user add`, `import register`, `export register`, `audit verify`.
@main
enum Jingmin {
    static func main() async throws {
        // Async code then runs on the event loops that serve HTTP (Vapor's default group) rather
        // than on a separate pool, so a request no longer changes threads between reading,
        // handling and answering. Measured on visit logging: ~6 % less CPU per visit, ~7 % more
        // visits/s (Benchmarks/README.md). Must come first, before any task starts. No code of
        // ours blocks on a future (`.wait()`): on an event loop that would stop the loop itself.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let app = try await Application.make(env)
        do {
            var settings = try AppSettings.fromEnvironment(metrics: registry)
            // Only a serving process runs the recurring jobs; one-shot commands leave them alone.
            if !["serve", "demo"].contains(CommandLine.arguments.dropFirst().first ?? "serve") { settings.schedulerInterval = 0 }
            try await configure(app, settings)
            registerCommands(app)
            // Every command migrates first, so a new or older database just works.
            try await migrate(app)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
        if CommandOutcome.hasFailed { exit(1) }
    }
}
