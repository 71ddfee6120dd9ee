import Persistence
import Vapor

/// CSRF tokens are derived (HMAC) from the session secret — or, before sign-in, from a random
/// pre-session cookie — so nothing extra is stored and every instance agrees on them.
enum CSRF {
    static let field = "_csrf"
    static let reason = "csrf"
    /// The largest web form: a request with four 5 MB photos and its text.
    static let maxFormBody: ByteCount = "24mb"

    static func token(for req: Request) -> String? {
        if let s = req.storage[SessionSecretKey.self] { return req.store.cipher.formToken("session:" + s) }
        if let p = req.cookies[WebCookie.preSession]?.string, !p.isEmpty { return req.store.cipher.formToken("pre:" + p) }
        return nil
    }
}

extension Request {
    /// The token for forms on this page; a pre-session cookie is issued when needed.
    var csrfToken: String {
        if let t = CSRF.token(for: self) { return t }
        let nonce = Store.randomToken()
        storage[PendingPreSessionKey.self] = nonce
        return store.cipher.formToken("pre:" + nonce)
    }
}

struct PendingPreSessionKey: StorageKey { typealias Value = String }

/// Refuses any state-changing web request without the right token; sets the pre-session
/// cookie when a page asked for one.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method != .GET && req.method != .HEAD {
            // A form with a photo, or a long text, arrives in several chunks; the route would
            // collect it only after this middleware, and the token would go unread.
            if req.body.data == nil { _ = try await req.body.collect(max: CSRF.maxFormBody.value).get() }
            let sent = try req.bodyField(CSRF.field) ?? req.headers.first(name: "X-CSRF-Token")
            guard let expected = CSRF.token(for: req), let sent, constantTimeEqual(sent, expected) else {
                throw Abort(.forbidden, reason: CSRF.reason)
            }
        }
        let response = try await next.respond(to: req)
        if let nonce = req.storage[PendingPreSessionKey.self] {
            response.cookies[WebCookie.preSession] = WebCookie.make(nonce, for: req)
        }
        return response
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
