import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Hostile strings through every write route, as JSON and as forms, on whichever database the
/// run uses: never a 5xx, a refused request changes no table, and no control character is
/// ever stored.
@Suite(.serialized) struct HostileInputTests {
    /// Each entry: the value as JSON text (so a lone surrogate can be written as its escape) and
    /// as a percent-encoded form value.
    static let corpus: [(name: String, json: String, form: String)] = {
        func plain(_ name: String, _ s: String) -> (String, String, String) {
            let json = String(data: try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed]), encoding: .utf8)!
            return (name, String(json.dropFirst().dropLast()), s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        }
        return [
            plain("NUL", "甲街\u{0}1号"), plain("C0 controls", "\u{1}\u{7}\u{8}\u{1B}[31m红\u{1F}"),
            ("lone surrogate", #""甲\ud800乙\udfff""#, "%E7%94%B2%ED%A0%80"),
            plain("10 k characters", String(repeating: "警", count: 10_000)),
            plain("RTL override", "\u{202E}号1街甲"), plain("zero-width joiner", "甲\u{200D}街\u{200B}1号"),
            plain("SQL", "'; DROP TABLE households; --"), plain("script", "<script>alert(1)</script>"),
            plain("template", "{{7*7}}"), plain("formula", "=cmd|' /C calc'!A0"),
        ]
    }()

    /// The free-text fields of every body; ids and choices valid, so the text is what is judged.
    static func jsonBody(_ f: Fixture, _ text: String, assignee: Int64) -> String {
        """
        {"gridID":\(f.gridA.id),"householdID":\(f.householdA.id),"unitID":\(f.gridA.id),"assigneeID":\(assignee),"residentIDs":[],
         "address":\(text),"name":\(text),"description":\(text),"comment":\(text),"outcome":\(text),"note":\(text),"notes":\(text),
         "companions":\(text),"contactName":\(text),"place":\(text),"minutes":\(text),"username":\(text),"password":\(text),
         "gender":"male","idNumber":"110105195505050031","phone":"13800000001","tags":[],"kind":"request","categoryCode":"traffic",
         "method":"phone","satisfaction":"satisfied","dueWithinDays":5,"active":true,"deadlineDays":5,"clientID":"hostile-0001",
         "visitedAt":"\(ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60)))","categories":["routine"],
         "at":"\(ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60)))","topic":"household_move","mode":"foot",
         "startedAt":"\(ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60)))",
         "endedAt":"\(ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60)))","startClientID":"hostile-0001"}
        """
    }

    static let textFields = ["address", "name", "description", "comment", "outcome", "note", "notes", "companions", "contactName",
                             "place", "minutes", "username", "password", "displayName", "q"]

    /// Row counts of every table in one query. Sign-in bookkeeping (sessions, tokens, failure
    /// counters) is left out: a refused sign-in rightly counts a failure.
    func counts(_ app: Application) async throws -> [String: Int] {
        let sql = app.db as! any SQLDatabase
        let tables = try await (isSQLiteRun
            ? sql.raw("SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
            : sql.raw("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'").all())
            .map { try $0.decode(column: "t", as: String.self) }
            .filter { !["sessions", "api_tokens", "login_failures", "_fluent_sessions"].contains($0) }
        let query = "SELECT " + tables.map { "(SELECT COUNT(*) FROM \"\($0)\") AS \"\($0)\"" }.joined(separator: ", ")
        let row = try await sql.raw("\(unsafeRaw: query)").first()!
        return try Dictionary(uniqueKeysWithValues: tables.map { ($0, try row.decode(column: $0, as: Int.self)) })
    }

    @Test func hostileStringsOnEveryWriteRouteGiveNo5xxAndNoPartialWrite() async throws {
        try await withJingmin { app, f in
            let assignee = try await app.store.credentials(username: "officerA")!.account.id
            let routes = app.routes.all.filter { $0.method != .GET && !$0.path.contains { ["logout", "events"].contains($0.description) } }
            #expect(routes.count > 40, "the router lists its write routes (\(routes.count))")
            var failures: [String] = [], sent = 0
            // Signed in before any hostile sign-in attempt locks the test's address out.
            var callers: [(String, HTTPHeaders, WebSession)] = []
            for username in ["leaderA", "admin"] { callers.append((username, try await app.bearer(username), try await WebSession.signedIn(app, username))) }
            for (username, token, web) in callers {
                for route in routes {
                    let path = "/" + route.path.map { part in
                        switch part.description {
                        case ":id": "1"
                        case ":step": "resolve"
                        case ":code": "traffic"
                        default: part.description
                        }
                    }.joined(separator: "/")
                    let isAPI = route.path.first?.description == "api"
                    for value in Self.corpus {
                        let before = try await counts(app)
                        let res: TestingHTTPResponse
                        if isAPI {
                            var headers = token
                            headers.contentType = .json
                            res = try await app.testing().sendRequest(route.method, path, headers: headers,
                                                                      body: ByteBuffer(string: Self.jsonBody(f, value.json, assignee: assignee)))
                        } else {
                            _ = try await web.get("/")   // a fresh form token
                            var headers = web.headers
                            headers.contentType = .urlEncodedForm
                            let form = (Self.textFields.map { "\($0)=\(value.form)" } + ["_csrf=\(web.csrf)", "gridID=\(f.gridA.id)", "kind=request",
                                                                                          "categoryCode=traffic", "method=phone"]).joined(separator: "&")
                            res = try await app.testing().sendRequest(route.method, path, headers: headers, body: ByteBuffer(string: form))
                        }
                        sent += 1
                        let where_ = "\(username) \(route.method.rawValue) \(path) with \(value.name)"
                        if res.status.code >= 500 { failures.append("\(where_) → \(res.status.code)") }
                        // A refused sign-in is audited; nothing else may be written when refused.
                        var after = try await counts(app)
                        if route.path.contains(where: { ["login", "signup"].contains($0.description) }) { after["audit_log"] = before["audit_log"] }
                        if res.status.code >= 400, after != before { failures.append("\(where_) → \(res.status.code) but wrote") }
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.prefix(20))")
            let stored = try await storedControlCharacters(app)
            #expect(stored.isEmpty, "\(stored)")
            print("hostile input: \(routes.count) write routes × 2 roles × \(Self.corpus.count) strings = \(sent) requests")
        }
    }

    /// Every text column of every row, looked at for a control character that got in.
    func storedControlCharacters(_ app: Application) async throws -> [String] {
        let sql = app.db as! any SQLDatabase
        var found: [String] = []
        if isSQLiteRun {
            // SQLite types each value, so only text decodes as text.
            for table in try await counts(app).keys.sorted() {
                for row in try await sql.select().column("*").from(table).all() {
                    for column in row.allColumns {
                        if let s = try? row.decode(column: column, as: String.self), !InputText.isAcceptable(s) { found.append("\(table).\(column)") }
                    }
                }
            }
        } else {
            // PostgreSQL hands any column's bytes to a String: ask for the text columns by name.
            let columns = try await sql.raw("""
                SELECT table_name AS t, column_name AS c FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')
                """).all().map { (try $0.decode(column: "t", as: String.self), try $0.decode(column: "c", as: String.self)) }
            for (table, column) in columns {
                for row in try await sql.select().column(SQLColumn(column)).from(table).all() {
                    if let s = try row.decode(column: column, as: String?.self), !InputText.isAcceptable(s) { found.append("\(table).\(column)") }
                }
            }
        }
        return found
    }

    /// The four places a control character was first seen to break PostgreSQL: a household's
    /// address, a request's description, a search, the sign-in form — each now a field error in Chinese.
    @Test func aNulIsAFieldErrorInChineseWhereverItIsTyped() async throws {
        try await withJingmin { app, f in
            let leader = try await app.bearer("leaderA")
            var json = leader
            json.contentType = .json
            let household = try await app.testing().sendRequest(.POST, "/api/v1/households", headers: json,
                                                                body: ByteBuffer(string: #"{"gridID":\#(f.gridA.id),"address":"甲街\u0000号"}"#))
            #expect(household.status == .badRequest && household.body.string.contains(#""field":"address""#) && household.body.string.contains("控制字符"))
            let request = try await app.testing().sendRequest(.POST, "/api/v1/requests", headers: json,
                                                              body: ByteBuffer(string: #"{"categoryCode":"traffic","description":"路灯\u0000坏了","gridID":\#(f.gridA.id)}"#))
            #expect(request.status == .badRequest && request.body.string.contains(#""field":"description""#))
            let search = try await app.testing().sendRequest(.GET, "/api/v1/residents?q=%E9%83%AD%00", headers: leader)
            #expect(search.status == .badRequest && search.body.string.contains(#""field":"q""#))

            let web = WebSession(app)
            try await web.get("/login")
            let login = try await web.post("/login", ["username": "leaderA\u{0}", "password": Fixture.password])
            #expect(login.status == .badRequest && login.body.string.contains("控制字符"), "\(login.body.string)")
            let page = try await WebSession.signedIn(app, "leaderA").get("/search?q=%00")
            #expect(page.status == .badRequest && page.body.string.contains("控制字符"))
            let stored = try await storedControlCharacters(app)
            #expect(stored.isEmpty, "\(stored)")
        }
    }

    @Test func aRegisterFileWithAControlCharacterNamesItsRowAndColumn() {
        let csv = "grid_code,address,name,gender,birth_date,id_number,phone,tags\nG1,甲街1号,郭\u{0}秀英,female,,11010519491231002X,,\n"
        guard case .failure(let f) = RegisterImport.plan(csv: csv, gridCodes: ["G1"], existingIDNumbers: []) else {
            Issue.record("a NUL in a name was imported"); return
        }
        #expect(f.errors.contains(FieldError(field: "name", problem: .controlCharacter, row: 2)))
    }
}
