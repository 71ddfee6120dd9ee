import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// What the phone's queue sends to: a visit stored once however often it is sent, refusals
/// with their reason in Chinese, and the conflict rules of work done meanwhile.
@Suite struct OfflineSyncTests {
    static func visit(_ clientID: String, household: Int64, at: Date = TestClock.reference.addingTimeInterval(-3600)) -> String {
        """
        {"clientID":"\(clientID)","householdID":\(household),"visitedAt":"\(ISO8601DateFormatter().string(from: at))","method":"in_person",
         "categories":["routine"],"notes":"院子里没有信号","findings":[{"kind":"need","description":"屋顶漏雨"}]}
        """
    }

    static func send(_ app: Application, _ session: WebSession, csrf: String?, _ json: String) async throws -> TestingHTTPResponse {
        var headers = session.headers
        headers.contentType = .json
        if let csrf { headers.add(name: "X-CSRF-Token", value: csrf) }
        return try await app.testing().sendRequest(.POST, "/field/visits", headers: headers, body: ByteBuffer(string: json))
    }

    func visits(_ app: Application, clientID: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits")
            .where("client_id", .equal, clientID).first()!.decode(column: "n", as: Int.self)
    }

    @Test func aQueuedVisitIsStoredOnceAndARefusalSaysWhyInChinese() async throws {
        try await withJingmin { app, f in
            let officer = try await WebSession.signedIn(app, "officerA")
            let session = try await officer.get("/field/session")
            let me = try session.content.decode(OfflineController.FieldSession.self)
            #expect(me.userID == (try await app.store.credentials(username: "officerA")?.account.id))

            // Sent, then sent again (the answer lost on the way): one visit.
            let first = try await Self.send(app, officer, csrf: me.csrf, Self.visit("field-0001", household: f.householdA.id))
            #expect(first.status == .created)
            let stored = try first.content.decode(OfflineController.Stored.self)
            let again = try await Self.send(app, officer, csrf: me.csrf, Self.visit("field-0001", household: f.householdA.id))
            let storedAgain = try again.content.decode(OfflineController.Stored.self)
            #expect(again.status == .ok && storedAgain == stored)
            #expect(try await visits(app, clientID: "field-0001") == 1 && stored.path == "/visits/\(stored.id)")

            // Without the session's token nothing is stored.
            #expect(try await Self.send(app, officer, csrf: nil, Self.visit("field-0002", household: f.householdA.id)).status == .forbidden)
            // A household that is gone, or another station's: refused, with the reason to show on the item.
            let gone = try await Self.send(app, officer, csrf: me.csrf, Self.visit("field-0003", household: 999_999))
            #expect(gone.status == .unprocessableEntity && gone.headers.contentType?.subType == "problem+json")
            #expect(gone.body.string.contains("户不存在或不在辖区内"), "the reason is in Chinese: \(gone.body.string)")
            let foreign = try await Self.send(app, officer, csrf: me.csrf, Self.visit("field-0004", household: f.householdB.id))
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("户不存在或不在辖区内"))
            #expect(try await visits(app, clientID: "field-0002") + (try await visits(app, clientID: "field-0003")) + (try await visits(app, clientID: "field-0004")) == 0)

            // A session that expired offline: the queue learns it, and keeps its items.
            let stranger = WebSession(app)
            #expect(try await stranger.get("/field/session").status != .ok)
        }
    }

    @Test func aVisitRecordedOfflineToATaskDoneMeanwhileIsKeptAndDoesNotReopenIt() async throws {
        try await withJingmin { app, f in
            let cli = Caller.commandLine(user: "t")
            let officerA = try #require(try await app.store.credentials(username: "officerA")?.account)
            try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officerA.id, cli)
            _ = try await app.store.updateResident(id: f.residentA.id, ResidentInput(name: "郭秀英", gender: "female", birthDate: nil, idNumber: Fixture.idA,
                                                                                    phone: Fixture.phoneA, tags: ["elderly_alone", "dispute_party"]), cli)
            let officerCaller = officerA.caller(clientAddress: "t")
            let task = try #require(try await app.store.openTasks(officerCaller).first { $0.task.householdID == f.householdA.id || $0.task.residentID == f.residentA.id })

            // A colleague visits first, online, and completes the task…
            let leader = try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            let (colleague, _) = try await app.store.recordVisit(VisitInput(clientID: "online-0001", householdID: f.householdA.id, residentIDs: [f.residentA.id],
                                                                           visitedAt: TestClock.reference.addingTimeInterval(-600), method: "in_person", categories: ["must_visit"]), leader)
            #expect(colleague.completedTaskIDs == [task.task.id])
            // …then the officer's visit from the village courtyard arrives: stored, the task stays done by the colleague's visit.
            let officer = try await WebSession.signedIn(app, "officerA")
            let me = try (try await officer.get("/field/session")).content.decode(OfflineController.FieldSession.self)
            #expect(try await Self.send(app, officer, csrf: me.csrf, Self.visit("field-0100", household: f.householdA.id)).status == .created)
            let done = try await (app.db as! any SQLDatabase).select().columns("status", "completed_visit_id").from("tasks").where("id", .equal, task.task.id).first()!
            #expect(try done.decode(column: "status", as: String.self) == "done" && done.decode(column: "completed_visit_id", as: Int64.self) == colleague.id)
        }
    }
}
