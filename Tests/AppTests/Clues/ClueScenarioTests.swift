import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Clues from a visit and from an informant, followed to a case solved; the informant's name
/// stays with the leaders and the receiving officer.
@Suite(.serialized) struct ClueScenarioTests {
    let cli = Caller.commandLine(user: "t")

    func caller(_ app: Application, _ username: String) async throws -> Caller {
        try await app.store.credentials(username: username)!.account.caller(clientAddress: "t")
    }

    @Test func aFindingAndAnInformantBecomeCluesFollowedToACaseSolved() async throws {
        try await withJingmin { app, f in
            let officerCaller = try await caller(app, "officerA")
            let (visit, _) = try await app.store.recordVisit(VisitInput(clientID: "clue-visit-0001", householdID: f.householdA.id, visitedAt: TestClock.reference.addingTimeInterval(-600),
                                                                        method: "in_person", categories: ["routine"],
                                                                        findings: [FindingInput(kind: "clue", description: "村口废品站夜间收购电瓶，来路不明")]), officerCaller)
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/visits/\(visit.id)").body.string.contains("/clues/new?finding=\(visit.findings[0].id)"))
            #expect(try await officer.get("/clues/new?finding=\(visit.findings[0].id)").body.string.contains("来路不明"))
            let created = try await officer.post("/clues/new", ["summary": "村口废品站夜间收购电瓶，来路不明", "gridID": String(f.gridA.id), "source": "visit",
                                                                "findingID": String(visit.findings[0].id)])
            #expect(created.status == .seeOther)
            let fromVisit = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))

            // An informant's clue: the resident must be a registered 信息员.
            await #expect(throws: ValidationFailure(field: "informantID", .unknownResident)) {
                _ = try await app.store.createClue(ClueInput(gridID: f.gridA.id, source: "informant", summary: "有人在出租屋聚赌", informantID: f.residentA.id), officerCaller)
            }
            _ = try await app.store.updateResident(id: f.residentA.id, ResidentInput(name: "郭秀英", gender: "female", birthDate: nil, idNumber: Fixture.idA,
                                                                                    phone: Fixture.phoneA, tags: ["elderly_alone", "informant"]), cli)
            let tip = try await app.store.createClue(ClueInput(gridID: f.gridA.id, source: "informant", summary: "有人在出租屋聚赌", informantID: f.residentA.id), officerCaller)
            #expect(tip.informantName == "郭秀英")
            // The leader sees who; the auxiliary of the same grid does not — not in the page, the API or the export.
            #expect(try await app.store.clue(id: tip.id, try await caller(app, "leaderA")).informantName == "郭秀英")
            let aux = try await caller(app, "auxA")
            let hidden = try await app.store.clue(id: tip.id, aux)
            #expect(hidden.informantName == nil && hidden.informantID == nil && hidden.informantWithheld)
            let auxWeb = try await WebSession.signedIn(app, "auxA")
            let auxPage = try await auxWeb.get("/clues/\(tip.id)").body.string
            #expect(auxPage.contains("信息员（保密）") && !auxPage.contains("郭秀英"))
            #expect(!(try await auxWeb.get("/clues/export?format=csv&show=all").body.string.contains("郭秀英")))
            #expect(!(try await app.get("/api/v1/clues?show=all", try await app.bearer("auxA")).body.string.contains("郭秀英")))

            // Verified, then solved with the case number; the figures count it once each.
            try await officer.get("/clues/\(tip.id)")
            #expect(try await officer.post("/clues/\(tip.id)/outcome", ["outcome": "verified"]).status == .seeOther)
            let missing = try await officer.post("/clues/\(tip.id)/outcome", ["outcome": "solved", "caseNumber": ""])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("案件编号："))
            #expect(try await officer.post("/clues/\(tip.id)/outcome", ["outcome": "solved", "caseNumber": "A2026-118"]).status == .seeOther)
            _ = try await app.store.setClueOutcome(id: fromVisit, outcome: "no_value", caseNumber: nil, officerCaller)
            let station = try await app.store.unit(code: "SA", cli)
            let counts = try await app.store.figureCounts(FigureScope(unit: station, period: .month(of: TestClock.reference)), try await caller(app, "leaderA"))
            #expect(counts.cluesReceived == 2 && counts.cluesVerified == 1 && counts.casesSolvedFromClues == 1)
            let solved = try await app.store.clues(ClueFilter(show: .solved, unitID: station.id, period: .month(of: TestClock.reference)), try await caller(app, "leaderA"))
            #expect(solved.map(\.id) == [tip.id] && solved[0].caseNumber == "A2026-118")
            // Another station sees none of it.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/clues/\(tip.id)", other).status == .notFound)
            #expect(try await app.get("/api/v1/clues?show=all", other).body.string == "[]")
        }
    }
}
