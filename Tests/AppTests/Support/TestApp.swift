import Crypto
import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import Web

/// Runs `body` against a freshly migrated app: a new SQLite file per test, or — when
/// DATABASE_URL is set — the PostgreSQL database emptied first. Real migrations, real Bcrypt
/// (low cost to keep the suite fast), real HTTP handling through Vapor's tester.
func withJingmin(clock: TestClock = TestClock(), _ body: @Sendable (Application, Fixture) async throws -> Void) async throws {
    // SQLite tests each get their own file and run in parallel; PostgreSQL tests share one
    // database, so they take turns.
    if ProcessInfo.processInfo.environment["DATABASE_URL"] != nil {
        try await postgresTurn.run { try await runJingmin(clock, body) }
    } else {
        try await runJingmin(clock, body)
    }
}

private let postgresTurn = WriteGate(enabled: true)

private func runJingmin(_ clock: TestClock, _ body: @Sendable (Application, Fixture) async throws -> Void) async throws {
    let env = ProcessInfo.processInfo.environment
    let sqlitePath = FileManager.default.temporaryDirectory.appendingPathComponent("jingmin-test-\(UUID().uuidString).sqlite").path
    let selection: DatabaseSelection = env["DATABASE_URL"].map { .postgres(url: $0) } ?? .sqlite(path: sqlitePath)
    let settings = AppSettings(database: selection, cipher: FieldCipher(masterKey: SymmetricKey(size: .bits256)), bcryptCost: 4, now: { clock.now })
    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings)
        if !selection.isSQLite {
            try await (app.db as! any SQLDatabase).raw("DROP SCHEMA public CASCADE").run()
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA public").run()
        }
        try await migrate(app)
        let fixture = try await Fixture.build(app)
        try await body(app, fixture)
    } catch {
        try? await app.asyncShutdown()
        cleanup(sqlitePath)
        throw error
    }
    try await app.asyncShutdown()
    cleanup(sqlitePath)
}

private func cleanup(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// A clock the test moves by hand (session expiry, lockout windows). Every test starts at the
/// same moment, so the suite's verdict does not depend on the date it runs (the test scripts'
/// servers use the same moment: scripts/reference_clock.sh).
final class TestClock: Sendable {
    /// Monday 2026-11-23, 09:30 China time.
    static let reference = Date(timeIntervalSince1970: 1_795_397_400)
    private let current = NIOLockedValueBox(TestClock.reference)
    var now: Date { current.withLockedValue { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

var isSQLiteRun: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"] == nil }

/// Two stations under one bureau, each with a grid, a household, a resident and an officer.
struct Fixture {
    static let password = "correct-horse-battery"
    var gridA: Domain.Unit, gridB: Domain.Unit
    var householdA: Household, householdB: Household
    var residentA: ResidentView, residentB: ResidentView
    static let idA = "11010519491231002X", idB = "110105195001010020"
    static let phoneA = "13812345678"

    static func build(_ app: Application) async throws -> Fixture {
        let s = app.store, cli = Caller.commandLine(user: "test")
        _ = try await s.createUnit(code: "B", name: "测试分局", kind: .bureau, parentCode: nil, cli)
        for st in ["SA", "SB"] {
            _ = try await s.createUnit(code: st, name: "\(st)派出所", kind: .station, parentCode: "B", cli)
            _ = try await s.createUnit(code: "\(st)-C", name: "\(st)社区", kind: .community, parentCode: st, cli)
            _ = try await s.createUnit(code: "\(st)-G", name: "\(st)网格", kind: .grid, parentCode: "\(st)-C", cli)
        }
        let gridA = try await s.unit(code: "SA-G", cli), gridB = try await s.unit(code: "SB-G", cli)
        let hA = try await s.createHousehold(gridID: gridA.id, address: "甲街1号", cli)
        let hB = try await s.createHousehold(gridID: gridB.id, address: "乙街2号", cli)
        let rA = try await s.createResident(householdID: hA.id, ResidentInput(name: "郭秀英", gender: "female", birthDate: nil, idNumber: idA, phone: phoneA, tags: ["elderly_alone"]), cli)
        let rB = try await s.createResident(householdID: hB.id, ResidentInput(name: "马建国", gender: "male", birthDate: nil, idNumber: idB, phone: "13912345678", tags: []), cli)
        let hash = try await app.password.async.hash(password)
        let accounts: [(String, Role, String, Int64?)] = [
            ("admin", .admin, "B", nil), ("leaderA", .stationLeader, "SA", nil), ("officerA", .officer, "SA-G", nil),
            ("auxA", .auxiliary, "SA-G", nil), ("officerB", .officer, "SB-G", nil), ("residentA", .resident, "SA-G", hA.id),
        ]
        for (u, role, unit, hid) in accounts {
            _ = try await s.createAccount(NewAccount(username: u, displayName: u, role: role, unitCode: unit, householdID: hid), passwordHash: hash, cli)
        }
        return Fixture(gridA: gridA, gridB: gridB, householdA: hA, householdB: hB, residentA: rA, residentB: rB)
    }
}

extension Application {
    /// Signs in through the API and returns the bearer header.
    func bearer(_ username: String, password: String = Fixture.password) async throws -> HTTPHeaders {
        var token = ""
        try await testing().test(.POST, "/api/v1/auth/login", beforeRequest: { req in
            try req.content.encode(["username": username, "password": password], as: .json)
        }, afterResponse: { res async throws in
            #expect(res.status == .ok, "sign-in of \(username)")
            token = try res.content.get(String.self, at: "token")
        })
        var h = HTTPHeaders()
        h.bearerAuthorization = BearerAuthorization(token: token)
        return h
    }

    func get(_ path: String, _ headers: HTTPHeaders) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(.GET, path, headers: headers)
    }
}

/// A browser-like session for the web pages: cookies kept, CSRF token read from the last form.
final class WebSession: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf = ""
    init(_ app: Application) { self.app = app }

    var headers: HTTPHeaders {
        var h = HTTPHeaders()
        if !cookies.isEmpty { h.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        return h
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let res = try await app.testing().sendRequest(.GET, path, headers: headers)
        absorb(res)
        return res
    }

    @discardableResult
    func post(_ path: String, _ form: [String: String], includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if includeCSRF { fields["_csrf"] = csrf }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var h = headers
        h.contentType = .urlEncodedForm
        let res = try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body))
        absorb(res)
        return res
    }

    /// A form with repeated names (a multiple choice): the pairs are sent in order.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        let body = ([("_csrf", csrf)] + pairs).map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var h = headers
        h.contentType = .urlEncodedForm
        let res = try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body))
        absorb(res)
        return res
    }

    /// A browser session already signed in as `username`.
    static func signedIn(_ app: Application, _ username: String) async throws -> WebSession {
        let web = WebSession(app)
        _ = try await web.signIn(username)
        return web
    }

    func signIn(_ username: String, password: String = Fixture.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", ["username": username, "password": password])
    }

    private func absorb(_ res: TestingHTTPResponse) {
        for value in res.headers[.setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
        }
        let html = res.body.string
        if let r = html.range(of: "name=\"_csrf\" value=\"") {
            csrf = String(html[r.upperBound...].prefix { $0 != "\"" })
        }
    }
}

/// Rows in a table now: a refused input must leave it as it was.
func count(_ app: Application, _ table: String) async throws -> Int {
    try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()!.decode(column: "n", as: Int.self)
}

/// A dashboard tile's markup (its number and link), found by its figure.
func tile(_ page: String, _ figure: Figure) -> String {
    page.range(of: "id=\"fig-\(figure.rawValue)\"").map { String(page[$0.upperBound...].prefix(300)) } ?? ""
}

/// Waits for one wake-up of a live page's `changes`, or gives up after `seconds`. Giving up
/// cancels the iteration, which ends the stream: each check subscribes afresh.
func wakes(_ changes: AsyncStream<Void>, within seconds: Double = 5) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask { for await _ in changes { return true }; return false }
        group.addTask { try? await Task.sleep(for: .seconds(seconds)); return false }
        let first = await group.next()!
        group.cancelAll()
        return first
    }
}
