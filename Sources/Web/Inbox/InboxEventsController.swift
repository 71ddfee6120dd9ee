import Foundation
import Persistence
import Vapor

/// GET /inbox/events: server-sent events for the signed-in user's inbox — the unread count and
/// the newest title, at once and whenever a notice arrives. The stream ends after ten minutes
/// (the browser reconnects, and the session is checked again then); a comment line every 25
/// seconds keeps proxies from closing it and notices a closed tab.
struct InboxEventsController {
    static let lifetime: Duration = .seconds(600), heartbeat: Duration = .seconds(25)

    func events(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard let user = caller.userID else { throw Abort(.unauthorized) }
        let store = req.store, t = Texts(req.language)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            let (id, changes) = store.inboxBus.subscribe(userID: user)
            defer { store.inboxBus.unsubscribe(userID: user, id: id) }
            func send() async throws {
                let head = try await store.inboxHead(caller)
                let latest: String = head.latest.map(t.title(of:)) ?? ""
                let data = try JSONSerialization.data(withJSONObject: ["unread": head.unread, "latest": latest] as [String: Any])
                try await writer.write(.buffer(ByteBuffer(string: "data: \(String(decoding: data, as: UTF8.self))\n\n")))
            }
            do {
                try await send()
                // Wake-ups and heartbeats merged into one loop, bounded in time.
                let ticks = AsyncStream<Bool> { c in
                    let t1 = Task { for await _ in changes { c.yield(true) }; c.finish() }
                    let t2 = Task { while !Task.isCancelled { try? await Task.sleep(for: Self.heartbeat); c.yield(false) } }
                    let t3 = Task { try? await Task.sleep(for: Self.lifetime); c.finish() }
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
