import Foundation
import NIOConcurrencyHelpers
import Persistence
import Vapor

/// A server-sent events response for a live page: `snapshot` is sent at once and again
/// whenever one of `topics` changes on `bus`. One loop per page and no timer of its own: a
/// single `LiveHeartbeat` wakes every page every 25 seconds, and a page woken without a change
/// sends a comment line (it keeps proxies from closing the stream and notices a closed tab).
/// The stream ends after ten minutes (the browser reconnects, and the session is checked again
/// then). Nothing depends on having been connected at the moment of a change: every message is
/// the whole state, not a delta. `snapshot` is given the topics' version it answers for.
enum LiveStream {
    static let lifetime: Duration = .seconds(600)

    static func response(bus: LiveBus, topics: [String], snapshot: @escaping @Sendable (UInt64) async throws -> Data) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            let (id, changes) = bus.subscribe(topics)
            defer { bus.unsubscribe(id) }
            let started = ContinuousClock.now
            // The version is read before the snapshot is made: a change while it is made wakes the loop again.
            func send(_ version: UInt64) async throws {
                var buffer = ByteBuffer(string: "data: ")
                buffer.writeBytes(try await snapshot(version))
                buffer.writeString("\n\n")
                try await writer.write(.buffer(buffer))
            }
            do {
                var sent = bus.version(topics)
                try await send(sent)
                for await _ in changes {
                    if ContinuousClock.now - started > lifetime { break }
                    let now = bus.version(topics)
                    if now != sent {
                        sent = now
                        try await send(now)
                    } else {
                        try await writer.write(.buffer(ByteBuffer(string: ": keep-alive\n\n")))
                    }
                }
            } catch {}
            try? await writer.write(.end)
        }))
    }
}

/// Wakes every live page every 25 seconds (see `LiveStream`).
struct LiveHeartbeat: LifecycleHandler {
    static let interval: Duration = .seconds(25)
    private struct TaskKey: StorageKey { typealias Value = Task<Void, Never> }

    func didBootAsync(_ app: Application) async throws {
        let buses = [app.store.inboxBus, app.store.alarmBus]
        app.storage[TaskKey.self] = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                for bus in buses { bus.wakeAll() }
            }
        }
    }

    func shutdownAsync(_ app: Application) async { app.storage[TaskKey.self]?.cancel() }
}
