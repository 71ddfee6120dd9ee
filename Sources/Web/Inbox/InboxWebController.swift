import Domain
import Persistence
import Vapor

/// 消息 for everyone signed in.
struct InboxWebController {
    func inbox(_ req: Request) async throws -> HTMLPage {
        InboxPage.render(req.pageContext, notices: try await req.store.inbox(try req.caller()))
    }

    func markRead(_ req: Request) async throws -> Response {
        try await req.store.markInboxRead(try req.caller())
        return req.redirect(to: Site.inbox.path)
    }
}
