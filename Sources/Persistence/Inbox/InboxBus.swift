import Foundation
import NIOConcurrencyHelpers

/// Wakes the live inbox pages of users who just got a notice. Notices reach it only once their
/// transaction has committed: on SQLite the store hands them over after COMMIT (writes are
/// serialised, see `WriteGate`); on PostgreSQL through NOTIFY, which the database delivers on
/// commit to every instance listening (see the web layer's `InboxListener`).
public final class InboxBus: Sendable {
    private struct State {
        var staged: Set<Int64> = []
        var subscribers: [Int64: [UUID: AsyncStream<Void>.Continuation]] = [:]
    }
    private let state = NIOLockedValueBox(State())
    public static let channel = "jingmin_inbox"

    public init() {}

    /// A stream that yields whenever the user's inbox changes; a burst collapses into one wake-up.
    public func subscribe(userID: Int64) -> (id: UUID, changes: AsyncStream<Void>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLockedValue { $0.subscribers[userID, default: [:]][id] = continuation }
        return (id, stream)
    }

    public func unsubscribe(userID: Int64, id: UUID) {
        let c = state.withLockedValue { s -> AsyncStream<Void>.Continuation? in
            let c = s.subscribers[userID]?.removeValue(forKey: id)
            if s.subscribers[userID]?.isEmpty == true { s.subscribers[userID] = nil }
            return c
        }
        c?.finish()
    }

    public func publish(_ userIDs: some Sequence<Int64>) {
        let wake = state.withLockedValue { s in userIDs.flatMap { s.subscribers[$0].map { Array($0.values) } ?? [] } }
        for c in wake { c.yield() }
    }

    public var listening: Int { state.withLockedValue { $0.subscribers.values.reduce(0) { $0 + $1.count } } }

    /// "12,40" as NOTIFY carries it.
    public static func payload(_ ids: some Sequence<Int64>) -> String { ids.map(String.init).joined(separator: ",") }
    public static func userIDs(_ payload: String) -> [Int64] { payload.split(separator: ",").compactMap { Int64($0) } }

    func stage(_ ids: some Sequence<Int64>) { state.withLockedValue { $0.staged.formUnion(ids) } }
    func flushStaged() { publish(state.withLockedValue { s in defer { s.staged = [] }; return s.staged }) }
    func discardStaged() { state.withLockedValue { $0.staged = [] } }
}
