import Domain
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct AuthTests {
    @Test func fiveFailedSignInsLockTheAccountEvenForTheRightPassword() async throws {
        try await withJingmin { app, _ in
            for _ in 1...5 {
                let res = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", beforeRequest: { req in
                    try req.content.encode(["username": "officerA", "password": "wrong-password-1"], as: .json)
                })
                #expect(res.status == .unauthorized)
            }
            let res = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", beforeRequest: { req in
                try req.content.encode(["username": "officerA", "password": Fixture.password], as: .json)
            })
            #expect(res.status == .tooManyRequests)
            // The web form says so in Chinese.
            let web = WebSession(app)
            let page = try await web.signIn("officerA")
            #expect(page.status == .unauthorized)
            #expect(page.body.string.contains("登录失败次数过多"))
            #expect(try await app.store.auditEntries(.init(action: "auth.failure"), .commandLine(user: "t")).count >= 5)
        }
    }

    @Test func aFormPostWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withJingmin { app, f in
            let web = WebSession(app)
            #expect(try await web.signIn("officerA").status == .seeOther)
            try await web.get("/households/\(f.householdA.id)/edit")
            let refused = try await web.post("/households/\(f.householdA.id)/edit", ["address": "改了的地址"], includeCSRF: false)
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("页面已过期"))
            let forged = try await web.post("/households/\(f.householdA.id)/edit", ["address": "改了的地址", "_csrf": "0123"], includeCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await app.store.household(id: f.householdA.id, Caller.commandLine(user: "t")).address == "甲街1号")
            try await web.get("/households/\(f.householdA.id)/edit")
            #expect(try await web.post("/households/\(f.householdA.id)/edit", ["address": "改了的地址"]).status == .seeOther)
            #expect(try await app.store.household(id: f.householdA.id, Caller.commandLine(user: "t")).address == "改了的地址")
        }
    }

    @Test func signInIssuesAFreshHttpOnlyStrictSessionCookie() async throws {
        try await withJingmin { app, _ in
            let web = WebSession(app)
            try await web.get("/login")
            web.cookies["jm_session"] = "planted-by-attacker"
            let res = try await web.post("/login", ["username": "officerA", "password": Fixture.password])
            let cookie = res.headers[.setCookie].first { $0.hasPrefix("jm_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("planted-by-attacker"))
            #expect(web.cookies["jm_session"] != "planted-by-attacker")
            #expect(try await web.get("/").status == .ok)
        }
    }

    @Test func signOutAndDisablingAnAccountEndItsSessions() async throws {
        try await withJingmin { app, _ in
            let token = try await app.bearer("officerA")
            #expect(try await app.get("/api/v1/me", token).status == .ok)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/auth/logout", headers: token).status == .noContent)
            #expect(try await app.get("/api/v1/me", token).status == .unauthorized)

            let again = try await app.bearer("officerA")
            #expect(try await app.get("/api/v1/me", again).status == .ok)   // checked once, so this server remembers it
            let web = try await WebSession.signedIn(app, "officerA")
            #expect(try await web.get("/").status == .ok)
            let officer = try await app.store.credentials(username: "officerA")!.account
            try await app.store.setDisabled(userID: officer.id, true, Caller.commandLine(user: "t"))
            #expect(try await app.get("/api/v1/me", again).status == .unauthorized)
            let page = try await web.get("/")
            #expect(page.status == .seeOther && page.headers.first(name: .location) == "/login")
        }
    }

    /// A server remembers a session it checked for a few seconds, so a logout on another server
    /// sharing the database (here: the session row deleted behind this one's back) reaches it
    /// within that time, not at once.
    @Test func aSessionEndedByAnotherServerStopsWorkingWithinFiveSeconds() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, _ in
            let token = try await app.bearer("officerA")
            #expect(try await app.get("/api/v1/me", token).status == .ok)
            try await (app.db as! any SQLDatabase).raw("DELETE FROM auth_sessions").run()
            clock.advance(4)
            #expect(try await app.get("/api/v1/me", token).status == .ok)
            clock.advance(1.5)
            #expect(try await app.get("/api/v1/me", token).status == .unauthorized)
        }
    }

    @Test func aSessionEndsAfterThirtyIdleMinutesAndTwelveHoursInAll() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, _ in
            let web = try await WebSession.signedIn(app, "officerA")
            clock.advance(29 * 60)
            #expect(try await web.get("/").status == .ok)          // activity keeps it alive…
            clock.advance(29 * 60)
            #expect(try await web.get("/").status == .ok)
            clock.advance(31 * 60)                                    // …idleness ends it
            #expect(try await web.get("/").headers.first(name: .location) == "/login")

            let token = try await app.bearer("officerA")
            for _ in 0..<30 {                                         // busy all day: still 12 hours at most
                clock.advance(25 * 60)
                _ = try await app.get("/api/v1/me", token)
            }
            #expect(try await app.get("/api/v1/me", token).status == .unauthorized)
        }
    }

    @Test func lockoutLiftsAfterTheWait() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, _ in
            for _ in 1...5 { _ = try await WebSession(app).signIn("officerA", password: "wrong-password-1") }
            #expect(try await WebSession(app).signIn("officerA").status == .unauthorized)
            clock.advance(61)
            #expect(try await WebSession(app).signIn("officerA").status == .seeOther)
        }
    }

    @Test func pagesAndAPIRequireSignIn() async throws {
        try await withJingmin { app, f in
            let page = try await app.testing().sendRequest(.GET, "/residents/\(f.residentA.id)")
            #expect(page.status == .seeOther)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/residents/\(f.residentA.id)")
            #expect(api.status == .unauthorized)
            #expect(api.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await withJingmin { app, _ in
            for path in ["/login", "/api/v1/me", "/healthz"] {
                let res = try await app.testing().sendRequest(.GET, path)
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers.first(name: "Referrer-Policy") == "no-referrer")
            }
        }
    }
}
