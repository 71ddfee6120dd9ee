import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// A dispute from the visit that found it to the follow-up a month after its 化解, as an officer
/// and a station leader do it on their phones.
@Suite(.serialized) struct DisputeScenarioTests {
    let cli = Caller.commandLine(user: "t")

    func caller(_ app: Application, _ username: String) async throws -> Caller {
        try await app.store.credentials(username: username)!.account.caller(clientAddress: "t")
    }

    /// A visit to household A (two registered residents) that found a 纠纷.
    func visitWithDispute(_ app: Application, _ f: Fixture) async throws -> (visit: VisitView, second: ResidentView) {
        let second = try await app.store.createResident(householdID: f.householdA.id, ResidentInput(name: "李强", gender: "male", birthDate: nil,
                                                                                                   idNumber: "110105198001010016", phone: nil, tags: []), cli)
        try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: try await app.store.credentials(username: "officerA")!.account.id, cli)
        let (visit, _) = try await app.store.recordVisit(VisitInput(clientID: "dispute-visit-01", householdID: f.householdA.id, visitedAt: TestClock.reference.addingTimeInterval(-3600),
                                                                    method: "in_person", categories: ["routine"],
                                                                    findings: [FindingInput(kind: "dispute", description: "郭秀英与李强因院墙滴水争执，言语激烈")]),
                                                         try await caller(app, "officerA"))
        return (visit, second)
    }

    @Test func aFindingBecomesADisputeIsMediatedResolvedAndFollowedUp() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let (visit, second) = try await visitWithDispute(app, f)
            var officer = try await WebSession.signedIn(app, "officerA")
            let finding = visit.findings[0].id

            // 1. The visit's page offers the finding as a dispute; the form comes filled in.
            #expect(try await officer.get("/visits/\(visit.id)").body.string.contains("/disputes/new?finding=\(finding)"))
            let form = try await officer.get("/disputes/new?finding=\(finding)").body.string
            #expect(form.contains("院墙滴水") && form.contains("李强") && form.contains("郭秀英"))
            let created = try await officer.post("/disputes/new", ["typeCode": "neighbour", "summary": "郭秀英与李强因院墙滴水争执", "gridID": String(f.gridA.id),
                                                                   "risk": "low", "source": "visit", "findingID": String(finding),
                                                                   "residentSide[\(f.residentA.id)]": "applicant", "residentSide[\(second.id)]": "respondent"])
            #expect(created.status == .seeOther)
            let id = try #require(Int64(created.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            #expect(try await officer.get("/visits/\(visit.id)").body.string.contains("/disputes/\(id)"), "the finding now leads to its dispute")
            let leader = try await caller(app, "leaderA")
            #expect(try await app.store.inbox(leader).isEmpty, "a low-risk dispute tells nobody")

            // 2. Marked 高: the station leader is told at once; both registered parties are on the grid officer's 五必访 list.
            #expect(try await officer.post("/disputes/\(id)/risk", ["risk": "high"]).status == .seeOther)
            let notices = try await app.store.inbox(leader)
            #expect(notices.map(\.kind) == ["dispute.high_risk"] && notices[0].href == "/disputes/\(id)")
            let tasks = try await app.store.openTasks(try await caller(app, "officerA")).filter { $0.task.ruleCode == "dispute_party" }
            #expect(Set(tasks.compactMap(\.task.residentID)) == [f.residentA.id, second.id])

            // 3. Two sessions, the second 化解 with a written agreement.
            let detail = try await app.store.dispute(id: id, leader)
            let parties = detail.parties.map { String($0.id) }
            clock.advance(86400)
            officer = try await WebSession.signedIn(app, "officerA")   // the next day, signed in again, on the dispute's page
            #expect(try await officer.get("/disputes/\(id)").body.string.contains("step-session"))
            let first = try await officer.post("/disputes/\(id)/sessions", ["heldAt": ChinaTime.formInput(clock.now), "place": "村委会调解室", "mediatorRole[]": "people_mediator",
                                                                            "mediatorName[]": "李调解员", "attended[]": parties[0], "agreed": "双方各自冷静", "nextStep": "三日后再谈",
                                                                            "outcome": "ongoing"])
            #expect(first.status == .seeOther)
            clock.advance(3 * 86400)
            officer = try await WebSession.signedIn(app, "officerA")
            try await officer.get("/disputes/\(id)")
            let resolvedAt = clock.now
            #expect(try await officer.post("/disputes/\(id)/sessions", ["heldAt": ChinaTime.formInput(resolvedAt), "place": "村委会调解室", "outcome": "resolved",
                                                                       "agreementForm": "written", "agreementText": "李强出资修缮院墙排水，郭秀英同意不再追究"]).status == .seeOther)
            var d = try await app.store.dispute(id: id, leader)
            #expect(d.dispute.status == .resolved && d.sessions.count == 2 && d.sessions[1].agreementForm == .written)
            #expect(d.sessions[0].mediators.map(\.name) == ["officerA", "李调解员"] && d.sessions[0].attendedPartyIDs == [detail.parties[0].id])
            #expect(ChinaTime.day(d.dispute.followUpDueAt!) == ChinaTime.day(resolvedAt.addingTimeInterval(30 * 86400)))

            // 4. The follow-up is not due yet; thirty days on it is, and logging it moves its figure by exactly one.
            #expect(try await app.store.disputes(DisputeFilter(show: .followUpDue), leader).isEmpty)
            clock.advance(31 * 86400)
            #expect(try await app.store.disputes(DisputeFilter(show: .followUpDue), leader).map(\.id) == [id])
            let scope = FigureScope(unit: try await app.store.unit(code: "SA", cli), period: Period(start: TestClock.reference.addingTimeInterval(-86400), end: clock.now.addingTimeInterval(86400)))
            let before = try await app.store.figureCounts(scope, leader)
            #expect(before.disputesScreened == 1 && before.disputesResolved == 1 && before.text(.disputeResolutionRate) == "100.0%" && before.disputeFollowUps == 0)
            #expect(before.text(.medianDisputeDays) == "4.0")
            officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/disputes/\(id)").body.string.contains("step-follow-up"))
            #expect(try await officer.post("/disputes/\(id)/follow-up", ["flaredUp": "0", "note": "院墙已修，两家来往如常"]).status == .seeOther)
            let after = try await app.store.figureCounts(scope, leader)
            #expect(after.disputeFollowUps == 1 && after.disputesResolved == 1 && after.disputesScreened == 1)
            d = try await app.store.dispute(id: id, leader)
            #expect(d.events.map(\.kind) == [.registered, .risk, .session, .session, .followUp])
            // The dashboard shows the tile with its definition; its number leads to the records.
            let page = try await WebSession.signedIn(app, "leaderA").get("/dashboard?unit=\(scope.unit.id)&from=\(ChinaTime.day(scope.period.start))&to=\(ChinaTime.day(clock.now))").body.string
            #expect(page.contains("id=\"fig-disputeFollowUps\"") && page.contains("/disputes?show=followed_up&amp;unit=\(scope.unit.id)"))
        }
    }

    @Test func aFlareUpReopensTheDisputeAndKeepsItsHistory() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let officer = try await caller(app, "officerA")
            let d = try await app.store.createDispute(DisputeInput(typeCode: "family", summary: "夫妻因赡养老人争吵", gridID: f.gridA.id, risk: "medium", source: "walk_in",
                                                                   parties: [PartyInput(residentID: f.residentA.id, side: "applicant"),
                                                                             PartyInput(name: "外来人员王某", phone: "13700001111", side: "respondent")]), officer)
            #expect(d.parties[1].phoneMasked == "137****1111")
            clock.advance(3600)
            _ = try await app.store.recordMediation(disputeID: d.dispute.id, SessionInput(heldAt: clock.now, place: "警务室", mediators: [], attendedPartyIDs: [],
                                                                                        outcome: "resolved", agreementForm: "oral"), officer)
            clock.advance(31 * 86400)
            let reopened = try await app.store.logDisputeFollowUp(disputeID: d.dispute.id, flaredUp: true, note: "又发生争吵", officer)
            #expect(reopened.dispute.status == .open && reopened.dispute.reopenCount == 1 && reopened.sessions.count == 1)
            #expect(reopened.events.last?.kind == .reopened)
            // Open again, it is mediated again; a second follow-up of the same 化解 is refused.
            await #expect(throws: ValidationFailure(field: "flaredUp", .notAllowedNow)) {
                _ = try await app.store.logDisputeFollowUp(disputeID: d.dispute.id, flaredUp: false, note: "", officer)
            }
            let stored = try await (app.db as! any SQLDatabase).select().column("phone_cipher").from("dispute_parties").where(SQLRaw("phone_cipher IS NOT NULL")).first()!
                .decode(column: "phone_cipher", as: String.self)
            #expect(!stored.contains("13700001111"), "an outside party's phone is encrypted at rest")
        }
    }

    @Test func badInputIsAFieldErrorInChineseAndNothingIsStored() async throws {
        try await withJingmin { app, f in
            let officer = try await WebSession.signedIn(app, "officerA")
            let token = try await app.bearer("officerA")
            var json = token
            json.contentType = .json
            func post(_ path: String, _ body: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, path, headers: json, body: ByteBuffer(string: body))
            }
            // A grid of another station: refused by field, nothing stored.
            let foreign = try await post("/api/v1/disputes", #"{"typeCode":"neighbour","summary":"争执","gridID":\#(f.gridB.id),"risk":"low","source":"hotline","parties":[{"name":"王某","side":"applicant"}]}"#)
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("gridID"))
            try await officer.get("/disputes/new")
            let page = try await officer.post("/disputes/new", ["typeCode": "neighbour", "summary": "争执", "gridID": String(f.gridB.id), "risk": "low", "source": "hotline",
                                                                "outsideName[]": "王某", "outsideSide[]": "applicant"])
            #expect(page.status == .unprocessableEntity && page.body.string.contains("所在网格：网格不存在或不在辖区内"))
            #expect(try await count(app, "disputes") == 0)
            #expect(try await count(app, "dispute_parties") == 0)

            let created = try await post("/api/v1/disputes", #"{"typeCode":"neighbour","summary":"争执","gridID":\#(f.gridA.id),"risk":"low","source":"hotline","parties":[{"name":"王某","side":"applicant"},{"residentID":\#(f.residentA.id),"side":"respondent"}]}"#)
            #expect(created.status == .created)
            let detail = try created.content.decode(DisputeDetail.self)
            let id = detail.dispute.id
            let at = { (d: Date) in ISO8601DateFormatter().string(from: d) }
            // A stranger at the session, a session dated before the dispute: refused, nothing stored.
            let stranger = try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at(TestClock.reference))","place":"警务室","attendedPartyIDs":[999999],"outcome":"ongoing"}"#)
            #expect(stranger.status == .unprocessableEntity && stranger.body.string.contains("attendedPartyIDs.0"))
            let early = try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at(TestClock.reference.addingTimeInterval(-86400)))","place":"警务室","outcome":"ongoing"}"#)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("早于纠纷登记时间"))
            #expect(try await count(app, "dispute_sessions") == 0)
            // An outcome on a closed dispute.
            #expect(try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at(TestClock.reference))","place":"警务室","outcome":"terminated"}"#).status == .created)
            let closed = try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at(TestClock.reference))","place":"警务室","outcome":"resolved","agreementForm":"oral"}"#)
            #expect(closed.status == .unprocessableEntity && closed.body.string.contains("纠纷已结束调解"))
            let web = try await officer.post("/disputes/\(id)/sessions", ["heldAt": ChinaTime.formInput(TestClock.reference), "place": "警务室", "outcome": "ongoing"])
            #expect(web.status == .unprocessableEntity && web.body.string.contains("纠纷已结束调解"))
            #expect(try await count(app, "dispute_sessions") == 1)
            // Another station's officer: not found, and absent from lists and figures.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/disputes/\(id)", other).status == .notFound)
            #expect(try await app.get("/api/v1/disputes?show=all", other).body.string == "[]")
        }
    }

    @Test func aRequestAndAMeetingCanEachBecomeADisputeKeepingTheLink() async throws {
        try await withJingmin { app, f in
            let officer = try await caller(app, "officerA")
            let request = try await app.store.createRequest(RequestInput(categoryCode: "neighbour", description: "隔壁装修占用公共楼道，多次协商无果", gridID: f.gridA.id,
                                                                         contactPhone: "13912340000"), origin: RequestOrigin(channel: .hotline), officer)
            let web = try await WebSession.signedIn(app, "officerA")
            #expect(try await web.get("/requests/\(request.id)").body.string.contains("/disputes/new?request=\(request.id)"))
            let form = try await web.get("/disputes/new?request=\(request.id)").body.string
            #expect(form.contains("多次协商无果") && form.contains(#"name="requestID" value="\#(request.id)""#))
            let created = try await web.post("/disputes/new", ["typeCode": "neighbour", "summary": "装修占用楼道引发纠纷", "gridID": String(f.gridA.id), "risk": "medium",
                                                               "source": "request", "requestID": String(request.id), "outsideName[]": "装修户业主", "outsideSide[]": "respondent"])
            #expect(created.status == .seeOther)
            let d = try await app.store.disputes(DisputeFilter(show: .all), officer)
            #expect(d.count == 1 && d[0].source == .request && d[0].requestID == request.id)
            #expect(try await web.get("/disputes/\(d[0].id)").body.string.contains("/requests/\(request.id)"))
            // A meeting's dispute: the form keeps the meeting, the grid is chosen.
            let meeting = try await app.store.createMeeting(MeetingInput(unitID: f.gridA.id, kind: "forum", heldOn: ChinaTime.day(TestClock.reference), place: "会议室",
                                                                         attendance: Attendance(residents: 5), minutes: "", evaluation: Evaluation()), officer)
            #expect(try await web.get("/meetings/\(meeting.id)").body.string.contains("/disputes/new?meeting=\(meeting.id)"))
            #expect(try await web.get("/disputes/new?meeting=\(meeting.id)").body.string.contains(#"name="meetingID" value="\#(meeting.id)""#))
            // Another station's request cannot be the source.
            #expect(try await WebSession.signedIn(app, "officerB").get("/disputes/new?request=\(request.id)").status == .notFound)
        }
    }

    /// Seed 003's 排查 7,326 and 化解 6,637 in one station: 90.5 % on its dashboard, and the drill-down
    /// lists exactly those records.
    @Test func atSeedScaleTheRateIs90Point5AndTheDrillDownListsThoseRecords() async throws {
        try await withJingmin { app, f in
            let sql = app.db as! any SQLDatabase
            let station = try await app.store.unit(code: "SA", cli)
            let t = TestClock.reference.addingTimeInterval(-86400)
            for start in stride(from: 0, to: 7326, by: 500) {
                let insert = sql.insert(into: "disputes").columns("type_code", "summary", "source", "grid_id", "unit_path", "risk", "status", "reopen_count",
                                                                  "resolved_at", "created_at", "updated_at")
                for i in start..<min(start + 500, 7326) {
                    let resolved = i < 6637
                    _ = insert.values(SQLBind("neighbour"), SQLBind("纠纷\(i)"), SQLBind("visit"), SQLBind(f.gridA.id), SQLBind(f.gridA.path), SQLBind("low"),
                                      SQLBind(resolved ? "resolved" : "open"), SQLBind(0), SQLBind(resolved ? t.addingTimeInterval(3600) : nil), SQLBind(t), SQLBind(t))
                }
                try await insert.run()
            }
            let leader = try await WebSession.signedIn(app, "leaderA")
            let day = ChinaTime.day(t), query = "unit=\(station.id)&from=\(day)&to=\(day)"
            let page = try await leader.get("/dashboard?\(query)").body.string
            #expect(page.contains(#"id="fig-disputeResolutionRate""#))
            let tile = page.range(of: #"id="fig-disputeResolutionRate""#).map { String(page[$0.upperBound...].prefix(300)) } ?? ""
            #expect(tile.contains(">90.5%<"), "\(tile)")
            let token = try await app.bearer("leaderA")
            let all = try await app.get("/api/v1/disputes?show=all&\(query)", token).content.decode([DisputeView].self)
            let resolved = try await app.get("/api/v1/disputes?show=resolved&\(query)", token).content.decode([DisputeView].self)
            #expect(all.count == 7326 && resolved.count == 6637 && resolved.allSatisfy { $0.status == .resolved })
        }
    }
}

extension DisputeScenarioTests {
    @Test func anAdministratorAddsRenamesAndRetiresADisputeType() async throws {
        try await withJingmin { app, f in
            let admin = try await WebSession.signedIn(app, "admin")
            _ = try await admin.get("/settings")
            let bad = try await admin.post("/settings/dispute-types", ["code": "School", "name": "", "active": "1"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("编码") && bad.body.string.contains("名称：必填"))
            #expect(try await count(app, "dispute_types") == DisputeType.seed.count)
            #expect(try await admin.post("/settings/dispute-types", ["code": "school", "name": "校园纠纷", "active": "1"]).status == .seeOther)
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/disputes/new").body.string.contains("校园纠纷"))
            let created = try await officer.post("/disputes/new", ["typeCode": "school", "summary": "家长与学校就接送秩序争执", "gridID": String(f.gridA.id),
                                                                   "risk": "low", "source": "walk_in", "outsideName[]": "王某", "outsideSide[]": "applicant"])
            #expect(created.status == .seeOther)
            let path = try #require(created.headers.first(name: .location))

            // Renamed and retired: no longer offered, while the dispute registered under it keeps it, renamed.
            _ = try await admin.get("/settings")
            #expect(try await admin.post("/settings/dispute-types/school", ["name": "校园周边纠纷"]).status == .seeOther)
            _ = try await officer.get("/")
            #expect(!(try await officer.get("/disputes/new").body.string.contains("校园")))
            #expect(try await officer.get(path).body.string.contains("校园周边纠纷"))
            let audit = try await app.store.auditEntries(Store.AuditQuery(), try await caller(app, "admin")).map(\.action)
            #expect(audit.contains("dispute_type.create") && audit.contains("dispute_type.update"))

            // Only the administrator configures.
            let leader = try await WebSession.signedIn(app, "leaderA")
            _ = try await leader.get("/")
            #expect(try await leader.post("/settings/dispute-types", ["code": "x1", "name": "x", "active": "1"]).status == .forbidden)
        }
    }
}

extension DisputeScenarioTests {
    @Test func aWrittenAgreementCanBeAScanThatOnlyTheDisputesReadersSee() async throws {
        try await withJingmin { app, f in
            var json = try await app.bearer("officerA")
            json.contentType = .json
            func post(_ path: String, _ body: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, path, headers: json, body: ByteBuffer(string: body))
            }
            let created = try await post("/api/v1/disputes", #"{"typeCode":"neighbour","summary":"院墙滴水","gridID":\#(f.gridA.id),"risk":"low","source":"walk_in","parties":[{"name":"王某","side":"applicant"}]}"#)
            let id = try created.content.decode(DisputeDetail.self).dispute.id
            let at = ISO8601DateFormatter().string(from: TestClock.reference)
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64)).base64EncodedString()
            // Not an image, or a scan with an unresolved session: a field error in Chinese, nothing stored.
            let notImage = try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at)","place":"警务室","outcome":"resolved","agreementForm":"written","agreementScan":"\#(Data("<svg/>".utf8).base64EncodedString())"}"#)
            #expect(notImage.status == .unprocessableEntity && notImage.body.string.contains("agreementScan") && notImage.body.string.contains("不是 JPG、PNG 或 WebP 图片"))
            let ongoing = try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at)","place":"警务室","outcome":"ongoing","agreementScan":"\#(png)"}"#)
            #expect(ongoing.status == .unprocessableEntity && ongoing.body.string.contains("agreementScan"))
            #expect(try await count(app, "dispute_sessions") == 0)
            #expect(try await count(app, "dispute_scans") == 0)

            // Resolved in writing, the scan standing for the text.
            let resolved = try await post("/api/v1/disputes/\(id)/sessions", #"{"heldAt":"\#(at)","place":"警务室","outcome":"resolved","agreementForm":"written","agreementScan":"\#(png)"}"#)
            #expect(resolved.status == .created, "\(resolved.body.string)")
            let scan = try #require(try resolved.content.decode(DisputeDetail.self).sessions.first?.scanID)
            let fetched = try await app.get("/api/v1/dispute-scans/\(scan)", try await app.bearer("leaderA"))
            #expect(fetched.status == .ok && fetched.headers.contentType?.description == "image/png" && Data(fetched.body.readableBytesView).base64EncodedString() == png)
            #expect(try await WebSession.signedIn(app, "officerA").get("/disputes/\(id)").body.string.contains("/dispute-scans/\(scan)"))
            #expect(try await app.get("/api/v1/dispute-scans/\(scan)", try await app.bearer("officerB")).status == .notFound)
            #expect(try await WebSession.signedIn(app, "officerB").get("/dispute-scans/\(scan)").status == .notFound)
        }
    }
}
