import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `transform` over the elements on every core at once, in order: an import checks, seals and
    /// indexes tens of thousands of rows before it writes. Synchronous: the work is CPU alone.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        try concurrentRuns { try $0.map(transform) }
    }

    /// `transform` over runs of the elements, one run per core, joined in order: for work that is
    /// cheaper done for many elements at once (sealing draws its nonces once a run).
    public func concurrentRuns<T: Sendable>(_ transform: @Sendable ([Element]) throws -> [T]) throws -> [T] {
        let parts = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / 1_000))
        guard parts > 1 else { return try transform(self) }
        let runs = chunked((count + parts - 1) / parts)
        let results = RunResults<T>(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            let mapped = Result { try transform(runs[i]) }
            results.lock.withLock { results.runs[i] = mapped }
        }
        return try results.runs.flatMap { try $0!.get() }
    }

    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        // The throwing form with a transform that cannot throw.
        try! concurrentMap { element throws in transform(element) }
    }
}

extension Array {
    /// Runs of at most `size`, so a statement stays within the databases' limits on bound values.
    public func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

/// Each run's result, written once by its own thread under the lock.
private final class RunResults<T>: @unchecked Sendable {
    let lock = NSLock()
    var runs: [Result<[T], any Error>?]
    init(count: Int) { runs = Array(repeating: nil, count: count) }
}
