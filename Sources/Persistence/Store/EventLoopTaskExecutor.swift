import NIOCore

/// Runs the jobs of tasks that prefer it on one event loop's thread. SQLite's writer uses it for
/// its transactions: the Swift code between two statements of a transaction then resumes on the
/// writer's own thread instead of queueing behind request handling on the shared pool, which
/// stretched every group commit.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
