import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct CampaignScenarioTests {
    let cli = Caller.commandLine(user: "t")

    func json(_ app: Application, _ method: HTTPMethod, _ path: String, _ h: HTTPHeaders, _ body: String) async throws -> TestingHTTPResponse {
        var headers = h
        headers.contentType = .json
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    func campaignJSON(name: String = "冬季大走访", start: Date, days: Int = 10, units: [Int64], target: String = "households", extra: String = "") -> String {
        let end = start.addingTimeInterval(Double(days) * 86400)
        return """
        {"name":"\(name)","startDate":"\(ChinaTime.day(start))","endDate":"\(ChinaTime.day(end))","unitIDs":\(units),"target":"\(target)"\(extra)}
        """
    }

    @Test func aStationCampaignGivesEachHouseholdATaskAndTheVisitMovesItsProgress() async throws {
        try await withJingmin { app, f in
            let officer = try await app.store.credentials(username: "officerA")!.account
            try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officer.id, cli)
            _ = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街3号", cli)
            let station = try await app.store.unit(code: "SA", cli)
            let leader = try await app.bearer("leaderA")
            let res = try await json(app, .POST, "/api/v1/campaigns", leader, campaignJSON(start: TestClock.reference, units: [station.id]))
            #expect(res.status == .created)
            let campaign = try res.content.decode(CampaignView.self)
            #expect(campaign.progress == TaskProgress(total: 2, done: 0), "both households of station A, none of station B")
            #expect(campaign.scope == ["SA派出所"])

            // The grid officer finds them on the phone list, due on the campaign's last day.
            let token = try await app.bearer("officerA")
            let tasks = try await app.get("/api/v1/tasks", token).content.decode([TaskView].self)
            #expect(tasks.count == 2 && tasks.allSatisfy { $0.task.assigneeID == officer.id && $0.task.title.hasPrefix("冬季大走访：") })
            #expect(ChinaTime.second(tasks[0].task.dueAt).hasSuffix("23:59:59"))
            #expect(try await app.get("/api/v1/tasks", try await app.bearer("officerB")).content.decode([TaskView].self).isEmpty)
            #expect(try await app.get("/api/v1/campaigns", try await app.bearer("officerB")).content.decode([CampaignView].self).isEmpty,
                    "station B is outside the campaign")

            // A visit to household A (meeting its resident) completes that household's task.
            let visit = """
            {"clientID":"camp-visit-0001","householdID":\(f.householdA.id),"residentIDs":[\(f.residentA.id)],"visitedAt":"\(ISO8601DateFormatter().string(from: TestClock.reference))","method":"in_person","categories":["routine"]}
            """
            #expect(try await json(app, .POST, "/api/v1/visits", token, visit).status == .created)
            let report = try await app.get("/api/v1/campaigns/\(campaign.id)", leader).content.decode(CampaignReport.self)
            #expect(report.campaign.progress == TaskProgress(total: 2, done: 1))
            #expect(report.units.map(\.name) == ["SA派出所", "SA社区", "SA网格"])
            #expect(report.units.allSatisfy { $0.progress == TaskProgress(total: 2, done: 1) })
            #expect(report.officers.map(\.name) == ["officerA"])

            // The page shows the same, in Chinese.
            let web = try await WebSession.signedIn(app, "leaderA")
            let page = try await web.get("/campaigns/\(campaign.id)")
            #expect(page.status == .ok && page.body.string.contains("50.0%") && page.body.string.contains("各单位进度"))
            #expect(try await WebSession.signedIn(app, "officerB").get("/campaigns/\(campaign.id)").status == .notFound)
            let audit = try await app.store.auditEntries(.init(action: "campaign.create"), .commandLine(user: "t")).first
            #expect(audit?.actor == "leaderA" && audit?.summary.contains("tasks=2") == true)
        }
    }

    @Test func aFestivalDriveReachesEveryoneOnTheCareList() async throws {
        try await withJingmin { app, f in
            let bureau = try await app.store.unit(code: "B", cli)
            let admin = try await app.bearer("admin")
            let res = try await json(app, .POST, "/api/v1/campaigns", admin, campaignJSON(name: "春节慰问", start: TestClock.reference, units: [bureau.id], target: "care_subjects"))
            #expect(res.status == .created)
            let c = try res.content.decode(CampaignView.self)
            // residentA lives alone (elderly_alone); residentB has no care tag.
            #expect(c.progress.total == 1 && c.target == "care_subjects" && c.tags.contains(.elderlyAlone))
            let rows = try await (app.db as! any SQLDatabase).select().column("resident_id").from("tasks").where("campaign_id", .equal, c.id).all()
            #expect(try rows.map { try $0.decode(column: "resident_id", as: Int64.self) } == [f.residentA.id])
        }
    }

    @Test func badCampaignsAreRefusedFieldByFieldAndNothingIsStored() async throws {
        try await withJingmin { app, f in
            let leader = try await app.bearer("leaderA")
            let stationB = try await app.store.unit(code: "SB", cli)
            let outside = try await json(app, .POST, "/api/v1/campaigns", leader, campaignJSON(start: TestClock.reference, units: [stationB.id]))
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.body.string.contains("unitIDs") && outside.body.string.contains("不在辖区内"))
            let bad = try await json(app, .POST, "/api/v1/campaigns", leader,
                                     #"{"name":"","startDate":"2020-01-01","endDate":"2020-01-05","unitIDs":[],"target":"residents"}"#)
            #expect(bad.status == .unprocessableEntity)
            for field in ["\"name\"", "\"endDate\"", "\"unitIDs\"", "\"tags\""] { #expect(bad.body.string.contains(field), "\(field) named") }
            let station = try await app.store.unit(code: "SA", cli)
            let officer = try await json(app, .POST, "/api/v1/campaigns", try await app.bearer("officerA"), campaignJSON(start: TestClock.reference, units: [station.id]))
            #expect(officer.status == .forbidden, "officers do not start campaigns")
            let campaigns = try await count(app, "campaigns"), tasks = try await count(app, "tasks")
            #expect(campaigns == 0 && tasks == 0)
        }
    }

    @Test func aLeaderStartsACampaignFromThePhoneForm() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "leaderA")
            let form = try await web.get("/campaigns/new")
            #expect(form.status == .ok && form.body.string.contains("SA社区") && !form.body.string.contains("SB社区"))
            let community = try await app.store.unit(code: "SA-C", cli)
            let end = ChinaTime.day(TestClock.reference.addingTimeInterval(20 * 86400))
            let bad = try await web.post("/campaigns/new", ["name": "五进五民", "startDate": ChinaTime.day(TestClock.reference), "endDate": end, "target": "places"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("范围：必填") && bad.body.string.contains("场所类别：必填"))
            let ok = try await web.post("/campaigns/new", ["name": "五进五民", "startDate": ChinaTime.day(TestClock.reference), "endDate": end, "target": "households",
                                                           "unitIDs[]": String(community.id)])
            #expect(ok.status == .seeOther)
            let list = try await web.get("/campaigns")
            #expect(list.body.string.contains("五进五民") && list.body.string.contains("已完成 0 / 1 项"))
        }
    }
}
