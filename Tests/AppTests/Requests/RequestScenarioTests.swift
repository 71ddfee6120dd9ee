import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct RequestScenarioTests {
    let cli = Caller.commandLine(user: "t")

    func json(_ app: Application, _ method: HTTPMethod, _ path: String, _ h: HTTPHeaders, _ body: String = "{}") async throws -> TestingHTTPResponse {
        var headers = h
        headers.contentType = .json
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func aPortalRequestIsChasedThroughADissatisfiedReturnVisitToASatisfiedClose() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let resident = try await app.bearer("residentA"), leader = try await app.bearer("leaderA"), officer = try await app.bearer("officerA")
            let officerA = try await app.store.credentials(username: "officerA")!.account

            // The resident files it from the portal: a new request, and the station leader is told.
            let filed = try await json(app, .POST, "/api/v1/requests", resident, #"{"categoryCode":"traffic","description":"小区门口路灯坏了一个月","contactPhone":"13812345678"}"#)
            #expect(filed.status == .created, "\(filed.body.string)")
            let r = try filed.content.decode(RequestView.self)
            #expect(r.status == .new && r.channel == .portal && r.contactPhone == "138****5678")
            #expect(try await app.get("/api/v1/notifications", leader).body.string.contains("新诉求待交办"))

            // 交办: to officer A on grid A, due at the end of the category's 7th day.
            let assigned = try await json(app, .POST, "/api/v1/requests/\(r.id)/assign", leader, #"{"unitID":\#(f.gridA.id),"assigneeID":\#(officerA.id)}"#)
            let a = try assigned.content.decode(RequestView.self)
            #expect(a.status == .assigned && a.assigneeName == "officerA" && a.responsibleUnitName == f.gridA.name)
            #expect(a.deadlineAt.map(ChinaTime.second) == ChinaTime.day(clock.now.addingTimeInterval(7 * 86400)) + " 23:59:59")
            #expect(try await app.get("/api/v1/notifications", officer).body.string.contains("交办给你的诉求"))

            // The resident cannot resolve it, nor skip a step; the officer works it.
            #expect(try await json(app, .POST, "/api/v1/requests/\(r.id)/resolve", resident, #"{"outcome":"x"}"#).status == .forbidden)
            let early = try await json(app, .POST, "/api/v1/requests/\(r.id)/resolve", officer, #"{"outcome":"已修"}"#)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("notAllowedNow"))
            #expect(try await json(app, .POST, "/api/v1/requests/\(r.id)/start", officer).status == .ok)
            #expect(try await json(app, .POST, "/api/v1/requests/\(r.id)/resolve", officer, #"{"outcome":"已联系物业更换灯泡"}"#).status == .ok)
            #expect(try await app.get("/api/v1/notifications", resident).body.string.contains("已办结，请您评价"))

            // 不满意: back to work, escalated to the station leader, who hears of it.
            let unhappy = try await json(app, .POST, "/api/v1/requests/\(r.id)/return-visit", resident, #"{"satisfaction":"dissatisfied","comment":"灯还是不亮"}"#)
            let u = try unhappy.content.decode(RequestView.self)
            #expect(u.status == .inProgress && u.reopenCount == 1 && u.escalation == .station)
            #expect(try await app.get("/api/v1/notifications", leader).body.string.contains("群众不满意"))

            #expect(try await json(app, .POST, "/api/v1/requests/\(r.id)/resolve", officer, #"{"outcome":"供电所更换了线路，已亮"}"#).status == .ok)
            // null where the spec says a string is refused by name, and the step is not taken.
            let null = try await json(app, .POST, "/api/v1/requests/\(r.id)/return-visit", officer, #"{"satisfaction":"satisfied","method":"phone","comment":null}"#)
            #expect(null.status == .badRequest && null.body.string.contains(#""field":"comment""#), "\(null.body.string)")
            #expect(try await app.get("/api/v1/requests/\(r.id)", officer).content.decode(RequestDetail.self).request.status == .resolved)
            let happy = try await json(app, .POST, "/api/v1/requests/\(r.id)/return-visit", officer, #"{"satisfaction":"satisfied","method":"phone","comment":"亮了"}"#)
            #expect(try happy.content.decode(RequestView.self).status == .closed)
            #expect(try await json(app, .POST, "/api/v1/requests/\(r.id)/start", officer).status == .unprocessableEntity)

            // The full timeline, in order, each step attributed.
            let detail = try await app.get("/api/v1/requests/\(r.id)", resident).content.decode(RequestDetail.self)
            #expect(detail.timeline.map(\.step) == ["create", "assign", "start", "resolve", "reopen", "resolve", "close"])
            #expect(detail.timeline.map(\.actorName) == ["residentA", "leaderA", "officerA", "officerA", "residentA", "officerA", "officerA"])
            #expect(detail.timeline[4].satisfaction == .dissatisfied && detail.timeline[6].satisfaction == .satisfied)
            let page = try await WebSession.signedIn(app, "residentA").get("/requests/\(r.id)")
            #expect(page.status == .ok && page.body.string.contains("回访不满意，重新办理") && page.body.string.contains("供电所更换了线路"))
        }
    }

    @Test func aClientPagesThroughEveryRequestOnceFollowingTheLinkHeader() async throws {
        try await withJingmin { app, f in
            let leader = try await app.bearer("leaderA")
            for i in 1...7 {
                let filed = try await json(app, .POST, "/api/v1/requests", leader, #"{"categoryCode":"traffic","description":"第\#(i)件","gridID":\#(f.gridA.id)}"#)
                #expect(filed.status == .created, "\(filed.body.string)")
            }
            let total = try await app.get("/api/v1/requests?show=all", leader).content.decode([RequestView].self).count
            var seen: [Int64] = [], next: String? = "/api/v1/requests?show=all&limit=3", pages = 0
            while let url = next {
                let page = try await app.get(url, leader)
                seen += try page.content.decode([RequestView].self).map(\.id)
                next = page.headers.first(name: "Link").flatMap { $0.split(separator: ">").first.map { String($0.dropFirst()) } }
                pages += 1
            }
            #expect(seen.count == total && Set(seen).count == total && seen == seen.sorted(by: >))
            #expect(pages == total / 3 + 1)
            // Paging an open list goes newest first too; a limit out of range is a field error.
            let open = try await app.get("/api/v1/requests?limit=2&beforeID=\(seen[0])", leader).content.decode([RequestView].self)
            #expect(open.map(\.id) == Array(seen.dropFirst().prefix(2)))
            let bad = try await app.get("/api/v1/requests?limit=501", leader)
            #expect(bad.status == .badRequest && bad.body.string.contains("limit"))
        }
    }

    @Test func theOpen311ListHoldsOnlyRequestsFiledThroughOpen311() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let leader = try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            let input = RequestInput(categoryCode: "traffic", description: "路灯不亮", gridID: f.gridA.id)
            let hotline = try await app.store.createRequest(input, origin: RequestOrigin(channel: .hotline), photos: [], leader)
            let filed = try await app.store.createRequest(input, origin: RequestOrigin(channel: .open311), photos: [], leader)
            let listed = try await app.store.open311Requests(Open311Query(stationPath: nil, ids: nil, serviceCodes: nil, statuses: RequestStatus.allCases,
                                                                          start: clock.now.addingTimeInterval(-3600), end: clock.now.addingTimeInterval(3600)))
            #expect(listed.map(\.id) == [filed.id] && hotline.id != filed.id)
        }
    }

    @Test func anotherResidentAndAnotherStationGet404() async throws {
        try await withJingmin { app, f in
            let filed = try await app.store.createRequest(RequestInput(categoryCode: "neighbour", description: "楼上噪音"), origin: RequestOrigin(channel: .portal),
                                                          try await app.store.credentials(username: "residentA")!.account.caller(clientAddress: "t"))
            _ = try await app.store.signUpResident(phone: "13700001111", displayName: "王芳", unitID: try await app.store.unit(code: "SA-C", cli).id,
                                                   passwordHash: try await app.password.async.hash(Fixture.password), clientAddress: "t")
            let other = try await app.bearer("13700001111"), officerB = try await app.bearer("officerB")
            for h in [other, officerB] {
                #expect(try await app.get("/api/v1/requests/\(filed.id)", h).status == .notFound)
                #expect(!(try await app.get("/api/v1/requests?show=all", h).body.string.contains("楼上噪音")))
                #expect(try await json(app, .POST, "/api/v1/requests/\(filed.id)/return-visit", h, #"{"satisfaction":"satisfied","method":"phone"}"#).status == .notFound)
            }
            #expect(try await WebSession.signedIn(app, "13700001111").get("/requests/\(filed.id)").status == .notFound)
            #expect(try await app.get("/api/v1/requests/\(filed.id)", try await app.bearer("officerA")).status == .ok)
        }
    }

    @Test func badRequestsAreRefusedFieldByFieldAndNothingIsStored() async throws {
        try await withJingmin { app, f in
            let officer = try await app.bearer("officerA")
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: PhotoRules.maxBytes)).base64EncodedString()
            let script = Data("<svg onload=alert(1)>".utf8).base64EncodedString()
            let cases: [(String, String, String)] = [
                (#"{"description":"没有类别","address":"甲街1号"}"#, "categoryCode", "required"),
                (#"{"categoryCode":"traffic","description":"照片不是图片","address":"甲街1号","photos":["\#(script)"]}"#, "photos.0.file", "notAnImage"),
                (#"{"categoryCode":"traffic","description":"照片太大","address":"甲街1号","photos":["\#(png)"]}"#, "photos.0.file", "tooLarge"),
                (#"{"categoryCode":"traffic","description":"别的所的网格","gridID":\#(f.gridB.id)}"#, "gridID", "unknownGrid"),
            ]
            for (body, field, problem) in cases {
                let res = try await json(app, .POST, "/api/v1/requests", officer, body)
                #expect(res.status == .unprocessableEntity, "\(field)")
                #expect(res.body.string.contains("\"field\":\"\(field)\"") && res.body.string.contains(problem), "\(field): \(res.body.string.prefix(300))")
            }
            // The web form answers in Chinese.
            let web = try await WebSession.signedIn(app, "officerA")
            _ = try await web.get("/requests/new")
            let page = try await web.post("/requests/new", ["kind": "request", "description": "没有类别", "address": "甲街1号"])
            #expect(page.status == .unprocessableEntity && page.body.string.contains("类别：必填"))
            let stored = try await count(app, "requests") + count(app, "request_photos")
            #expect(stored == 0)
        }
    }

    @Test func aNeedFoundOnAVisitBecomesARequestOnTheOfficersListAndOverdueOnesEscalate() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let officerA = try await app.store.credentials(username: "officerA")!.account
            let (visit, _) = try await app.store.recordVisit(VisitInput(clientID: "visit-need-0001", householdID: f.householdA.id, visitedAt: clock.now.addingTimeInterval(-60),
                                                                         method: "in_person", categories: ["routine"],
                                                                         findings: [FindingInput(kind: "need", description: "老人需要上门办理身份证"),
                                                                                    FindingInput(kind: "hazard", description: "楼道堆放杂物")]),
                                                              officerA.caller(clientAddress: "t"))
            let mine = try await app.get("/api/v1/requests?show=mine", try await app.bearer("officerA")).content.decode([RequestView].self)
            #expect(mine.count == 1)
            let r = try #require(mine.first)
            #expect(r.visitID == visit.id && r.channel == .visit && r.status == .assigned && r.description == "老人需要上门办理身份证")

            // Past the deadline the station leader is told once, and the timeline says so.
            clock.advance(4 * 86400)
            _ = try await app.store.runDueWork(holder: "t1")
            clock.advance(120)
            let second = try await app.store.runDueWork(holder: "t2")
            #expect(second.requestsToStation == 0)
            let leader = try await app.bearer("leaderA")
            let notices = try await app.get("/api/v1/notifications", leader).body.string
            #expect(notices.components(separatedBy: "诉求逾期督办").count == 2)
            let detail = try await app.get("/api/v1/requests/\(r.id)", leader).content.decode(RequestDetail.self)
            #expect(detail.timeline.map(\.step) == ["create", "escalate"] && detail.request.escalation == .station)
            let overdue = try await app.get("/api/v1/requests?show=overdue", leader).content.decode([RequestView].self)
            #expect(overdue.map(\.id) == [r.id])
            // 督办 per unit: the station leader sees it counted under its community.
            let lines = try await app.store.requestSupervision(try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t"))
            #expect(lines.map(\.name) == ["SA社区"] && lines.first?.open == 1 && lines.first?.overdue == 1)
            let page = try await WebSession.signedIn(app, "leaderA").get("/requests?show=overdue")
            #expect(page.body.string.contains("各单位督办情况") && page.body.string.contains("老人需要上门办理身份证"))
        }
    }
}

extension RequestScenarioTests {
    @Test func aMeetingsSuggestionWaitsInTheUnitsQueueLinkedToTheMeeting() async throws {
        try await withJingmin { app, f in
            let officer = try await app.bearer("officerA"), leader = try await app.bearer("leaderA")
            let community = try await app.store.unit(code: "SA-C", cli)
            let body = """
            {"unitID":\(community.id),"kind":"heart_to_heart","heldOn":"\(ChinaTime.day(TestClock.reference))","place":"甲社区活动室",
             "attendance":{"residents":52,"deputies":2,"cadres":3,"supervisors":1},"minutes":"通报辖区治安情况，征求意见。",
             "evaluation":{"satisfied":50,"basicallySatisfied":5,"dissatisfied":1},
             "suggestions":[{"categoryCode":"traffic","description":"学校门口上下学时段增派警力"},{"categoryCode":"environment","description":"菜市场周边摊点占道"}]}
            """
            // The community is above the grid officer's reach; the station leader records it.
            #expect(try await json(app, .POST, "/api/v1/meetings", officer, body).body.string.contains("unitID"))
            let res = try await json(app, .POST, "/api/v1/meetings", leader, body)
            #expect(res.status == .created, "\(res.body.string)")
            let m = try res.content.decode(MeetingView.self)
            #expect(m.satisfactionRate == "98.2%" && m.attendance.total == 58 && m.suggestionCount == 2)

            // The station leader's queue of requests to hand out holds both, linked to the meeting.
            let queue = try await app.get("/api/v1/requests?show=unassigned", leader).content.decode([RequestView].self)
            #expect(Set(queue.map(\.description)) == ["学校门口上下学时段增派警力", "菜市场周边摊点占道"])
            #expect(queue.allSatisfy { $0.meetingID == m.id && $0.channel == .meeting && $0.kind == .suggestion && $0.unitPath == community.path })
            let page = try await WebSession.signedIn(app, "leaderA").get("/meetings/\(m.id)")
            #expect(page.status == .ok && page.body.string.contains("98.2%") && page.body.string.contains("学校门口上下学时段增派警力"))
            #expect(try await app.get("/api/v1/meetings/\(m.id)", try await app.bearer("officerB")).status == .notFound)

            // More ratings than people present, an unknown category: refused, nothing stored.
            let bad = body.replacingOccurrences(of: "\"satisfied\":50", with: "\"satisfied\":500").replacingOccurrences(of: "\"environment\"", with: "\"parking\"")
            let refused = try await json(app, .POST, "/api/v1/meetings", leader, bad)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("evaluation") && refused.body.string.contains("suggestions.1.categoryCode"))
            #expect(try await app.get("/api/v1/meetings", leader).content.decode([MeetingView].self).count == 1)
        }
    }
}

extension RequestScenarioTests {
    @Test func anAdministratorSetsCategoriesAndTheirDeadlinesApplyToNewRequests() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let web = try await WebSession.signedIn(app, "admin")
            _ = try await web.get("/settings")
            let bad = try await web.post("/settings/categories", ["code": "fire_safety", "name": "消防安全", "deadlineDays": "0", "active": "1"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("办理期限（天）"))
            #expect(try await web.post("/settings/categories", ["code": "fire_safety", "name": "消防安全", "deadlineDays": "2", "active": "1"]).status == .seeOther)
            let officer = try await app.bearer("officerA")
            let filed = try await json(app, .POST, "/api/v1/requests", officer, #"{"categoryCode":"fire_safety","description":"楼道堆放杂物","gridID":\#(f.gridA.id)}"#)
            let r = try filed.content.decode(RequestView.self)
            #expect(r.deadlineAt.map(ChinaTime.second) == ChinaTime.day(clock.now.addingTimeInterval(2 * 86400)) + " 23:59:59")
            // Switched off, it can no longer be chosen.
            _ = try await web.get("/settings")
            _ = try await web.post("/settings/categories/fire_safety", ["name": "消防安全", "deadlineDays": "2"])
            let refused = try await json(app, .POST, "/api/v1/requests", officer, #"{"categoryCode":"fire_safety","description":"又一处","gridID":\#(f.gridA.id)}"#)
            #expect(refused.status == .unprocessableEntity)
            let leader = try await WebSession.signedIn(app, "leaderA")
            _ = try await leader.get("/")   // a valid form token: the refusal is the role's
            let forbidden = try await leader.post("/settings/categories", ["code": "x1", "name": "x", "deadlineDays": "3"])
            #expect(forbidden.status == .forbidden && forbidden.body.string.contains("无权"))
        }
    }
}

extension RequestScenarioTests {
    @Test func aBureauLeaderHandsARequestToAnotherStationAndTheHistoryStays() async throws {
        try await withJingmin { app, f in
            let s = app.store
            let chief = try await s.createAccount(NewAccount(username: "chief", displayName: "刘局", role: .bureauLeader, unitCode: "B"),
                                                  passwordHash: try await app.password.async.hash(Fixture.password), cli)
            let officerA = try await s.credentials(username: "officerA")!.account, officerB = try await s.credentials(username: "officerB")!.account
            let r = try await s.createRequest(RequestInput(categoryCode: "neighbour", description: "两个辖区交界处的纠纷", gridID: f.gridA.id),
                                              origin: RequestOrigin(channel: .hotline), officerA.caller(clientAddress: "t"))
            let boss = chief.caller(clientAddress: "t")
            _ = try await s.assignRequest(id: r.id, unitID: f.gridA.id, assigneeID: officerA.id, boss)
            // A station leader cannot hand it outside the station.
            let leader = try await s.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            await #expect(throws: ValidationFailure.self) { try await s.assignRequest(id: r.id, unitID: f.gridB.id, assigneeID: officerB.id, leader) }
            let moved = try await s.assignRequest(id: r.id, unitID: f.gridB.id, assigneeID: officerB.id, note: "属乙所辖区", boss)
            #expect(moved.assigneeID == officerB.id && moved.unitPath == f.gridB.path && moved.status == .assigned)
            await #expect(throws: NotFound.self) { try await s.request(id: r.id, leader) }
            let seen = try await s.request(id: r.id, officerB.caller(clientAddress: "t"))
            #expect(seen.timeline.map(\.step) == ["create", "assign", "reassign"])
            #expect(seen.timeline.compactMap(\.assigneeName) == ["officerA", "officerB"] && seen.timeline.last?.note == "属乙所辖区")
        }
    }
}
