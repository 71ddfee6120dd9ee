import Foundation
import Persistence
import Vapor

/// GET /inbox/events: server-sent events for the signed-in user's inbox — the unread count and
/// the newest title, at once and whenever a notice arrives.
struct InboxEventsController {
    func events(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard let user = caller.userID else { throw Abort(.unauthorized) }
        let store = req.store, t = Texts(req.language)
        return LiveStream.response(bus: store.inboxBus, topics: [String(user)]) { _ in
            let head = try await store.inboxHead(caller)
            let latest: String = head.latest.map(t.title(of:)) ?? ""
            return try JSONSerialization.data(withJSONObject: ["unread": head.unread, "latest": latest] as [String: Any])
        }
    }
}
