import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Visits posted at the same moment are written in shared transactions; each must still come
/// back as its own record, stored once, with its own findings and audit line.
@Suite struct GroupCommitTests {
    @Test func concurrentVisitsAreEachStoredOnceWithTheirOwnFindings() async throws {
        try await withJingmin { app, f in
            let token = try await app.bearer("officerA")
            var json = token
            json.contentType = .json
            let headers = json, household = f.householdA.id
            let at = ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60))
            // 40 different visits, plus one visit sent 5 times at once (a phone retrying).
            let ids = (0..<40).map { String(format: "group-visit-%04d", $0) } + Array(repeating: "group-visit-retry", count: 5)
            let answers = try await withThrowingTaskGroup(of: (String, HTTPStatus, VisitView).self) { group in
                for cid in ids {
                    group.addTask {
                        let body = """
                        {"clientID":"\(cid)","householdID":\(household),"visitedAt":"\(at)","method":"phone","categories":["routine"],
                         "findings":[{"kind":"need","description":"\(cid) 需求"},{"kind":"hazard","description":"\(cid) 隐患"}]}
                        """
                        let res = try await app.testing().sendRequest(.POST, "/api/v1/visits", headers: headers, body: ByteBuffer(string: body))
                        return (cid, res.status, try res.content.decode(VisitView.self))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (cid, status, visit) in answers {
                #expect(visit.clientID == cid)
                #expect(visit.findings.map(\.description) == ["\(cid) 需求", "\(cid) 隐患"], "findings belong to their own visit")
                #expect(status == .created || (cid == "group-visit-retry" && status == .ok))
            }
            #expect(answers.filter { $0.0 == "group-visit-retry" && $0.1 == .created }.count == 1, "the retried visit is created once")
            #expect(Set(answers.filter { $0.0 == "group-visit-retry" }.map(\.2.id)).count == 1)
            let sql = app.db as! any SQLDatabase
            let visits = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits").first()!.decode(column: "n", as: Int.self)
            let findings = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visit_findings").first()!.decode(column: "n", as: Int.self)
            #expect(visits == 41 && findings == 82)
            #expect(try await app.store.auditEntries(.init(action: "visit.create", limit: 100), .commandLine(user: "t")).count == 41)
            let (checked, problem) = try await app.store.verifyAudit()
            #expect(problem == nil && checked > 41)
        }
    }
}
