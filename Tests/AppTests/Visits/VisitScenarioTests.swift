import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct VisitScenarioTests {
    let cli = Caller.commandLine(user: "t")

    /// officerA answers for grid A (一村一警).
    func assignOfficerA(_ app: Application, _ f: Fixture) async throws -> Account {
        let officer = try await app.store.credentials(username: "officerA")!.account
        try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officer.id, cli)
        return officer
    }

    func residentBody(_ f: Fixture, tags: [String]) -> [String: AnyEncodableTags] {
        ["name": .s("郭秀英"), "gender": .s("female"), "idNumber": .s(Fixture.idA), "phone": .s(Fixture.phoneA), "tags": .list(tags)]
    }

    func visitJSON(_ clientID: String, household: Int64, residents: [Int64], at: Date = TestClock.reference, categories: [String] = ["must_visit", "care"],
                   officers: [Int64] = []) -> String {
        let iso = ISO8601DateFormatter().string(from: at)
        return """
        {"clientID":"\(clientID)","householdID":\(household),"residentIDs":\(residents),"officerIDs":\(officers),"visitedAt":"\(iso)",
         "method":"in_person","categories":[\(categories.map { "\"\($0)\"" }.joined(separator: ","))],"notes":"入户走访",
         "findings":[{"kind":"need","description":"老人腿脚不便，想办身份证"},{"kind":"dispute","description":"与邻居因漏水起纠纷"}]}
        """
    }

    func post(_ app: Application, _ h: HTTPHeaders, _ json: String) async throws -> TestingHTTPResponse {
        var headers = h
        headers.contentType = .json
        return try await app.testing().sendRequest(.POST, "/api/v1/visits", headers: headers, body: ByteBuffer(string: json))
    }

    @Test func taggingADisputePartyPutsAMustVisitTaskOnTheGridOfficersListAndTheVisitCompletesIt() async throws {
        try await withJingmin { app, f in
            let officer = try await assignOfficerA(app, f)
            let leader = try await app.bearer("leaderA")
            // The station leader tags the resident as a dispute party.
            let put = try await app.testing().sendRequest(.PUT, "/api/v1/residents/\(f.residentA.id)", headers: leader, beforeRequest: { req in
                try req.content.encode(residentBody(f, tags: ["elderly_alone", "dispute_party"]), as: .json)
            })
            #expect(put.status == .ok)
            let token = try await app.bearer("officerA")
            let tasks = try await app.get("/api/v1/tasks", token).content.decode([TaskView].self)
            #expect(tasks.count == 1)
            let task = try #require(tasks.first).task
            #expect(task.ruleCode == "dispute_party" && task.assigneeID == officer.id && task.residentID == f.residentA.id)
            let days = task.dueAt.timeIntervalSince(TestClock.reference) / 86400
            #expect(days > 2 && days <= 4, "due in the rule's 3 days, at the end of the day (\(days))")
            #expect(try await app.get("/api/v1/tasks", try await app.bearer("officerB")).content.decode([TaskView].self).isEmpty)

            // Saving the resident again changes nothing about the work.
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/residents/\(f.residentA.id)", headers: leader, beforeRequest: { req in
                try req.content.encode(residentBody(f, tags: ["dispute_party"]), as: .json)
            })
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/residents/\(f.residentA.id)", headers: leader, beforeRequest: { req in
                try req.content.encode(residentBody(f, tags: ["dispute_party", "veteran"]), as: .json)
            })
            #expect(try await app.get("/api/v1/tasks", token).content.decode([TaskView].self).count == 1)

            // The visit completes it; its findings are records of their own.
            let res = try await post(app, token, visitJSON("visit-aaaa-0001", household: f.householdA.id, residents: [f.residentA.id]))
            #expect(res.status == .created)
            let visit = try res.content.decode(VisitView.self)
            #expect(visit.completedTaskIDs == [task.id])
            #expect(visit.findings.map(\.kind) == [.need, .dispute])
            let findingRows = try await (app.db as! any SQLDatabase).select().column("visit_id").from("visit_findings").all()
            #expect(try findingRows.map { try $0.decode(column: "visit_id", as: Int64.self) } == [visit.id, visit.id])
            #expect(try await app.get("/api/v1/tasks", token).content.decode([TaskView].self).isEmpty)
        }
    }

    @Test func openTasksFollowTheGridsNewOfficer() async throws {
        try await withJingmin { app, f in
            // No officer named yet: the task waits without an owner…
            _ = try await app.store.updateResident(id: f.residentA.id, ResidentInput(name: "郭秀英", gender: "female", birthDate: nil, idNumber: Fixture.idA,
                                                                                    phone: nil, tags: ["case_party"]), cli)
            let token = try await app.bearer("officerA")
            #expect(try await app.get("/api/v1/tasks", token).content.decode([TaskView].self).isEmpty)
            let leader = try await app.get("/api/v1/tasks", try await app.bearer("leaderA")).content.decode([TaskView].self)
            #expect(leader.count == 1 && leader[0].task.assigneeID == nil)
            // …and lands on the officer's list once the station names one.
            _ = try await assignOfficerA(app, f)
            #expect(try await app.get("/api/v1/tasks", token).content.decode([TaskView].self).map(\.task.ruleCode) == ["case_party"])
        }
    }

    @Test func aGatheringPointGetsItsVisitAndTheNextOneThirtyDaysLater() async throws {
        try await withJingmin { app, f in
            _ = try await assignOfficerA(app, f)
            let officer = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            let place = try await app.store.savePlace(id: nil, gridID: f.gridA.id, name: "村口小广场", kind: "gathering_point", address: "甲村口", officer)
            var tasks = try await app.store.openTasks(officer)
            #expect(tasks.map(\.task.ruleCode) == ["gathering_point"] && tasks[0].subject == "村口小广场" && tasks[0].task.placeID == place.id)
            // Saving the place again does not add work.
            _ = try await app.store.savePlace(id: place.id, gridID: f.gridA.id, name: "村口小广场", kind: "gathering_point", address: "甲村口", officer)
            #expect(try await app.store.openTasks(officer).count == 1)

            let visitedAt = TestClock.reference.addingTimeInterval(-3600)
            let input = VisitInput(clientID: "place-visit-01", householdID: nil, placeID: place.id, visitedAt: visitedAt, method: "in_person", categories: ["must_visit"])
            let (visit, _) = try await app.store.recordVisit(input, officer)
            #expect(visit.completedTaskIDs == [tasks[0].task.id])
            _ = try await app.store.recordVisit(input, officer)     // sent again: nothing more
            tasks = try await app.store.openTasks(officer)
            #expect(tasks.count == 1 && tasks[0].task.id != visit.completedTaskIDs[0])
            let days = tasks[0].task.dueAt.timeIntervalSince(visitedAt) / 86400
            #expect(days > 29 && days < 32, "next visit due a month after this one (\(days))")
        }
    }

    @Test func aStationLeaderHandsATaskToAnotherOfficerOfThePlaceOnly() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            _ = try await assignOfficerA(app, f)
            _ = try await app.store.updateResident(id: f.residentA.id, ResidentInput(name: "郭秀英", gender: "female", birthDate: nil, idNumber: Fixture.idA,
                                                                                    phone: nil, tags: ["dispute_party"]), cli)
            let task = try await app.store.openTasks(cli)[0].task
            let aux = try await app.store.credentials(username: "auxA")!.account
            let officerB = try await app.store.credentials(username: "officerB")!.account

            let officerToken = try await app.bearer("officerA")
            var h = officerToken; h.contentType = .json
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/tasks/\(task.id)/assignee", headers: h, body: ByteBuffer(string: "{\"assigneeID\":\(aux.id)}")).status == .forbidden)

            clock.advance(8 * 86400)   // overdue for more than three days: flagged to the bureau
            let web = try await WebSession.signedIn(app, "leaderA")
            let page = try await web.get("/tasks")
            #expect(page.body.string.contains("已报分局") && page.body.string.contains("改派给"))
            let foreign = try await web.post("/tasks/\(task.id)/assignee", ["assigneeID": String(officerB.id)])
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("责任人：不在辖区内"))
            #expect(try await web.post("/tasks/\(task.id)/assignee", ["assigneeID": String(aux.id)]).status == .seeOther)
            let auxCaller = aux.caller(clientAddress: "t")
            #expect(try await app.store.openTasks(auxCaller).map(\.task.id) == [task.id])
            #expect(try await app.store.openTasks(try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")).isEmpty)
            let line = try await app.store.auditEntries(.init(action: "task.reassign"), .commandLine(user: "t")).first
            #expect(line?.actor == "leaderA" && line?.summary.contains("-> \(aux.id)") == true)
        }
    }

    @Test func theSameVisitPostedTwiceIsStoredOnce() async throws {
        try await withJingmin { app, f in
            let token = try await app.bearer("officerA")
            let first = try await post(app, token, visitJSON("visit-bbbb-0002", household: f.householdA.id, residents: []))
            let again = try await post(app, token, visitJSON("visit-bbbb-0002", household: f.householdA.id, residents: []))
            #expect(first.status == .created && again.status == .ok)
            #expect(try first.content.decode(VisitView.self).id == again.content.decode(VisitView.self).id)
            let count = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits").first()!.decode(column: "n", as: Int.self)
            #expect(count == 1)
            let findings = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visit_findings").first()!.decode(column: "n", as: Int.self)
            #expect(findings == 2)
        }
    }

    @Test func aMinimalVisitNeedsOnlyTheDocumentedRequiredFields() async throws {
        try await withJingmin { app, f in
            let token = try await app.bearer("officerA")
            let iso = ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60))
            let res = try await post(app, token, """
                {"clientID":"minimal-0001","householdID":\(f.householdA.id),"visitedAt":"\(iso)","method":"phone","categories":["routine"]}
                """)
            #expect(res.status == .created, "\(res.body.string)")
        }
    }

    @Test func nullIsAcceptedOnlyWhereTheSpecAllowsIt() async throws {
        try await withJingmin { app, f in
            let token = try await app.bearer("officerA")
            let iso = ISO8601DateFormatter().string(from: TestClock.reference.addingTimeInterval(-60))
            for (body, field) in [(#""method":null,"categories":["routine"]"#, "method"),
                                  (#""method":"phone","categories":["routine"],"findings":[{"kind":"need","description":null}]"#, "findings.0.description")] {
                let refused = try await post(app, token, #"{"clientID":"null-0001","householdID":\#(f.householdA.id),"visitedAt":"\#(iso)",\#(body)}"#)
                #expect(refused.status == .badRequest && refused.body.string.contains(#""field":"\#(field)""#), "\(refused.body.string)")
            }
            let accepted = try await post(app, token, """
                {"clientID":"null-0002","householdID":\(f.householdA.id),"placeID":null,"companions":null,"notes":null,"visitedAt":"\(iso)","method":"phone","categories":["routine"]}
                """)
            #expect(accepted.status == .created, "\(accepted.body.string)")
            let count = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits").first()!.decode(column: "n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test func badVisitsAreRefusedFieldByFieldAndNothingIsStored() async throws {
        try await withJingmin { app, f in
            let token = try await app.bearer("officerA")
            let officerB = try await app.store.credentials(username: "officerB")!.account
            let cases: [(String, String)] = [
                (visitJSON("visit-cccc-0001", household: f.householdB.id, residents: []), "householdID"),            // another station's household
                (visitJSON("visit-cccc-0002", household: 999_999, residents: []), "householdID"),                    // no such household
                (visitJSON("visit-cccc-0003", household: f.householdA.id, residents: [], at: TestClock.reference.addingTimeInterval(86400)), "visitedAt"),
                (visitJSON("visit-cccc-0004", household: f.householdA.id, residents: [], categories: ["sightseeing"]), "categories"),
                (visitJSON("visit-cccc-0005", household: f.householdA.id, residents: [], officers: [officerB.id]), "officerIDs"),
                (visitJSON("visit-cccc-0006", household: f.householdA.id, residents: [f.residentB.id]), "residentIDs"),
            ]
            for (json, field) in cases {
                let res = try await post(app, token, json)
                #expect(res.status == .unprocessableEntity, "\(field)")
                #expect(res.body.string.contains("\"field\":\"\(field)\""), "\(field): \(res.body.string)")
            }
            let count = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits").first()!.decode(column: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test func anOfficerLogsAVisitWithTwoFindingsThroughThePhoneForm() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "officerA")
            let form = try await web.get("/households/\(f.householdA.id)/visits/new")
            #expect(form.status == .ok && form.body.string.contains("登记走访"))
            let clientID = try #require(form.body.string.range(of: "name=\"clientID\" value=\"").map { String(form.body.string[$0.upperBound...].prefix { $0 != "\"" }) })
            let fields: [String: String] = [
                "clientID": clientID, "visitedAt": ChinaTime.formInput(TestClock.reference.addingTimeInterval(-600)), "method": "in_person",
                "categories[]": "care", "residentIDs[]": String(f.residentA.id), "companions": "村委会王主任",
                "findingKind[0]": "need", "findingText[0]": "需要上门办理身份证", "findingKind[1]": "hazard", "findingText[1]": "电动车楼道充电",
                "findingKind[2]": "clue", "findingText[2]": "",
            ]
            let saved = try await web.post("/households/\(f.householdA.id)/visits/new", fields)
            #expect(saved.status == .seeOther)
            let page = try await web.get(saved.headers.first(name: .location)!)
            #expect(page.body.string.contains("需要上门办理身份证") && page.body.string.contains("电动车楼道充电") && page.body.string.contains("发现的问题 (2)"))
            // A double tap sends the same form again: still one visit.
            try await web.get("/households/\(f.householdA.id)/visits/new")
            #expect(try await web.post("/households/\(f.householdA.id)/visits/new", fields).status == .seeOther)
            #expect(try await app.store.visits(householdID: f.householdA.id, cli).count == 1)
        }
    }
}

/// JSON values for a resident body in these tests.
enum AnyEncodableTags: Encodable {
    case s(String), list([String])
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self { case .s(let v): try c.encode(v); case .list(let v): try c.encode(v) }
    }
}
