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
        /// How many changes each watched topic has seen: a page woken compares it with what it
        /// last sent, so a heartbeat and a change share one stream without losing either.
        var versions: [String: UInt64] = [:]
    }
    private let state = NIOLockedValueBox(State())
    private let shared = NIOLockedValueBox<[String: (version: UInt64, task: Task<Data, any Error>)]>([:])
    /// The PostgreSQL NOTIFY channel.
    public let channel: String

    public init(channel: String) { self.channel = channel }

    /// A stream that yields whenever one of the topics changes; a burst collapses into one wake-up.
    public func subscribe(_ topics: [String]) -> (id: UUID, changes: AsyncStream<Void>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLockedValue { s in
            for t in Set(topics) {
                s.subscribers[t, default: [:]][id] = continuation
                if s.versions[t] == nil { s.versions[t] = 0 }
            }
            s.topicsOf[id] = Array(Set(topics))
        }
        return (id, stream)
    }

    public func unsubscribe(_ id: UUID) {
        let c = state.withLockedValue { s -> AsyncStream<Void>.Continuation? in
            var c: AsyncStream<Void>.Continuation?
            for t in s.topicsOf.removeValue(forKey: id) ?? [] {
                c = s.subscribers[t]?.removeValue(forKey: id) ?? c
                if s.subscribers[t]?.isEmpty == true { s.subscribers[t] = nil; s.versions[t] = nil }
            }
            return c
        }
        c?.finish()
    }

    public func publish(_ topics: some Sequence<String>) {
        let wake = state.withLockedValue { s in
            var seen = Set<UUID>(), out: [AsyncStream<Void>.Continuation] = []
            for t in topics {
                guard let subs = s.subscribers[t] else { continue }
                s.versions[t, default: 0] &+= 1
                for (id, c) in subs where seen.insert(id).inserted { out.append(c) }
            }
            return out
        }
        for c in wake { c.yield() }
    }

    public var listening: Int { state.withLockedValue { $0.topicsOf.count } }

    /// The changes seen so far by the topics (their sum: it only grows while they are watched).
    public func version(_ topics: [String]) -> UInt64 {
        state.withLockedValue { s in topics.reduce(0) { $0 &+ (s.versions[$1] ?? 0) } }
    }

    /// What the pages that show the same thing (a group's neighbours, a station's desks) send
    /// after one change: computed once by the first of them woken, awaited by the others.
    public func snapshot(key: String, version: UInt64, _ compute: @escaping @Sendable () async throws -> Data) async throws -> Data {
        let task = shared.withLockedValue { memo -> Task<Data, any Error> in
            if let hit = memo[key], hit.version >= version { return hit.task }
            let task = Task { try await compute() }
            memo[key] = (version, task)
            return task
        }
        return try await task.value
    }

    /// Wakes every page at once without a change: one timer for all of them sends the keep-alives.
    public func wakeAll() {
        for c in state.withLockedValue({ s in s.topicsOf.keys.compactMap { id in s.topicsOf[id]?.first.flatMap { s.subscribers[$0]?[id] } } }) { c.yield() }
    }

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
