import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import Persistence
import PostgresNIO
import Vapor

/// On PostgreSQL, one connection per instance LISTENs on each live bus's channel (NOTIFY is
/// sent inside the writing transaction, so it arrives on commit, at every instance) and wakes
/// the live pages of the topics named: inbox badges, alarm banners and the duty desk.
/// Reconnects after a second when the connection drops.
struct LiveListener: LifecycleHandler {
    private struct TaskKey: StorageKey { typealias Value = Task<Void, Never> }
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)

    func didBootAsync(_ app: Application) async throws {
        guard case .postgres(let url) = app.settings.database else { return }
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let buses = [app.store.inboxBus, app.store.alarmBus], logger = app.logger, group = app.eventLoopGroup, box = connection
        app.storage[TaskKey.self] = Task {
            while !Task.isCancelled {
                do {
                    let conn = try await PostgresConnection.connect(on: group.any(), configuration: configuration, id: 0, logger: logger).get()
                    box.withLockedValue { $0 = conn }
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        for bus in buses {
                            tasks.addTask {
                                try await conn.listen(on: bus.channel) { notices in
                                    for try await n in notices { bus.publish(LiveBus.topics(n.payload)) }
                                }
                            }
                        }
                        // The first channel to fail drops the connection; all are listened to again.
                        try await tasks.next()
                        tasks.cancelAll()
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("live listener reconnecting", metadata: ["error": .string(String(describing: error))]) }
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
