/// Group commit: callers hand in one item each and wait; whenever the previous batch has been
/// written, everything that queued up meanwhile is written together in one transaction. An idle
/// server writes each item at once (a batch of one); a busy one pays for BEGIN/COMMIT, the
/// audit-chain head and the write gate once per batch instead of once per item.
actor Batcher<Item: Sendable, Output: Sendable> {
    typealias Run = @Sendable ([Item]) async -> [Result<Output, any Error>]
    private var pending: [(item: Item, done: CheckedContinuation<Output, any Error>)] = []
    private var draining = false
    private let maxBatch: Int

    init(maxBatch: Int) { self.maxBatch = maxBatch }

    /// `run` writes a batch and answers every item in order; it is the same for every caller
    /// of one batcher.
    func submit(_ item: Item, run: @escaping Run) async throws -> Output {
        try await withCheckedThrowingContinuation { done in
            pending.append((item, done))
            if !draining {
                draining = true
                Task { await drain(run) }
            }
        }
    }

    private func drain(_ run: Run) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let results = await run(batch.map(\.item))
            for (i, entry) in batch.enumerated() {
                entry.done.resume(with: i < results.count ? results[i] : .failure(BatchAnswerMissing()))
            }
        }
        draining = false
    }
}

struct BatchAnswerMissing: Error {}
