import Domain
import Vapor

/// Checks the text of a request's path and query string (`InputText`) before any route sees
/// it; bodies are checked as they are decoded (`CheckedDecoders`). A query parameter read with
/// `req.query[…]` would otherwise turn a refused value into a silently absent one.
struct InputTextMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !InputText.isAcceptable(req.url.path.removingPercentEncoding ?? req.url.path) {
            throw APIBodyError(field: "path", problem: .controlCharacter)
        }
        if let query = req.url.query { try CheckedDecoders.checkPairs(query) }
        return try await next.respond(to: req)
    }
}
