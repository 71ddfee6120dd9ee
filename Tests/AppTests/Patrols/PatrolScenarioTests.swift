import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// A patrol on the officer's phone — started, help recorded on the way, ended — and the patrol
/// figures at the scale seed 004 reports, each leading to exactly its records.
@Suite(.serialized) struct PatrolScenarioTests {
    @Test func anOfficerPatrolsRecordsHelpAndEndsAndBadInputStoresNothing() async throws {
        try await withJingmin { app, f in
            let officer = try await WebSession.signedIn(app, "officerA")
            _ = try await officer.get("/patrols")
            let started = try await officer.post("/patrols", ["mode": "ebike", "gridIDs[]": String(f.gridA.id), "residents": "3", "residentNames": "治安志愿者三人"])
            #expect(started.status == .seeOther)
            let path = try #require(started.headers.first(name: .location))
            let id = try #require(Int64(path.split(separator: "/").last ?? ""))
            let page = try await officer.get(path).body.string
            #expect(page.contains("巡逻中") && page.contains("电动车巡逻") && page.contains("治安志愿者三人"))

            // Bad input: a field error in Chinese, nothing stored.
            let negative = try await officer.post("\(path)/help", ["kind": "money", "amount": "-5"])
            #expect(negative.status == .unprocessableEntity && negative.body.string.contains("金额（元）：不能为负数"))
            let fen = try await officer.post("\(path)/help", ["kind": "money", "amount": "12.345"])
            #expect(fen.status == .unprocessableEntity && fen.body.string.contains("最多保留两位小数"))
            let early = try await officer.post("\(path)/end", ["endedAt": ChinaTime.formInput(TestClock.reference.addingTimeInterval(-3600))])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("结束时间：早于开始时间"))
            var json = try await app.bearer("officerA")
            json.contentType = .json
            let officerB = try await app.store.credentials(username: "officerB")!.account
            let foreign = try await app.testing().sendRequest(.POST, "/api/v1/patrols", headers: json,
                                                              body: ByteBuffer(string: #"{"gridIDs":[\#(f.gridA.id)],"mode":"foot","companionIDs":[\#(officerB.id)]}"#))
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("companionIDs.0"))
            let foreignGrid = try await app.testing().sendRequest(.POST, "/api/v1/patrols", headers: json, body: ByteBuffer(string: #"{"gridIDs":[\#(f.gridB.id)],"mode":"foot"}"#))
            #expect(foreignGrid.status == .unprocessableEntity && foreignGrid.body.string.contains("gridIDs.0"))
            #expect(try await count(app, "help_records") == 0)
            #expect(try await count(app, "patrols") == 1)

            // Two people rescued and 2,500 yuan recovered, then the end.
            #expect(try await officer.post("\(path)/help", ["kind": "rescue", "count": "2", "detail": "河边护送两名迷路学生回家"]).status == .seeOther)
            #expect(try await officer.post("\(path)/help", ["kind": "money", "amount": "2,500.00", "detail": "追回被骗现金"]).status == .seeOther)
            #expect(try await officer.post("\(path)/end", ["endedAt": ChinaTime.formInput(TestClock.reference.addingTimeInterval(120)), "note": "重点巡查菜市场"]).status == .seeOther)
            let ended = try await app.get("/api/v1/patrols/\(id)", try await app.bearer("leaderA")).content.decode(PatrolView.self)
            #expect(ended.endedAt != nil && ended.officers == 1 && ended.residents == 3 && ended.help.map(\.amount) == ["0.00", "2,500.00"])
            #expect(try await officer.post("\(path)/end", ["endedAt": ChinaTime.formInput(TestClock.reference.addingTimeInterval(120))]).status == .unprocessableEntity, "a patrol ends once")

            // What was found on the way: a hazard stays a finding; a clue leads to the clue form, and the clue keeps the patrol.
            let noKind = try await officer.post("\(path)/findings", ["findingKind": "rumour", "description": ""])
            #expect(noKind.status == .unprocessableEntity && noKind.body.string.contains("类别：") && noKind.body.string.contains("情况：必填"))
            #expect(try await officer.post("\(path)/findings", ["findingKind": "hazard", "description": "桥头护栏松动"]).status == .seeOther)
            #expect(try await officer.post("\(path)/findings", ["findingKind": "clue", "description": "废品站收购来路不明的电瓶"]).status == .seeOther)
            let found = try await app.get("/api/v1/patrols/\(id)", try await app.bearer("leaderA")).content.decode(PatrolView.self)
            #expect(found.findings.map(\.kind) == [.hazard, .clue])
            // A dispute found on the way is registered from the patrol, its text and grid filled in, and links back.
            #expect(try await officer.post("\(path)/findings", ["findingKind": "dispute", "description": "两摊贩因占道经营发生口角"]).status == .seeOther)
            #expect(try await officer.get(path).body.string.contains("/disputes/new?patrol=\(id)"))
            let disputeForm = try await officer.get("/disputes/new?patrol=\(id)").body.string
            #expect(disputeForm.contains("name=\"patrolID\" value=\"\(id)\"") && disputeForm.contains("两摊贩因占道经营发生口角"))
            let dispute = try await officer.post("/disputes/new", ["typeCode": "neighbour", "summary": "两摊贩因占道经营发生口角", "gridID": String(f.gridA.id), "risk": "low",
                                                                   "source": "patrol", "patrolID": String(id), "outsideName[]": "摊贩甲", "outsideSide[]": "applicant"])
            #expect(dispute.status == .seeOther)
            #expect(try await officer.get(try #require(dispute.headers.first(name: .location))).body.string.contains("href=\"/patrols/\(id)\""))
            #expect(try await officer.get(path).body.string.contains("/clues/new?patrol=\(id)"))
            #expect(try await officer.get("/clues/new?patrol=\(id)").body.string.contains("name=\"patrolID\" value=\"\(id)\""))
            let clue = try await officer.post("/clues/new", ["summary": "巡逻中发现废品站收购电瓶", "gridID": String(f.gridA.id), "source": "patrol", "patrolID": String(id)])
            #expect(clue.status == .seeOther)
            #expect(try await officer.get(try #require(clue.headers.first(name: .location))).body.string.contains("href=\"/patrols/\(id)\""))
            let foreignPatrol = try await app.store.startPatrol(PatrolStart(gridIDs: [f.gridB.id], mode: "car"), officerB.caller(clientAddress: "t"))
            let named = try await officer.post("/clues/new", ["summary": "x", "gridID": String(f.gridA.id), "source": "patrol", "patrolID": String(foreignPatrol.id)])
            #expect(named.status == .unprocessableEntity && named.body.string.contains("巡逻记录不存在或不在辖区内"))

            // Another station sees none of it.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/patrols/\(id)", other).status == .notFound)
            #expect(try await app.get("/api/v1/patrols?show=all", other).content.decode([PatrolView].self).map(\.id) == [foreignPatrol.id])
            #expect(try await app.get("/api/v1/help-records", other).body.string == "[]")
        }
    }

    @Test func helpGivenOnAVisitOrARequestIsLinkedToItAndCounted() async throws {
        try await withJingmin { app, f in
            let officer = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            let (visit, _) = try await app.store.recordVisit(VisitInput(clientID: "help-visit-000001", householdID: f.householdA.id, visitedAt: TestClock.reference.addingTimeInterval(-600),
                                                                        method: "in_person", categories: ["care"]), officer)
            let request = try await app.store.createRequest(RequestInput(categoryCode: "traffic", description: "老人走失，家属求助", gridID: f.gridA.id),
                                                            origin: RequestOrigin(channel: .hotline), officer)
            let web = try await WebSession.signedIn(app, "officerA")
            #expect(try await web.get("/visits/\(visit.id)").body.string.contains("action=\"/visits/\(visit.id)/help\""))
            let bad = try await web.post("/visits/\(visit.id)/help", ["kind": "money", "amount": "1.234"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("金额（元）：最多保留两位小数"))
            #expect(try await web.post("/visits/\(visit.id)/help", ["kind": "person_found", "count": "1", "detail": "走访时发现走失老人，送回家中"]).status == .seeOther)
            _ = try await web.get("/requests/\(request.id)")
            #expect(try await web.post("/requests/\(request.id)/help", ["kind": "person_found", "count": "1", "detail": "根据求助在车站找到老人"]).status == .seeOther)
            let token = try await app.bearer("leaderA")
            let found = try await app.get("/api/v1/help-records?show=person_found", token).content.decode([HelpView].self)
            #expect(Set(found.compactMap(\.visitID)) == [visit.id] && Set(found.compactMap(\.requestID)) == [request.id] && found.allSatisfy { $0.patrolID == nil })
            #expect(try await web.get("/requests/\(request.id)").body.string.contains("根据求助在车站找到老人"))
            let list = try await web.get("/help-records?show=person_found").body.string
            #expect(list.contains("href=\"/visits/\(visit.id)\"") && list.contains("href=\"/requests/\(request.id)\""))
            let station = try await app.store.unit(code: "SA", .commandLine(user: "t")), day = ChinaTime.day(TestClock.reference)
            let dash = try await WebSession.signedIn(app, "leaderA").get("/dashboard?unit=\(station.id)&from=\(day)&to=\(day)").body.string
            #expect(tile(dash, .peopleFound).contains(">2<"))
            // The resident who filed it does not see the police's help form; another station cannot add to it.
            var json = try await app.bearer("officerB")
            json.contentType = .json
            let foreign = try await app.testing().sendRequest(.POST, "/api/v1/visits/\(visit.id)/help", headers: json, body: ByteBuffer(string: #"{"kind":"rescue","count":1}"#))
            #expect(foreign.status == .notFound)
            #expect(try await count(app, "help_records") == 2)
        }
    }

    /// Seed 004's figures: in the 清明节 holiday 342 person-patrols, 12 people rescued and 2,500.00
    /// yuan; over the campaign 17 people found, 6 e-bikes, 1 tricycle and 2 phones, 3,050.00 yuan.
    @Test func atSeedScaleTheDashboardAddsUpAndEachNumberLeadsToItsRecords() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let officerA = try await app.store.credentials(username: "officerA")!.account
            let auxA = try await app.store.credentials(username: "auxA")!.account
            let caller = officerA.caller(clientAddress: "t")
            func at(_ moment: String) { clock.advance(ChinaTime.parseFormInput(moment)!.timeIntervalSince(clock.now)) }
            // 清明节 (2026-04-04 … 04-06): 100 patrols of the officer and the auxiliary (200 人次), 142 alone: 342; 21 of them joint.
            at("2026-04-05T10:00")
            for i in 0..<242 {
                let p = try await app.store.startPatrol(PatrolStart(gridIDs: [f.gridA.id], mode: "foot", companionIDs: i < 100 ? [auxA.id] : [], residents: i < 21 ? 4 : 0), caller)
                if i < 12 { _ = try await app.store.addHelp(.patrol(p.id), HelpInput(kind: "rescue", count: 1), caller) }
                if i < 3 { _ = try await app.store.addHelp(.patrol(p.id), HelpInput(kind: "money", amount: ["1000", "1499.9", "0.1"][i]), caller) }
            }
            // The rest of the campaign, outside the holiday: 17 people found, the property, 550 yuan more.
            at("2026-06-10T15:00")
            let later = try await app.store.startPatrol(PatrolStart(gridIDs: [f.gridA.id], mode: "ebike"), caller)
            for (kind, count, item, amount) in [("person_found", 10, "", ""), ("person_found", 7, "", ""), ("property", 6, "电动车", ""), ("property", 1, "人力三轮车", ""),
                                                ("property", 2, "手机", ""), ("money", 0, "", "550"), ("thanks", 1, "锦旗", "")] {
                _ = try await app.store.addHelp(.patrol(later.id), HelpInput(kind: kind, count: count == 0 ? nil : count, item: item.isEmpty ? nil : item, amount: amount.isEmpty ? nil : amount), caller)
            }
            at("2026-11-23T09:30")

            // The holiday is picked on the dashboard by its name.
            let station = try await app.store.unit(code: "SA", .commandLine(user: "t"))
            let leader = try await WebSession.signedIn(app, "leaderA")
            let overview = try await leader.get("/dashboard?unit=\(station.id)").body.string
            let link = "/dashboard?unit=\(station.id)&amp;from=2026-04-04&amp;to=2026-04-06"
            #expect(overview.contains("href=\"\(link)\">2026 清明节</a>"))
            let qingming = "unit=\(station.id)&from=2026-04-04&to=2026-04-06"
            let page = try await leader.get("/dashboard?\(qingming)").body.string
            #expect(tile(page, .personPatrols).contains(">342<"), "\(tile(page, .personPatrols))")
            #expect(tile(page, .patrols).contains(">242<") && tile(page, .jointPatrols).contains(">21<") && tile(page, .jointPatrolResidents).contains(">84<"))
            #expect(tile(page, .peopleHelped).contains(">12<") && tile(page, .moneyRecovered).contains(">2,500.00<"), "\(tile(page, .moneyRecovered))")
            #expect(tile(page, .peopleFound).contains(">0<"))
            let token = try await app.bearer("leaderA")
            let patrols = try await app.get("/api/v1/patrols?show=all&\(qingming)", token).content.decode([PatrolView].self)
            let joint = try await app.get("/api/v1/patrols?show=joint&\(qingming)", token).content.decode([PatrolView].self)
            let rescued = try await app.get("/api/v1/help-records?show=rescue&\(qingming)", token).content.decode([HelpView].self)
            let money = try await app.get("/api/v1/help-records?show=money&\(qingming)", token).content.decode([HelpView].self)
            #expect(patrols.count == 242 && patrols.map(\.officers).reduce(0, +) == 342 && joint.count == 21 && joint.allSatisfy { $0.residents > 0 })
            #expect(rescued.count == 12 && money.map(\.amountFen).reduce(0, +) == 250_000)

            // The whole campaign.
            let campaign = "unit=\(station.id)&from=2026-03-01&to=2026-11-23"
            let whole = try await leader.get("/dashboard?\(campaign)").body.string
            #expect(tile(whole, .peopleFound).contains(">17<") && tile(whole, .propertyRecovered).contains(">9<") && tile(whole, .moneyRecovered).contains(">3,050.00<"))
            #expect(tile(whole, .peopleFound).contains("href=\"/help-records?show=person_found&amp;\(campaign.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let found = try await app.get("/api/v1/help-records?show=person_found&\(campaign)", token).content.decode([HelpView].self)
            let property = try await app.get("/api/v1/help-records?show=property&\(campaign)", token).content.decode([HelpView].self)
            let allMoney = try await app.get("/api/v1/help-records?show=money&\(campaign)", token).content.decode([HelpView].self)
            #expect(found.map(\.count).reduce(0, +) == 17 && found.count == 2)
            #expect(Dictionary(property.map { ($0.item, $0.count) }, uniquingKeysWith: +) == ["电动车": 6, "人力三轮车": 1, "手机": 2])
            #expect(Yuan.text(allMoney.map(\.amountFen).reduce(0, +)) == "3,050.00" && allMoney.count == 4)
            let listed = try await leader.get("/help-records?show=property&\(campaign)").body.string
            #expect(listed.contains("电动车") && listed.contains("人力三轮车") && listed.contains("手机"))
        }
    }
}
