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
            let month = Period.month(of: TestClock.reference)
            var grids = try await app.store.coverage(officer, period: month)
            #expect(grids.map(\.gridID) == [f.gridA.id])                      // station B's grid is not there
            #expect(grids[0].coverage == Coverage(households: 2, visited: 0))

            try await visit(app, "cov-visit-1", household: f.householdA.id, at: TestClock.reference, by: officer)
            try await visit(app, "cov-visit-2", household: f.householdA.id, at: TestClock.reference, by: officer)   // twice: still one household
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

    /// A GeoJSON square around (lon, lat) for each grid code.
    func outlines(_ codes: [(String, Double)]) -> String {
        let features = codes.map { code, lon in
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(code)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\(lon),30.6],[\(lon + 0.01),30.6],[\(lon + 0.01),30.61],[\(lon),30.61],[\(lon),30.6]]]}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
    }

    @Test func importedGridOutlinesDrawTheCoverageMapAndABadFileStoresNothing() async throws {
        try await withJingmin { app, f in
            let admin = try await app.bearer("admin"), officer = try await app.bearer("officerA")
            func put(_ body: String, _ h: HTTPHeaders) async throws -> TestingHTTPResponse {
                var h = h; h.contentType = .json
                return try await app.testing().sendRequest(.PUT, "/api/v1/grid-outlines", headers: h, body: ByteBuffer(string: body))
            }
            // One unknown grid and one open ring: both named, in Chinese, and neither grid gets an outline.
            var bad = outlines([("SA-G", 104.0), ("NO-SUCH", 104.02)])
            bad = bad.replacingOccurrences(of: "[104.0,30.6]]]", with: "[104.0,30.605]]]")
            let refused = try await put(bad, admin)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("第 1 条网格轮廓 轮廓坐标") && refused.body.string.contains("第 2 条网格轮廓 编码"))
            let web = try await WebSession.signedIn(app, "leaderA")
            #expect(!(try await web.get("/coverage")).body.string.contains("<path"))
            #expect(try await put(outlines([("SA-G", 104.0)]), officer).status == .forbidden)

            let stored = try await put(outlines([("SA-G", 104.0), ("SB-G", 104.02)]), admin)
            #expect(stored.status == .ok && stored.body.string.contains("\"imported\":2"))
            let page = try await web.get("/coverage").body.string
            // The station leader's map: his grid's outline, linked to its gaps, and nothing of station B.
            #expect(page.contains("aria-label=\"各网格走访覆盖地图\""))
            #expect(page.components(separatedBy: "<path d=\"M").count - 1 == 1)
            #expect(page.contains("href=\"/units/\(f.gridA.id)/unvisited"))
            #expect(!page.contains("SB网格"))
            let audit = try await app.store.auditEntries(Store.AuditQuery(action: "grid.outlines"), cli)
            #expect(audit.count == 1)
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
            try await visit(app, "care-visit-1", household: f.householdA.id, at: TestClock.reference, by: officer)
            list = try await app.store.careSubjects(officer)
            #expect(list.first { $0.name == "郭秀英" }?.lastVisit != nil)
            let officerB = try await app.store.credentials(username: "officerB")!.account.caller(clientAddress: "t")
            #expect(try await app.store.careSubjects(officerB).isEmpty)
        }
    }
}
