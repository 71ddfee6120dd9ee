import Domain
import Persistence
import Vapor

extension Account: Authenticatable {}

/// Cookie names and flags for the web session. HttpOnly + SameSite=Strict always, Secure on TLS.
enum WebCookie {
    static let session = "jm_session"
    static let preSession = "jm_pre"

    static func make(_ value: String, for req: Request, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
                          isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
    }
}

/// Reads the session cookie and signs the account in for this request.
struct WebSessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let secret = req.cookies[WebCookie.session]?.string, !secret.isEmpty,
           let account = try await req.store.session(secret: secret, kind: .web) {
            req.auth.login(account)
            req.storage[SessionSecretKey.self] = secret
        }
        return try await next.respond(to: req)
    }
}

struct SessionSecretKey: StorageKey { typealias Value = String }

/// Pages behind sign-in.
struct RequireAccount: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.auth.has(Account.self) else { return req.redirect(to: Site.login.path) }
        return try await next.respond(to: req)
    }
}

/// `Authorization: Bearer <token>` on every /api/v1 call but sign-in.
struct BearerMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = req.headers.bearerAuthorization?.token,
              let account = try await req.store.session(secret: token, kind: .api) else {
            throw Abort(.unauthorized)
        }
        req.auth.login(account)
        return try await next.respond(to: req)
    }
}

extension Request {
    /// The signed-in caller, for store calls. Throws 401 when no one is signed in.
    func caller() throws -> Caller {
        try auth.require(Account.self).caller(clientAddress: clientAddress)
    }
}
