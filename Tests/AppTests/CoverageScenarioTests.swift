import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct CoverageScenarioTests {
    let cli = Caller.commandLine(user: "t")

    func visit(_ app: Application, _ id: String, household: Int64, at: Date, by caller: Caller) async throws {
        _ = try await app.store.recordVisit(VisitInput(clientID: id, householdID: household, visitedAt: at, method: "in_person", categories: ["routine"]), caller)
    }

    @Test func loggingAVisitMovesTheGridsCoverageAndClosesItsGap() async throws {
        try await withJingmin { app, f in
            let officer = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            let second = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街3号", cli)
            let month = Period.month(of: Date())
            var grids = try await app.store.coverage(officer, period: month)
            #expect(grids.map(\.gridID) == [f.gridA.id])                      // station B's grid is not there
            #expect(grids[0].coverage == Coverage(households: 2, visited: 0))

            try await visit(app, "cov-visit-1", household: f.householdA.id, at: Date(), by: officer)
            try await visit(app, "cov-visit-2", household: f.householdA.id, at: Date(), by: officer)   // twice: still one household
            try await visit(app, "cov-visit-3", household: second.id, at: month.start.addingTimeInterval(-60), by: officer)   // before the period
            grids = try await app.store.coverage(officer, period: month)
            #expect(grids[0].coverage == Coverage(households: 2, visited: 1))
            #expect(try await app.store.unvisitedHouseholds(gridID: f.gridA.id, period: month, officer).map(\.id) == [second.id])

            let web = try await WebSession.signedIn(app, "officerA")
            let page = try await web.get("/coverage")
            #expect(page.body.string.contains("<span class=\"n\" id=\"coverage-total\">50.0%</span>"))
            #expect(page.body.string.contains("<svg class=\"map\""))
            #expect(!page.body.string.contains("SB网格"))
            // Station, then community, then grid lines, each with the same 1 of 2.
            let html = String(page.body.string.split(separator: "<table", maxSplits: 1).last ?? "")
            let order = ["SA派出所", "SA社区", "SA网格"].compactMap { html.range(of: "\($0)</")?.lowerBound }
            #expect(order.count == 3 && order == order.sorted())
            #expect(html.components(separatedBy: "<td>2</td><td>1</td><td>50.0%</td>").count - 1 == 3)
            #expect(try await web.get("/coverage?from=2027-02-30&to=2027-03-01").status == .unprocessableEntity)
            #expect(try await web.get("/units/\(f.gridB.id)/unvisited").status == .notFound)
        }
    }

    @Test func theCareListShowsWhoIsDueFirstAndOnlyInScope() async throws {
        try await withJingmin { app, f in
            let officer = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            // Resident A is elderly living alone (fixture); a veteran is added next door.
            let h = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街5号", cli)
            _ = try await app.store.createResident(householdID: h.id, ResidentInput(name: "马老兵", gender: "male", birthDate: nil,
                                                   idNumber: "110105195001010039", phone: nil, tags: ["veteran"]), cli)
            var list = try await app.store.careSubjects(officer)
            #expect(list.map(\.name) == ["郭秀英", "马老兵"])                       // 30 days before 90
            try await visit(app, "care-visit-1", household: f.householdA.id, at: Date(), by: officer)
            list = try await app.store.careSubjects(officer)
            #expect(list.first { $0.name == "郭秀英" }?.lastVisit != nil)
            let officerB = try await app.store.credentials(username: "officerB")!.account.caller(clientAddress: "t")
            #expect(try await app.store.careSubjects(officerB).isEmpty)
        }
    }
}
