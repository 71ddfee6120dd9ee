import Foundation
import Persistence
import Vapor

/// A server-sent events response for a live page: `snapshot` is sent at once and again
/// whenever one of `topics` changes on `bus`. The stream ends after ten minutes (the browser
/// reconnects, and the session is checked again then); a comment line every 25 seconds keeps
/// proxies from closing it and notices a closed tab. Nothing depends on having been connected
/// at the moment of a change: every message is the whole state, not a delta.
enum LiveStream {
    static let lifetime: Duration = .seconds(600), heartbeat: Duration = .seconds(25)

    static func response(bus: LiveBus, topics: [String], snapshot: @escaping @Sendable () async throws -> Data) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            let (id, changes) = bus.subscribe(topics)
            defer { bus.unsubscribe(id) }
            func send() async throws {
                var buffer = ByteBuffer(string: "data: ")
                buffer.writeBytes(try await snapshot())
                buffer.writeString("\n\n")
                try await writer.write(.buffer(buffer))
            }
            do {
                try await send()
                // Wake-ups and heartbeats merged into one loop, bounded in time.
                let ticks = AsyncStream<Bool> { c in
                    let t1 = Task { for await _ in changes { c.yield(true) }; c.finish() }
                    let t2 = Task { while !Task.isCancelled { try? await Task.sleep(for: heartbeat); c.yield(false) } }
                    let t3 = Task { try? await Task.sleep(for: lifetime); c.finish() }
                    c.onTermination = { _ in t1.cancel(); t2.cancel(); t3.cancel() }
                }
                for await changed in ticks {
                    if changed { try await send() } else { try await writer.write(.buffer(ByteBuffer(string: ": keep-alive\n\n"))) }
                }
            } catch {}
            try? await writer.write(.end)
        }))
    }
}
