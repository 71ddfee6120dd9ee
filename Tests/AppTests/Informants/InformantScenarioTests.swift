import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

/// Seed 001's 信息员机制: the station leader names a resident an informant with an area and a
/// contact officer; the officer keeps in touch on a cadence, their clues are listed, thanks and
/// rewards are recorded — and no one else learns who they are.
@Suite(.serialized) struct InformantScenarioTests {
    static func caller(_ app: Application, _ u: String) async throws -> Caller { try await app.store.credentials(username: u)!.account.caller(clientAddress: "t") }

    @Test func anInformantIsKeptInTouchWithAndKnownOnlyToLeadersAndTheirOfficer() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let officerA = try await app.store.credentials(username: "officerA")!.account
            let leader = try await WebSession.signedIn(app, "leaderA")
            #expect(try await leader.get("/informants").body.string.contains("登记信息员"))
            // Refused: an officer of another station, an area outside the station.
            let officerB = try await app.store.credentials(username: "officerB")!.account
            let bad = try await leader.post("/informants", ["residentID": String(f.residentA.id), "areaUnitID": String(f.gridB.id), "contactOfficerID": String(officerB.id)])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("负责区域：") && bad.body.string.contains("联系民警："))
            #expect(try await count(app, "informants") == 0)
            let saved = try await leader.post("/informants", ["residentID": String(f.residentA.id), "areaUnitID": String(f.gridA.id), "contactOfficerID": String(officerA.id),
                                                               "cadenceDays": "30"])
            #expect(saved.status == .seeOther)
            #expect(try await app.store.resident(id: f.residentA.id, try await Self.caller(app, "leaderA")).tags.contains(.informant), "tagged 信息员")

            // The contact officer sees them, due 30 days after registration; an auxiliary and another station do not.
            let officer = try await WebSession.signedIn(app, "officerA")
            let list = try await officer.get("/informants").body.string
            #expect(list.contains("郭秀英") && list.contains("下次联系 2026-12-23"))
            let aux = try await WebSession.signedIn(app, "auxA")
            #expect(!(try await aux.get("/informants").body.string.contains("郭秀英")))
            #expect(try await aux.get("/informants/\(f.residentA.id)").status == .notFound)
            let residentPage = try await aux.get("/residents/\(f.residentA.id)").body.string
            #expect(residentPage.contains("<span class=\"tag\">独居老人") && !residentPage.contains("<span class=\"tag\">信息员"), "the register does not tell an auxiliary")
            #expect(try await app.get("/api/v1/informants/\(f.residentA.id)", try await app.bearer("officerB")).status == .notFound)
            #expect(try await app.get("/api/v1/informants", try await app.bearer("auxA")).body.string == "[]")
            // An auxiliary's edit of the resident keeps the tag they were not shown.
            _ = try await aux.get("/residents/\(f.residentA.id)/edit")
            #expect(try await aux.post("/residents/\(f.residentA.id)/edit", ["name": "郭秀英", "gender": "female", "tags[0]": "elderly_alone"]).status == .seeOther)
            #expect(try await app.store.resident(id: f.residentA.id, try await Self.caller(app, "leaderA")).tags == [.elderlyAlone, .informant])

            // A clue from them, a call ten days on, then a reward: the next contact moves, all of it listed.
            _ = try await app.store.createClue(ClueInput(gridID: f.gridA.id, source: "informant", summary: "废品站夜间收购来路不明的电缆", informantID: f.residentA.id),
                                               try await Self.caller(app, "officerA"))
            clock.advance(10 * 86400)
            _ = try await officer.signIn("officerA")
            _ = try await officer.get("/informants/\(f.residentA.id)")
            #expect(try await officer.post("/informants/\(f.residentA.id)/contacts", ["kind": "phone", "note": "了解废品站近况"]).status == .seeOther)
            let noAmount = try await officer.post("/informants/\(f.residentA.id)/recognitions", ["kind": "reward", "note": "提供线索破获盗窃电缆案"])
            #expect(noAmount.status == .unprocessableEntity && noAmount.body.string.contains("奖励金额（元）：必填"))
            _ = try await officer.get("/informants/\(f.residentA.id)")
            #expect(try await officer.post("/informants/\(f.residentA.id)/recognitions", ["kind": "reward", "note": "提供线索破获盗窃电缆案", "amount": "500"]).status == .seeOther)
            let page = try await officer.get("/informants/\(f.residentA.id)").body.string
            #expect(page.contains("下次联系 2027-01-02") && page.contains("废品站夜间收购") && page.contains("了解废品站近况") && page.contains("500.00"))
            #expect(try await app.store.auditEntries(.init(action: "informant.recognition"), .commandLine(user: "t")).count == 1)
            // On the dashboard: one informant, contacted this month.
            let counts = try await app.store.figureCounts(FigureScope(unit: try await app.store.unit(code: "SA", .commandLine(user: "t")), period: .month(of: clock.now)),
                                                          try await Self.caller(app, "leaderA"))
            #expect(counts.informants == 1 && counts.informantsContacted == 1)
        }
    }
}
