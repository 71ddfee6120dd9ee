import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct APITests {
    @Test func malformedJSONAnswers400ProblemJSON() async throws {
        try await withJingmin { app, _ in
            var h = try await app.bearer("officerA")
            h.contentType = .json
            let res = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: h, body: ByteBuffer(string: "{\"name\": "))
            #expect(res.status == .badRequest)
            #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let login = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: "not json"))
            #expect(login.status == .badRequest)
            #expect(!login.body.string.contains("Swift"))
        }
    }

    @Test func aMissingFieldIsNamedInChinese() async throws {
        try await withJingmin { app, f in
            let h = try await app.bearer("officerA")
            let res = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: h, beforeRequest: { req in
                try req.content.encode(["householdID": .int(f.householdA.id), "gender": "male", "idNumber": "110105195001010039"] as [String: AnyEncodableValue], as: .json)
            })
            #expect(res.status == .badRequest)
            let body = res.body.string
            #expect(body.contains("\"field\":\"name\"") && body.contains("必填"))
        }
    }

    @Test func invalidFieldsAnswer422WithEachFieldAndNothingIsStored() async throws {
        try await withJingmin { app, f in
            let h = try await app.bearer("officerA")
            let res = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: h, beforeRequest: { req in
                try req.content.encode(["householdID": .int(f.householdA.id), "name": "张三", "gender": "male", "idNumber": "110105194912310021", "phone": "12345"] as [String: AnyEncodableValue], as: .json)
            })
            #expect(res.status == .unprocessableEntity)
            let problem = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]
            let fields = (problem?["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["idNumber", "phone"])
            #expect(try await app.store.counts(Caller.commandLine(user: "t")).residents == 2)
        }
    }

    @Test func everyAPIRouteIsInTheServedSpecAndEveryOperationIsRouted() async throws {
        try await withJingmin { app, _ in
            let spec = try await app.testing().sendRequest(.GET, "/openapi.yaml").body.string
            let specOps = Self.operations(inYAML: spec)
            let routed = Set(app.routes.all.filter { $0.path.first?.description == "api" }.map { r in
                "\(r.method.rawValue) /" + r.path.map { $0.description.hasPrefix(":") ? "{\($0.description.dropFirst())}" : $0.description }.joined(separator: "/")
            })
            #expect(!routed.isEmpty)
            #expect(routed == specOps, "routed but undocumented: \(routed.subtracting(specOps)); documented but not routed: \(specOps.subtracting(routed))")
        }
    }

    /// Reads "METHOD /path" pairs from the YAML layout used in openapi.yaml (paths at two
    /// spaces, methods at four).
    static func operations(inYAML yaml: String) -> Set<String> {
        var ops = Set<String>(), current: String?
        let methods = ["get", "post", "put", "patch", "delete"]
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /") { current = String(line.dropFirst(2).dropLast()) }
            else if !line.hasPrefix("  ") { if !line.isEmpty { current = line.hasPrefix("paths:") ? nil : (line.hasPrefix("components") ? "__end" : current) } }
            else if let path = current, path != "__end", line.hasPrefix("    "), !line.hasPrefix("     ") {
                let word = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(word)) { ops.insert("\(word.uppercased()) \(path)") }
            }
        }
        return ops
    }

    @Test func probesAnswer() async throws {
        try await withJingmin { app, _ in
            for path in ["/healthz", "/readyz", "/metrics"] {
                let res = try await app.testing().sendRequest(.GET, path)
                #expect(res.status == .ok, "\(path)")
            }
        }
    }
}

@Suite(.serialized) struct APIMethodTests {
    @Test func aWrongMethodOnAnAPIPathAnswers405WithAllow() async throws {
        try await withJingmin { app, f in
            let h = try await app.bearer("officerA")
            let res = try await app.testing().sendRequest(.DELETE, "/api/v1/residents/\(f.residentA.id)", headers: h)
            #expect(res.status == .methodNotAllowed)
            #expect(res.headers.first(name: .allow) == "GET, PUT")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/nothing-here", headers: h).status == .notFound)
        }
    }

    @Test func aQueryNumberOutOfRangeAnswers400() async throws {
        try await withJingmin { app, _ in
            let h = try await app.bearer("officerA")
            #expect(try await app.get("/api/v1/households?offset=-1", h).status == .badRequest)
            #expect(try await app.get("/api/v1/places?gridID=9223372036854775808", h).status == .badRequest)
        }
    }
}

@Suite struct ErrorDisclosureTests {
    struct LeakyError: Error, CustomStringConvertible {
        var description: String { "SQLiteError: no such column: id_number_cipher in SELECT * FROM residents at Store+Residents.swift:42" }
    }

    /// An unexpected failure answers 500 with a plain message in the user's language; the error
    /// itself (SQL, file names, types) goes to the log only.
    @Test func anUnexpectedErrorShowsNoSQLNorInternals() async throws {
        try await withJingmin { app, _ in
            app.get("test-failure") { _ -> String in throw LeakyError() }
            app.get("api", "v1", "test-failure") { _ -> String in throw LeakyError() }
            for path in ["/test-failure", "/api/v1/test-failure"] {
                let res = try await app.testing().sendRequest(.GET, path)
                #expect(res.status == .internalServerError)
                let body = res.body.string
                for secret in ["SELECT", "SQLite", "id_number_cipher", ".swift", "LeakyError"] {
                    #expect(!body.contains(secret), "\(path) shows \(secret)")
                }
                #expect(body.contains("服务器") || body.contains("系统"), "a plain Chinese message: \(body)")
            }
        }
    }
}
