import Foundation
import Persistence
import Vapor

/// Runs the recurring jobs (escalations, care tasks) inside the server every
/// `settings.schedulerInterval` seconds. Several instances may run it against one
/// PostgreSQL: `Store.runDueWork` leases each job to one of them.
struct Scheduler: LifecycleHandler {
    let holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    private struct TaskKey: StorageKey { typealias Value = Task<Void, Never> }
    private struct AlarmTaskKey: StorageKey { typealias Value = Task<Void, Never> }
    /// Alarms are measured in seconds (1-3-5): their escalation is checked far more often than
    /// the other jobs, by every instance (it is safe to run concurrently, see `escalateAlarms`).
    static let alarmInterval: Double = 5

    func didBootAsync(_ app: Application) async throws {
        let interval = app.settings.schedulerInterval
        guard interval > 0 else { return }
        let store = app.store, logger = app.logger, holder = holder
        app.storage[TaskKey.self] = Task {
            while !Task.isCancelled {
                do {
                    let run = try await store.runDueWork(holder: holder)
                    if !run.jobsRun.isEmpty {
                        logger.info("scheduler", metadata: ["holder": .string(holder), "jobs": .string(run.jobsRun.joined(separator: ",")),
                                                            "station": .stringConvertible(run.escalatedToStation), "bureau": .stringConvertible(run.escalatedToBureau),
                                                            "care": .stringConvertible(run.careTasksOpened)])
                    }
                } catch {
                    logger.error("scheduler run failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        app.storage[AlarmTaskKey.self] = Task {
            while !Task.isCancelled {
                do {
                    let n = try await store.escalateAlarms()
                    if n > 0 { logger.info("alarms escalated", metadata: ["count": .stringConvertible(n)]) }
                } catch {
                    logger.error("alarm escalation failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: .seconds(min(interval, Self.alarmInterval)))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        app.storage[TaskKey.self]?.cancel()
        app.storage[AlarmTaskKey.self]?.cancel()
    }
}
