import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Wakes live pages (server-sent events) when something they show has changed: the inbox of a
/// user, the open alarms of a group or a station. Pages subscribe to topics; a change names
/// the topics it touches. Changes reach the bus only once their transaction has committed: on
/// SQLite the store hands them over after COMMIT (writes are serialised, see `WriteGate`); on
/// PostgreSQL through NOTIFY on the bus's channel, which the database delivers on commit to
/// every instance listening (see the web layer's `LiveListener`).
public final class LiveBus: Sendable {
    private struct State {
        var staged: Set<String> = []
        var subscribers: [String: [UUID: AsyncStream<Void>.Continuation]] = [:]
        var topicsOf: [UUID: [String]] = [:]
    }
    private let state = NIOLockedValueBox(State())
    /// The PostgreSQL NOTIFY channel.
    public let channel: String

    public init(channel: String) { self.channel = channel }

    /// A stream that yields whenever one of the topics changes; a burst collapses into one wake-up.
    public func subscribe(_ topics: [String]) -> (id: UUID, changes: AsyncStream<Void>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLockedValue { s in
            for t in Set(topics) { s.subscribers[t, default: [:]][id] = continuation }
            s.topicsOf[id] = Array(Set(topics))
        }
        return (id, stream)
    }

    public func unsubscribe(_ id: UUID) {
        let c = state.withLockedValue { s -> AsyncStream<Void>.Continuation? in
            var c: AsyncStream<Void>.Continuation?
            for t in s.topicsOf.removeValue(forKey: id) ?? [] {
                c = s.subscribers[t]?.removeValue(forKey: id) ?? c
                if s.subscribers[t]?.isEmpty == true { s.subscribers[t] = nil }
            }
            return c
        }
        c?.finish()
    }

    public func publish(_ topics: some Sequence<String>) {
        let wake = state.withLockedValue { s in
            var seen = Set<UUID>(), out: [AsyncStream<Void>.Continuation] = []
            for t in topics { for (id, c) in s.subscribers[t] ?? [:] where seen.insert(id).inserted { out.append(c) } }
            return out
        }
        for c in wake { c.yield() }
    }

    public var listening: Int { state.withLockedValue { $0.topicsOf.count } }

    /// "12,40" as NOTIFY carries it (topics never hold a comma).
    public static func payload(_ topics: some Sequence<String>) -> String { topics.joined(separator: ",") }
    public static func topics(_ payload: String) -> [String] { payload.split(separator: ",").map(String.init) }

    /// Within a write: PostgreSQL notifies on commit; SQLite stages until the store's COMMIT.
    func announce(_ tx: any SQLDatabase, _ topics: some Sequence<String>, postgres: Bool) async throws {
        let topics = Set(topics)
        guard !topics.isEmpty else { return }
        if postgres {
            try await tx.raw("SELECT pg_notify(\(bind: channel), \(bind: Self.payload(topics.sorted())))").run()
        } else {
            state.withLockedValue { $0.staged.formUnion(topics) }
        }
    }

    func flushStaged() { publish(state.withLockedValue { s in defer { s.staged = [] }; return s.staged }) }
    func discardStaged() { state.withLockedValue { $0.staged = [] } }
}
