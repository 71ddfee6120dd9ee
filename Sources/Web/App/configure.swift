import Domain
import Fluent
import Persistence
import NIOConcurrencyHelpers
import Vapor

extension Application {
    private struct StoreKey: StorageKey { typealias Value = Store }
    private struct SettingsKey: StorageKey { typealias Value = AppSettings }

    public var store: Store {
        guard let s = storage[StoreKey.self] else { fatalError("configure(_:) has not run") }
        return s
    }
    public var settings: AppSettings { storage[SettingsKey.self]! }

    private struct DecoyKey: StorageKey { typealias Value = NIOLockedValueBox<String?> }
    fileprivate var decoyBox: NIOLockedValueBox<String?> { storage[DecoyKey.self]! }
    fileprivate func prepareDecoy() { storage[DecoyKey.self] = NIOLockedValueBox(nil) }

    fileprivate func set(store: Store, settings: AppSettings) {
        storage[StoreKey.self] = store
        storage[SettingsKey.self] = settings
    }
}

extension Request {
    /// A hash of a random secret, verified when a username does not exist, so the answer
    /// takes as long as for a real account and does not reveal which usernames exist. Made
    /// on first need, off the event loop — not at start-up, which every CLI command shares.
    func decoyPasswordHash() async throws -> String {
        if let hash = application.decoyBox.withLockedValue({ $0 }) { return hash }
        let hash = try await password.async.hash(Store.randomToken())
        return application.decoyBox.withLockedValue { stored in
            if stored == nil { stored = hash }
            return stored!
        }
    }

    var store: Store { application.store }
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// Builds the whole application; the executable and the tests both call this.
public func configure(_ app: Application, _ settings: AppSettings) async throws {
    app.databases.use(try settings.database.configuration(), as: settings.database.isSQLite ? .sqlite : .psql)
    app.migrations.add(JingminMigrations.all)
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    let gate = WriteGate(enabled: settings.database.isSQLite)
    let databases = app.databases, group = app.eventLoopGroup, logger = app.logger, fallback = app.db
    var writer: SQLiteWriter?
    if case .sqlite(let path) = settings.database {
        writer = try await SQLiteWriter.open(path: path)
        app.lifecycle.use(ClosesWriter(writer: writer!))
    }
    // A handle per query on any event loop; during shutdown, when the pools are gone, the
    // handle taken at start-up answers with an error instead.
    let store = Store(database: { databases.database(logger: logger, on: group.any()) ?? fallback }, writer: writer,
                      cipher: settings.cipher, gate: gate, now: settings.now)
    app.set(store: store, settings: settings)
    app.prepareDecoy()

    app.routes.defaultMaxBodySize = "10mb"
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ProblemMiddleware(environment: app.environment))
    app.middleware.use(InputTextMiddleware())
    CheckedDecoders.install()
    app.middleware.use(StaticFilesMiddleware(publicDirectory: try staticDirectory()))

    app.lifecycle.use(Scheduler())
    app.lifecycle.use(LiveListener())
    app.lifecycle.use(LiveHeartbeat())
    app.lifecycle.use(AlarmGateway())
    try routes(app)
}

/// The CSS and the OpenAPI document ship inside the binary's resource bundle.
func staticDirectory() throws -> String {
    guard let url = Bundle.module.url(forResource: "Public", withExtension: nil) else {
        throw Abort(.internalServerError, reason: "resources missing")
    }
    return url.path + "/"
}

/// Runs pending migrations and file-level database settings.
public func migrate(_ app: Application) async throws {
    let connections = app.eventLoopGroup.makeIterator().compactMap { app.databases.database(logger: app.logger, on: $0) }
    try await app.settings.database.prepare(connections)
    try await app.autoMigrate()
}

/// Closes SQLite's writer connection when the application shuts down.
struct ClosesWriter: LifecycleHandler {
    let writer: SQLiteWriter
    func shutdownAsync(_ app: Application) async { await writer.close() }
}
