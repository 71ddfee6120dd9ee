import Domain
import Persistence
import Vapor

/// 登录/退出 for the web pages.
struct AuthWebController {
    struct LoginForm: Content { var username: String?; var password: String? }

    func loginPage(_ req: Request) async throws -> Response {
        if req.auth.has(Account.self) { return req.redirect(to: Site.home.path) }
        return try await LoginPage.render(req.pageContext, username: "", message: nil).encodeResponse(for: req)
    }

    func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = (form.username ?? "").trimmed
        switch try await SignIn.attempt(req, username: username, password: form.password ?? "") {
        case .success(let account):
            // Signing in again (or as someone else) ends the session this browser had.
            if let old = req.storage[SessionSecretKey.self] { try await req.store.endSession(secret: old) }
            let secret = try await req.store.startSession(account: account, kind: .web, clientAddress: req.clientAddress)
            let response = req.redirect(to: Site.home.path, redirectType: .normal)
            response.cookies[WebCookie.session] = WebCookie.make(secret, for: req)
            response.cookies[WebCookie.preSession] = WebCookie.make("", for: req, maxAge: 0)
            return response
        case .failure(let message):
            let t = Texts(req.language)
            let text = switch message {
            case .wrongCredentials: t("login.failed")
            case .locked(let until): t("login.locked", ChinaTime.clock(until))
            }
            return try await LoginPage.render(req.pageContext, username: username, message: text, status: .unauthorized).encodeResponse(for: req)
        }
    }

    struct SignupForm: Content { var displayName: String?; var phone: String?; var unitID: String?; var password: String? }

    func signupPage(_ req: Request) async throws -> Response {
        if req.auth.has(Account.self) { return req.redirect(to: Site.home.path) }
        return try await LoginPage.signup(req.pageContext, units: try await req.store.signupUnits(), form: SignupForm(), errors: []).encodeResponse(for: req)
    }

    /// 群众注册, then signed in straight away.
    func signup(_ req: Request) async throws -> Response {
        let form = try req.content.decode(SignupForm.self)
        do {
            let password = form.password ?? ""
            let hash = PasswordPolicy.isAcceptable(password) ? try await req.password.async.hash(password) : nil
            let account = try await req.store.signUpResident(phone: form.phone ?? "", displayName: form.displayName ?? "", unitID: form.unitID.flatMap { Int64($0) } ?? 0,
                                                             passwordHash: hash, clientAddress: req.clientAddress)
            let secret = try await req.store.startSession(account: account, kind: .web, clientAddress: req.clientAddress)
            let response = req.redirect(to: Site.requests(nil).path, redirectType: .normal)
            response.cookies[WebCookie.session] = WebCookie.make(secret, for: req)
            response.cookies[WebCookie.preSession] = WebCookie.make("", for: req, maxAge: 0)
            return response
        } catch let v as ValidationFailure {
            var kept = form; kept.password = nil
            return try await LoginPage.signup(req.pageContext, units: try await req.store.signupUnits(), form: kept, errors: v.errors, status: .unprocessableEntity)
                .encodeResponse(for: req)
        }
    }

    func logout(_ req: Request) async throws -> Response {
        if let secret = req.storage[SessionSecretKey.self] { try await req.store.endSession(secret: secret) }
        let response = req.redirect(to: Site.login.path, redirectType: .normal)
        response.cookies[WebCookie.session] = WebCookie.make("", for: req, maxAge: 0)
        // A shared phone: the next person finds nothing of the last — the offline copy, the
        // cached field page and the service worker go with the session.
        response.headers.replaceOrAdd(name: "Clear-Site-Data", value: "\"storage\"")
        return response
    }

    func language(_ req: Request) async throws -> Response {
        let lang = Language(rawValue: req.parameters.get("lang") ?? "") ?? .zhHans
        var back = (try? req.query.get(String.self, at: "back")) ?? "/"
        if !back.hasPrefix("/") || back.hasPrefix("//") { back = "/" }   // never an open redirect
        let response = req.redirect(to: back)
        response.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 31_536_000, path: "/", isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}

/// One sign-in procedure for the web form and the API: throttling, hashing off the event loop, audit.
enum SignIn {
    enum Refusal: Error { case wrongCredentials, locked(until: Date) }


    static func attempt(_ req: Request, username typed: String, password: String) async throws -> Result<Account, Refusal> {
        let store = req.store
        // Residents who registered themselves sign in with their mobile number.
        let username = PhoneNumber.isValid(typed) ? store.phoneUsername(typed) : typed
        let keys = ["user:" + username.lowercased(), "addr:" + req.clientAddress]
        if let until = try await store.lockedUntil(keys: keys) { return .failure(.locked(until: until)) }
        let found = try await store.credentials(username: username)
        let hash = if let known = found?.passwordHash { known } else { try await req.decoyPasswordHash() }
        let ok = try await req.password.async.verify(password, created: hash)
        guard ok, let account = found?.account, !account.disabled else {
            try await store.recordLoginFailure(keys: keys, clientAddress: req.clientAddress, username: username)
            return .failure(.wrongCredentials)
        }
        try await store.clearLoginFailures(key: keys[0])
        return .success(account)
    }
}
