/// Serialises write transactions inside one process. SQLite allows one writer; without this,
/// two deferred transactions that both read then write fail with SQLITE_BUSY_SNAPSHOT.
/// PostgreSQL needs no gate (row locks and an advisory lock do the work across instances).
public actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard enabled else { return try await body() }
        if busy { await withCheckedContinuation { waiters.append($0) } } else { busy = true }
        defer { if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() } }
        return try await body()
    }
}
