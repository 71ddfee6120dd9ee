import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// The figures of a hand-built station, compared with values counted by hand.
@Suite(.serialized) struct FigureTests {
    let cli = Caller.commandLine(user: "t")

    @Test func aStationsFiguresMatchTheHandCount() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let s = app.store
            let officerA = try await s.credentials(username: "officerA")!.account, officerB = try await s.credentials(username: "officerB")!.account
            let leaderA = try await s.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            let a = officerA.caller(clientAddress: "t")
            let start = clock.now
            _ = try await s.createHousehold(gridID: f.gridA.id, address: "甲街3号", cli)   // station A: 2 households, one to be visited

            // Visits: two to household A in the period (one meeting resident A), one before it, one in station B.
            func visit(_ id: String, _ household: Int64, _ residents: [Int64], at: Date, _ c: Caller) async throws {
                _ = try await s.recordVisit(VisitInput(clientID: id, householdID: household, residentIDs: residents, visitedAt: at, method: "in_person",
                                                       categories: ["routine"]), c)
            }
            try await visit("fig-visit-0001", f.householdA.id, [f.residentA.id], at: start.addingTimeInterval(60), a)
            try await visit("fig-visit-0002", f.householdA.id, [], at: start.addingTimeInterval(120), a)
            try await visit("fig-visit-0003", f.householdA.id, [f.residentA.id], at: start.addingTimeInterval(-5 * 86400), a)
            try await visit("fig-visit-0004", f.householdB.id, [f.residentB.id], at: start.addingTimeInterval(60), officerB.caller(clientAddress: "t"))

            // Requests in station A: one closed satisfied after 2 hours' work, one reopened dissatisfied, one new;
            // one in station B. All received at the period's first second or later.
            func file(_ text: String, grid: Int64, _ c: Caller) async throws -> RequestView {
                try await s.createRequest(RequestInput(kind: "suggestion", categoryCode: "traffic", description: text, gridID: grid), origin: RequestOrigin(channel: .hotline), c)
            }
            clock.advance(300)
            let r1 = try await file("一号", grid: f.gridA.id, a), r2 = try await file("二号", grid: f.gridA.id, a)
            _ = try await file("三号", grid: f.gridA.id, a)
            _ = try await file("乙所", grid: f.gridB.id, officerB.caller(clientAddress: "t"))
            for r in [r1, r2] {
                _ = try await s.assignRequest(id: r.id, unitID: f.gridA.id, assigneeID: officerA.id, leaderA)
                _ = try await s.startRequest(id: r.id, a)
            }
            clock.advance(2 * 3600)
            _ = try await s.resolveRequest(id: r1.id, outcome: "已处理", a)
            _ = try await s.recordReturnVisit(id: r1.id, satisfaction: "satisfied", method: "phone", comment: nil, a)
            clock.advance(2 * 3600)
            _ = try await s.resolveRequest(id: r2.id, outcome: "已处理", a)
            _ = try await s.recordReturnVisit(id: r2.id, satisfaction: "dissatisfied", method: "phone", comment: "没解决", a)

            let stationA = try await s.unit(code: "SA", cli)
            let period = Period(start: start, end: start.addingTimeInterval(86400))
            let c = try await s.figureCounts(FigureScope(unit: stationA, period: period), leaderA)
            #expect(c.households == 2 && c.visits == 2 && c.householdsVisited == 1 && c.personsVisited == 1)
            #expect(c.text(.coverage) == "50.0%")
            #expect(c.requestsReceived == 3 && c.requestsResolved == 1 && c.requestsOverdue == 0 && c.suggestions == 3)
            #expect(c.text(.returnVisitRate) == "100.0%", "both resolved ones got their return visit")
            #expect(c.text(.satisfactionRate) == "50.0%" && c.text(.dissatisfied) == "1")
            #expect(c.text(.medianResolveHours) == "2.0 h", "only r1 is resolved now: two hours after it came in")
            #expect(c.text(.meetings) == "0" && c.text(.meetingSatisfaction) == "—", "a rate over nothing is a dash, not 0% or 100%")
            #expect(c.text(.mustVisitOnTime) == "—")

            // The period boundary: the same station over a period ending before the requests came in.
            let before = try await s.figureCounts(FigureScope(unit: stationA, period: Period(start: start, end: start.addingTimeInterval(300))), leaderA)
            #expect(before.visits == 2 && before.requestsReceived == 0)
            // Outside the caller's jurisdiction there are no figures at all; the bureau counts both stations.
            await #expect(throws: NotFound.self) { try await s.figureCounts(FigureScope(unit: try await s.unit(code: "SB", cli), period: period), leaderA) }
            let bureau = try await s.figureCounts(FigureScope(unit: try await s.unit(code: "B", cli), period: period), cli)
            #expect(bureau.visits == 3 && bureau.requestsReceived == 4 && bureau.households == 3)
            // The bureau with its two stations compared, in the same queries: each station's own counts,
            // the bureau's the sum. Whole days (today and tomorrow) are read from the rollups.
            let day = Period(start: Calendar.shanghai.startOfDay(for: start), end: Calendar.shanghai.startOfDay(for: start).addingTimeInterval(2 * 86400))
            #expect(day.rollupDays != nil && day.rollupMonths == nil)
            let stationB = try await s.unit(code: "SB", cli)
            let (total, rows) = try await s.figureCounts(FigureScope(unit: try await s.unit(code: "B", cli), period: day), comparing: [stationA, stationB], cli)
            #expect(rows[0].visits == 2 && rows[0].householdsVisited == 1 && rows[0].personsVisited == 1 && rows[0].households == 2)
            #expect(rows[1].visits == 1 && rows[1].householdsVisited == 1 && rows[1].personsVisited == 1 && rows[1].requestsReceived == 1)
            #expect(total.visits == 3 && total.householdsVisited == 2 && total.households == 3)
            #expect(rows[0].text(.medianResolveHours) == "2.0 h" && rows[1].medianResolveSeconds == nil)
            #expect(try await s.figureCounts(FigureScope(unit: stationA, period: day), leaderA) == rows[0], "compared or alone, the same figures")
            await #expect(throws: NotFound.self) { try await s.figureCounts(FigureScope(unit: stationA, period: day), comparing: [stationB], cli) }

            // One officer's own month: the visits they logged and the requests assigned to them.
            let mine = try await s.figureCounts(FigureScope(unit: stationA, officerID: officerA.id, period: period), leaderA)
            #expect(mine.visits == 2 && mine.requestsReceived == 2)
        }
    }
}

extension FigureTests {
    /// The registered households come from a counter kept by the database: it follows a household
    /// that moves to another station, and agrees with counting the households themselves.
    @Test func aHouseholdThatMovesIsCountedWhereItNowLives() async throws {
        try await withJingmin { app, f in
            let s = app.store, cli = Caller.commandLine(user: "t")
            let (a, b) = (try await s.unit(code: "SA", cli), try await s.unit(code: "SB", cli))
            let month = Period.month(of: s.now())
            func households(_ u: Domain.Unit) async throws -> Int { try await s.figureCounts(FigureScope(unit: u, period: month), cli).households }
            let h = try await s.createHousehold(gridID: f.gridA.id, address: "甲街7号", cli)
            var (inA, inB) = (try await households(a), try await households(b))
            #expect(inA == 2 && inB == 1)
            _ = try await s.updateHousehold(id: h.id, gridID: f.gridB.id, address: "乙街7号", cli)
            (inA, inB) = (try await households(a), try await households(b))
            #expect(inA == 1 && inB == 2)
            _ = try await s.updateHousehold(id: h.id, gridID: f.gridB.id, address: "乙街8号", cli)   // same grid: no change
            #expect(try await households(b) == 2)
        }
    }

    /// The trend chart's weeks run Monday to Sunday in China time and hold that week's visits
    /// and requests, the latest week last.
    @Test func theTrendCountsEachWeeksVisitsAndRequests() async throws {
        try await withJingmin { app, f in
            let s = app.store, cli = Caller.commandLine(user: "t"), now = s.now()
            let a = try await s.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            for (i, weeksAgo) in [0, 1, 1, 3].enumerated() {
                _ = try await s.recordVisit(VisitInput(clientID: "trend-visit-000\(i)", householdID: f.householdA.id, residentIDs: [], visitedAt: now.addingTimeInterval(-Double(weeksAgo) * 7 * 86400),
                                                       method: "in_person", categories: ["routine"]), a)
            }
            _ = try await s.createRequest(RequestInput(categoryCode: "traffic", description: "本周诉求", gridID: f.gridA.id), origin: RequestOrigin(channel: .hotline), a)
            let weeks = try await s.weeklyTrend(unit: try await s.unit(code: "SA", cli), weeks: 4, until: now, cli)
            #expect(weeks.map(\.visits) == [1, 0, 2, 1] && weeks.map(\.requestsReceived) == [0, 0, 0, 1])
            let monday = weeks[3].monday
            #expect(Calendar.shanghai.component(.weekday, from: monday) == 2 && Calendar.shanghai.startOfDay(for: monday) == monday)
            #expect(monday <= now && now < monday.addingTimeInterval(7 * 86400))
        }
    }

    @Test func theDashboardLeadsFromANumberToTheRecordsBehindIt() async throws {
        try await withJingmin { app, f in
            let s = app.store
            let a = try await s.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            for text in ["路灯不亮", "噪音扰民"] {
                _ = try await s.createRequest(RequestInput(categoryCode: "traffic", description: text, gridID: f.gridA.id), origin: RequestOrigin(channel: .hotline), a)
            }
            _ = try await s.createRequest(RequestInput(categoryCode: "traffic", description: "乙所诉求", gridID: f.gridB.id), origin: RequestOrigin(channel: .hotline),
                                          try await s.credentials(username: "officerB")!.account.caller(clientAddress: "t"))
            let web = try await WebSession.signedIn(app, "leaderA")
            let page = try await web.get("/dashboard").body.string
            #expect(page.contains("统计口径") && page.contains("SA社区"), "definitions and the units below are on the page")
            let tile = try #require(page.range(of: "id=\"fig-requestsReceived\""))
            let href = String(page[tile.upperBound...].split(separator: "href=\"", maxSplits: 1)[1].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            #expect(String(page[tile.upperBound...]).contains(">2</a>"), "two requests received in station A")
            let list = try await web.get(href).body.string
            #expect(list.contains("路灯不亮") && list.contains("噪音扰民") && !list.contains("乙所诉求"), "the drill-down lists exactly them (\(href))")

            let api = try await app.get("/api/v1/figures", try await app.bearer("leaderA"))
            #expect(api.status == .ok && api.body.string.contains("\"key\":\"requestsReceived\"") && api.body.string.contains("受理诉求"))
            let officerPage = try await WebSession.signedIn(app, "officerA").get("/dashboard").body.string
            #expect(officerPage.contains("本人的工作"))
            #expect(try await app.get("/api/v1/figures?unitID=\(f.gridB.id)", try await app.bearer("leaderA")).status == .notFound)
        }
    }
}

extension FigureTests {
    @Test func aListAndTheFiguresLeaveAsCSVAndAsAWorkbook() async throws {
        try await withJingmin { app, f in
            let a = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            _ = try await app.store.createRequest(RequestInput(categoryCode: "traffic", description: "路灯不亮, \"三号楼\"", gridID: f.gridA.id, contactPhone: "13812345678"),
                                                  origin: RequestOrigin(channel: .hotline), a)
            let web = try await WebSession.signedIn(app, "leaderA")
            let csv = try await web.get("/requests/export?format=csv&show=all")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let text = csv.body.string
            #expect(text.hasPrefix("\u{FEFF}#,类别") && text.contains("\"路灯不亮, \"\"三号楼\"\"\"") && text.contains("138****5678") && !text.contains("13812345678"))
            let xlsx = try await web.get("/dashboard/export?format=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8), "a zip container")
            #expect(XLSX.column(0) == "A" && XLSX.column(25) == "Z" && XLSX.column(26) == "AA" && XLSX.column(701) == "ZZ")
            #expect(try await WebSession.signedIn(app, "residentA").get("/requests/export?format=csv").status == .notFound)

            // The households not yet visited and the care list leave the same way, within the caller's jurisdiction.
            let address = try await app.store.household(id: f.householdA.id, a).address
            let unvisited = try await web.get("/units/\(f.gridA.id)/unvisited/export?format=csv").body.string
            #expect(unvisited.hasPrefix("\u{FEFF}地址,人数") && unvisited.contains(address))
            #expect(try await web.get("/units/\(f.gridB.id)/unvisited/export?format=csv").status == .notFound, "another station's grid")
            let care = try await web.get("/care/export?format=xlsx")
            #expect(care.status == .ok && Array(care.body.readableBytesView.prefix(2)) == Array("PK".utf8))

            // Coverage, meetings and a campaign's progress: the rows the pages show, the unit's level in a column.
            let coverage = try await web.get("/coverage/export?format=csv").body.string
            #expect(coverage.hasPrefix("\u{FEFF}层级,单位,户数,已走访户,覆盖率"))
            #expect(coverage.contains("派出所,SA派出所,1,0,0.0%") && coverage.contains("网格,SA网格,1,0,0.0%") && !coverage.contains("SB"))
            _ = try await app.store.createMeeting(MeetingInput(unitID: f.gridA.id, kind: "forum", heldOn: ChinaTime.day(TestClock.reference), place: "甲所会议室",
                                                               attendance: Attendance(residents: 12), minutes: "", evaluation: Evaluation(satisfied: 10, dissatisfied: 2)),
                                                  try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t"))
            let meetings = try await web.get("/meetings/export?format=csv").body.string
            #expect(meetings.contains(",12,10,0,2,83.3%,0"), "attendees, the three ratings, the rate, suggestions: \(meetings)")
            let stationA = try await app.store.unit(code: "SA", Caller.commandLine(user: "t"))
            let campaign = try await app.store.createCampaign(CampaignInput(name: "冬季大走访", startDate: ChinaTime.day(TestClock.reference), endDate: ChinaTime.day(TestClock.reference.addingTimeInterval(9 * 86400)),
                                                                            unitIDs: [stationA.id], target: "households"), Caller.commandLine(user: "t"))
            let progress = try await web.get("/campaigns/\(campaign.id)/export?format=csv").body.string
            #expect(progress.contains("派出所,SA派出所,1,0,0,0.0%") && progress.contains("未指定,1,0,0,0.0%"), "\(progress)")
        }
    }
}
