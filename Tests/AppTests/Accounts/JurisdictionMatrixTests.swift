import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Every registered route × every role × objects of a station the caller does not serve.
/// Routes come from the router itself, so a new route is in the matrix without anyone adding it.
/// Each answer must keep the foreign station's data out of its body; a route naming a foreign
/// object must answer 403 or 404; and no request may change the foreign station's rows.
@Suite(.serialized) struct JurisdictionMatrixTests {
    let cli = Caller.commandLine(user: "t")

    /// Strings that exist only in station B's records.
    static let foreignMarkers = ["马建国", "乙街2号", Fixture.idB, "13912345678", "乙街菜市场", "乙所专项", "乙所走访记录", "乙所诉求", "乙所会议室", "乙所纠纷", "13955556666", "乙所线索", "乙所被害人", "乙所联防队员", "乙所救助", "乙所宣传", "乙所点名", "乙所巡逻发现", "乙所联防组", "乙街3号", "乙所警情", "乙所警铃", "乙所预约", "乙所警务室", "乙所咨询", "乙所服务点", "乙所调查", "乙所问卷意见", "乙所信息员奖励"]

    struct Foreign { var ids: [String: Int64] }

    /// Station B's objects of every kind, and a second bureau whose leaders see nothing of bureau B.
    func buildForeignStation(_ app: Application, _ f: Fixture) async throws -> Foreign {
        let s = app.store
        let officerB = try await s.credentials(username: "officerB")!.account
        try await s.setResponsibleOfficer(gridID: f.gridB.id, userID: officerB.id, cli)
        try await s.setResponsibleOfficer(gridID: f.gridA.id, userID: try await s.credentials(username: "officerA")!.account.id, cli)
        let place = try await s.savePlace(id: nil, gridID: f.gridB.id, name: "乙街菜市场", kind: "gathering_point", address: "乙街8号", cli)
        _ = try await s.updateResident(id: f.residentB.id, ResidentInput(name: "马建国", gender: "male", birthDate: nil, idNumber: Fixture.idB,
                                                                          phone: "13912345678", tags: ["dispute_party"]), cli)
        let (visit, _) = try await s.recordVisit(VisitInput(clientID: "foreign-visit-0001", householdID: f.householdB.id, residentIDs: [f.residentB.id],
                                                            visitedAt: TestClock.reference.addingTimeInterval(-60), method: "in_person", categories: ["routine"],
                                                            notes: "乙所走访记录", findings: [FindingInput(kind: "need", description: "乙所走访记录")]),
                                                 officerB.caller(clientAddress: "t"))
        let stationB = try await s.unit(code: "SB", cli)
        let campaign = try await s.createCampaign(CampaignInput(name: "乙所专项", startDate: ChinaTime.day(TestClock.reference), endDate: ChinaTime.day(TestClock.reference.addingTimeInterval(9 * 86400)),
                                                                unitIDs: [stationB.id], target: "households"), cli)
        let task = try await (app.db as! any SQLDatabase).select().column("id").from("tasks").where("household_id", .equal, f.householdB.id)
            .first()!.decode(column: "id", as: Int64.self)
        // Another bureau: its administrator and leader are outside bureau B altogether.
        _ = try await s.createUnit(code: "X", name: "另一分局", kind: .bureau, parentCode: nil, cli)
        let hash = try await app.password.async.hash(Fixture.password)
        for (u, role) in [("adminX", Role.admin), ("chiefX", .bureauLeader)] {
            _ = try await s.createAccount(NewAccount(username: u, displayName: u, role: role, unitCode: "X", householdID: nil), passwordHash: hash, cli)
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        let request = try await s.createRequest(RequestInput(categoryCode: "traffic", description: "乙所诉求：路灯不亮", gridID: f.gridB.id, contactPhone: "13912345678"),
                                                origin: RequestOrigin(channel: .hotline), photos: [png], officerB.caller(clientAddress: "t"))
        let photo = try await (app.db as! any SQLDatabase).select().column("id").from("request_photos").where("request_id", .equal, request.id)
            .first()!.decode(column: "id", as: Int64.self)
        let leaderB = try await s.createAccount(NewAccount(username: "leaderB", displayName: "leaderB", role: .stationLeader, unitCode: "SB"),
                                                passwordHash: try await app.password.async.hash(Fixture.password), cli)
        let meeting = try await s.createMeeting(MeetingInput(unitID: stationB.id, kind: "forum", heldOn: ChinaTime.day(TestClock.reference), place: "乙所会议室",
                                                             attendance: Attendance(residents: 9), minutes: "乙所诉求记录", evaluation: Evaluation(satisfied: 9)),
                                                leaderB.caller(clientAddress: "t"))
        let dispute = try await s.createDispute(DisputeInput(typeCode: "neighbour", summary: "乙所纠纷：宅基地界线", gridID: f.gridB.id, risk: "high", source: "walk_in",
                                                             parties: [PartyInput(residentID: f.residentB.id, side: "applicant"),
                                                                       PartyInput(name: "乙所纠纷当事人", phone: "13955556666", side: "respondent")]),
                                                officerB.caller(clientAddress: "t"))
        let png8: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 9]
        let scanned = try await s.recordMediation(disputeID: dispute.dispute.id, SessionInput(heldAt: TestClock.reference, place: "乙所调解室", mediators: [], attendedPartyIDs: [],
                                                                                           outcome: "resolved", agreementForm: "written"),
                                                  scan: png8, officerB.caller(clientAddress: "t"))
        let clue = try await s.createClue(ClueInput(gridID: f.gridB.id, source: "walk_in", summary: "乙所线索：废品站收赃"), officerB.caller(clientAddress: "t"))
        _ = try await s.importCases(csv: """
            case_number,case_type,occurred_at,address,grid_code,case_unit,victim_name,victim_id_number,victim_phone,victim_address
            SB-1,盗窃,2026-11-20,乙街2号,SB-G,SB,乙所被害人,110105198001010016,,乙街2号
            """, cli)
        let victim = try await (app.db as! any SQLDatabase).select().column("id").from("case_victims").first()!.decode(column: "id", as: Int64.self)
        let patrol = try await s.startPatrol(PatrolStart(gridIDs: [f.gridB.id], mode: "foot", residents: 2, residentNames: "乙所联防队员"), officerB.caller(clientAddress: "t"))
        _ = try await s.addHelp(.patrol(patrol.id), HelpInput(kind: "money", detail: "乙所救助：追回被骗现金", amount: "3050"), officerB.caller(clientAddress: "t"))
        _ = try await s.addHelp(.visit(visit.id), HelpInput(kind: "rescue", detail: "乙所救助：走访中送医"), officerB.caller(clientAddress: "t"))
        _ = try await s.addPatrolFinding(patrolID: patrol.id, FindingInput(kind: "hazard", description: "乙所巡逻发现：桥栏松动"), officerB.caller(clientAddress: "t"))
        let publicity = try await s.createPublicity(PublicityInput(kind: "event", topic: "anti_fraud", heldOn: ChinaTime.day(TestClock.reference), unitID: f.gridB.id,
                                                                   summary: "乙所宣传：反诈进社区", place: "乙街广场", audience: 80, leaflets: 500), officerB.caller(clientAddress: "t"))
        let neighbour = try await s.createHousehold(gridID: f.gridB.id, address: "乙街3号", cli)
        let alarmGroup = try await s.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: f.gridB.id, name: "乙所联防组", householdIDs: [f.householdB.id, neighbour.id]),
                                                    officerB.caller(clientAddress: "t"))
        let device = try await s.registerAlarmDevice(AlarmDeviceInput(householdID: neighbour.id, name: "乙所警铃"), officerB.caller(clientAddress: "t"))
        let residentB = try await s.createAccount(NewAccount(username: "residentB", displayName: "residentB", role: .resident, unitCode: "SB-G", householdID: f.householdB.id),
                                                  passwordHash: "x", cli)
        let alarm = try await s.raiseAlarm(AlarmInput(kind: "burglary", note: "乙所警情：后门被撬"), residentB.caller(clientAddress: "t"))
        let leaderBCaller = leaderB.caller(clientAddress: "t")
        let shifts = try await s.assignShifts(stationID: stationB.id, ShiftInput(post: "station", kind: "night", userID: officerB.id, from: "2026-12-01", to: "2026-12-07"), leaderBCaller)
        let rollCall = try await s.recordRollCall(stationID: stationB.id, RollCallInput(day: ChinaTime.day(TestClock.reference), slot: "morning", attendance: [officerB.id: "present"],
                                                                                        note: "乙所点名：强调防汛"), leaderBCaller)
        _ = try await s.setOfficePlan(stationID: stationB.id, OfficePlanInput(officerID: officerB.id, blocks: (1...7).flatMap { ["\($0):morning", "\($0):evening"] }, capacity: 3),
                                      leaderBCaller)
        _ = try await s.checkIn(latitude: 39.9, longitude: 116.4, officerB.caller(clientAddress: "t"))
        let office = try await s.savePlace(id: nil, gridID: f.gridB.id, name: "乙所警务室", kind: "police_office", address: "乙街10号", cli)
        let point = try await s.savePlace(id: nil, gridID: f.gridB.id, name: "乙所服务点", kind: "service_point", address: "乙街车站", cli)
        try await s.logServicePointService(ServicePointLogInput(placeID: point.id, kind: "help", count: 2, note: "乙所服务点：帮助走失老人"), officerB.caller(clientAddress: "t"))
        _ = try await s.recordConsultation(ConsultationInput(topic: "household_move", outcome: "answered", residentID: f.residentB.id, note: "乙所咨询：迁户口"),
                                           officerB.caller(clientAddress: "t"))
        let appointment = try await s.bookAppointment(AppointmentInput(householdID: f.householdB.id, residentID: f.residentB.id, kind: "id_card_home", place: "home",
                                                                       day: "2026-11-24", block: "morning", note: "乙所预约：老人换领身份证"), officerB.caller(clientAddress: "t"))
        let round = try await s.createRound(RoundInput(name: "乙所调查", questionnaireID: 1, startDate: ChinaTime.day(TestClock.reference), endDate: "2026-12-31",
                                                       unitIDs: [stationB.id], mode: "all"), leaderBCaller)
        let sample = try #require(try await s.callList(roundID: round.id, leaderBCaller).due.first { $0.householdID == f.householdB.id })
        _ = try await s.saveSurveyAnswers(sampleID: sample.id, channel: .onSite, ["security": ["safe"], "satisfaction": ["satisfied"], "sees_police": ["often"],
                                                                                 "knows_officer": ["no"], "suggestion": ["乙所问卷意见"]], leaderBCaller)
        _ = try await s.saveInformant(InformantInput(residentID: f.residentB.id, areaUnitID: f.gridB.id, contactOfficerID: officerB.id), leaderBCaller)
        _ = try await s.recognizeInformant(residentID: f.residentB.id, RecognitionInput(kind: "thanks", note: "乙所信息员奖励"), leaderBCaller)
        // Through the phone's queue: its receipt is labelled with the address (a foreign marker).
        _ = try await s.recordVisit(VisitInput(clientID: "station-b-queued", householdID: f.householdB.id, visitedAt: TestClock.reference.addingTimeInterval(-90_000),
                                               method: "in_person", categories: ["routine"]), officerB.caller(clientAddress: "t"), queued: true)
        return Foreign(ids: ["my-surveys": sample.id, "informants": f.residentB.id, "surveys": round.id, "survey-rounds": round.id, "survey-samples": sample.id, "offices": office.id, "police-offices": office.id, "appointments": appointment.id, "alarms": alarm.alarm.id, "alarm-devices": device.device.id, "alarm-standards": stationB.id, "alarm-groups": alarmGroup.id, "shifts": shifts[0].id, "roll-calls": rollCall.id, "dispute-scans": scanned.sessions[0].scanID!, "publicity": publicity.id, "patrols": patrol.id, "victims": victim, "clues": clue.id, "disputes": dispute.dispute.id, "meetings": meeting.id, "units": f.gridB.id, "households": f.householdB.id, "residents": f.residentB.id, "places": place.id,
                             "visits": visit.id, "tasks": task, "campaigns": campaign.id, "users": officerB.id, "requests": request.id, "request-photos": photo,
                             "coverage": f.gridB.id])
    }

    /// Everything station B owns, as text: compared before and after the matrix. (Own-station
    /// rows may rightly change: the matrix's requests write into station A.)
    func foreignSnapshot(_ app: Application, _ f: Fixture) async throws -> String {
        let sql = app.db as! any SQLDatabase
        var out = ""
        for table in ["households", "residents", "places", "visits", "visit_findings", "tasks", "requests", "meetings", "disputes", "clues", "cases", "case_victims", "patrols", "help_records", "publicity",
                      "duty_shifts", "roll_calls", "patrol_findings", "alarm_groups", "alarm_group_members", "alarms", "alarm_devices",
                      "appointments", "office_plans", "office_sessions", "consultations", "service_point_logs", "survey_samples", "informants", "informant_contacts", "informant_recognitions", "queue_receipts"] {
            // By the first column: the id, or the household of a group member.
            let rows = try await sql.select().column("*").from(table).where("unit_path", .like, "/B/SB/%").orderBy(SQLRaw("1")).all()
            for r in rows { out += "\(table): " + r.allColumns.sorted().map { "\($0)=\(Self.text(r, $0))" }.joined(separator: ",") + "\n" }
        }
        for r in try await sql.select().column("*").from("campaigns").where("scope_paths", .like, "%/SB/%").orderBy("id").all() {
            out += "campaign: " + r.allColumns.sorted().map { "\($0)=\(Self.text(r, $0))" }.joined(separator: ",") + "\n"
        }
        let users = try await sql.select().columns("id", "username", "disabled", "password_hash").from("users").where("username", .equal, "officerB").all()
        for u in users { out += "user \(try u.decode(column: "username", as: String.self)) \(try u.decode(column: "disabled", as: Bool.self)) \(try u.decode(column: "password_hash", as: String.self))\n" }
        #expect(out.contains("乙街2号") && out.contains("campaign:"), "the snapshot holds station B's rows")
        return out
    }

    static func text(_ row: any SQLRow, _ column: String) -> String {
        if (try? row.decodeNil(column: column)) == true { return "" }
        if let s = try? row.decode(column: column, as: String.self) { return s }
        if let i = try? row.decode(column: column, as: Int64.self) { return String(i) }
        if let d = try? row.decode(column: column, as: Date.self) { return String(d.timeIntervalSince1970) }
        return "?"
    }

    /// A body every create/update route can decode, naming own-station objects (so the request
    /// is refused for the foreign id in the path, not for a malformed body).
    func jsonBody(_ f: Fixture, assignee: Int64) -> String {
        """
        {"gridID":\(f.gridA.id),"address":"甲街9号","name":"测试人","gender":"male","idNumber":"110105195505050031","phone":"13800000001","tags":[],
         "kind":"school","assigneeID":\(assignee),"dueWithinDays":5,"active":true,"unitID":\(f.gridA.id),"outcome":"已办","satisfaction":"satisfied",
         "method":"phone","note":"督办","categoryCode":"traffic","description":"测试","deadlineDays":5,
         "risk":"low","flaredUp":false,"heldAt":"2026-11-23T01:00:00Z","place":"警务室","typeCode":"neighbour","summary":"测试","source":"hotline",
         "parties":[{"name":"测试人","side":"applicant"}],"householdIDs":[1,2],"rating":"satisfied","published":false,"acknowledgeSeconds":60,"arriveSeconds":180,"handleSeconds":300,
         "channel":"phone","answers":{"security":["safe"]}}
        """
    }

    @Test func noRouteLetsAnyRoleSeeOrChangeAnotherStation() async throws {
        try await withJingmin { app, f in
            let foreign = try await buildForeignStation(app, f)
            let before = try await foreignSnapshot(app, f)
            let roles = ["leaderA", "officerA", "auxA", "residentA", "adminX", "chiefX"]
            // "events" is a stream of the caller's own inbox that stays open (checked in LiveInboxTests and two_schedulers.sh).
            let skipped: Set<String> = ["login", "logout", "language", "healthz", "readyz", "metrics", "openapi.yaml", "auth", "events"]
            let routes = app.routes.all.filter { r in !r.path.contains { skipped.contains($0.description) } }
            #expect(routes.count > 60, "the router lists its routes (\(routes.count))")
            let assignee = try await app.store.credentials(username: "officerA")!.account.id
            var checked = 0
            var leaks: [String] = [], answered: [String] = []

            for username in roles {
                let token = try await app.bearer(username)
                let web = try await WebSession.signedIn(app, username)
                for route in routes {
                    var namesForeign = false, segments: [String] = []
                    for (i, part) in route.path.enumerated() {
                        let text = part.description
                        if text.hasPrefix(":") {
                            if text == ":id", i > 0, let id = foreign.ids[route.path[i - 1].description] { segments.append(String(id)); namesForeign = true }
                            else { segments.append("dispute_party") }
                        } else { segments.append(text) }
                    }
                    let path = "/" + segments.joined(separator: "/")
                    let isAPI = route.path.first?.description == "api"
                    let res: TestingHTTPResponse
                    if isAPI {
                        var headers = token
                        headers.contentType = .json
                        let body = route.method == .GET ? nil : ByteBuffer(string: jsonBody(f, assignee: assignee))
                        res = try await app.testing().sendRequest(route.method, path, headers: headers, body: body)
                    } else if route.method == .GET {
                        res = try await web.get(path)
                    } else {
                        _ = try await web.get("/")   // a fresh form token
                        res = try await web.post(path, ["gridID": String(f.gridA.id), "address": "甲街9号", "name": "测试人", "assigneeID": String(assignee),
                                                         "householdID": String(foreign.ids["households"]!), "unitIDs[]": String(f.gridB.id)])
                    }
                    checked += 1
                    let body = res.body.string
                    for marker in Self.foreignMarkers where body.contains(marker) {
                        leaks.append("\(username) \(route.method.rawValue) \(path) shows \(marker)")
                    }
                    // 401: a device press unsigned for the foreign bell — refused before anything is read.
                    if namesForeign && ![.notFound, .forbidden, .unauthorized].contains(res.status) {
                        answered.append("\(username) \(route.method.rawValue) \(path) → \(res.status.code)")
                    }
                }
            }
            #expect(leaks.isEmpty, "foreign data shown: \(leaks)")
            #expect(answered.isEmpty, "a foreign object answered other than 403/404: \(answered)")
            let after = try await foreignSnapshot(app, f)
            #expect(after == before, "a request changed station B's records")
            #expect(checked == roles.count * routes.count)
            print("jurisdiction matrix: \(routes.count) routes × \(roles.count) roles = \(checked) requests")
        }
    }
}
