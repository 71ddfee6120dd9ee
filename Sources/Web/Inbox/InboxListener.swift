import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import Persistence
import PostgresNIO
import Vapor

/// On PostgreSQL, one connection per instance LISTENs for inbox notices (NOTIFY is sent inside
/// the writing transaction, so it arrives on commit, at every instance) and wakes the live
/// pages of the users named. Reconnects after a second when the connection drops.
struct InboxListener: LifecycleHandler {
    private struct TaskKey: StorageKey { typealias Value = Task<Void, Never> }
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)

    func didBootAsync(_ app: Application) async throws {
        guard case .postgres(let url) = app.settings.database else { return }
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let bus = app.store.inboxBus, logger = app.logger, group = app.eventLoopGroup, box = connection
        app.storage[TaskKey.self] = Task {
            while !Task.isCancelled {
                do {
                    let conn = try await PostgresConnection.connect(on: group.any(), configuration: configuration, id: 0, logger: logger).get()
                    box.withLockedValue { $0 = conn }
                    try await conn.listen(on: InboxBus.channel) { notices in
                        for try await n in notices { bus.publish(InboxBus.userIDs(n.payload)) }
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("inbox listener reconnecting", metadata: ["error": .string(String(describing: error))]) }
                }
                try? await box.withLockedValue { $0 }?.close()
                box.withLockedValue { $0 = nil }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        app.storage[TaskKey.self]?.cancel()
        try? await connection.withLockedValue { $0 }?.close()
    }
}
