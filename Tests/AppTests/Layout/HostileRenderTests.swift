import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

/// Every page, rendered over records whose every name, address and description is markup, and
/// asked with markup in its query string: what was typed must come out as text, never as a tag
/// or an attribute break.
@Suite(.serialized) struct HostileRenderTests {
    /// Each carries its own marker, so a leak names the field it came from.
    static func hostile(_ marker: String) -> String { #"'"><script>\#(marker)</script>"# }
    static let ownMarkupEscaped = ["&amp;lt;", "&amp;quot;", "&amp;#39;", "=&quot;"] + ["a", "span", "li", "strong", "option", "input", "td", "tr",
        "div", "p", "svg", "rect", "path", "text", "br", "small", "button", "label", "time", "progress", "dt", "dd", "h2", "ul", "form", "select", "textarea"]
        .map { "&lt;\($0) " } + ["&lt;br&gt;", "&lt;strong&gt;", "&lt;li&gt;", "&lt;p&gt;", "&lt;td&gt;", "&lt;tr&gt;", "&lt;dt&gt;", "&lt;dd&gt;"]
    static let markers = ["address", "name", "description", "outcome", "place", "campaign", "unit", "query", "group"]

    @Test func noPageLetsTypedTextBecomeMarkup() async throws {
        try await withJingmin { app, f in
            let s = app.store, cli = Caller.commandLine(user: "t")
            let leader = try await s.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            let officer = try await s.credentials(username: "officerA")!.account
            let household = try await s.createHousehold(gridID: f.gridA.id, address: Self.hostile("address"), cli)
            _ = try await s.createResident(householdID: household.id, ResidentInput(name: Self.hostile("name"), gender: "male", birthDate: nil,
                                                                                  idNumber: "110105195505050034", phone: nil, tags: ["elderly_alone"]), cli)
            _ = try await s.createUnit(code: "SA-C2", name: Self.hostile("unit"), kind: .community, parentCode: "SA", cli)
            let request = try await s.createRequest(RequestInput(categoryCode: "traffic", description: Self.hostile("description"), address: Self.hostile("address"),
                                                                 gridID: f.gridA.id, contactName: Self.hostile("name")), origin: RequestOrigin(channel: .hotline), leader)
            _ = try await s.assignRequest(id: request.id, unitID: f.gridA.id, assigneeID: officer.id, leader)
            _ = try await s.createMeeting(MeetingInput(unitID: f.gridA.id, kind: "forum", heldOn: ChinaTime.day(TestClock.reference), place: Self.hostile("place"),
                                                       attendance: Attendance(residents: 3), minutes: Self.hostile("outcome"), evaluation: Evaluation(satisfied: 3)), leader)
            let stationA = try await s.unit(code: "SA", cli)
            _ = try await s.createCampaign(CampaignInput(name: Self.hostile("campaign"), startDate: ChinaTime.day(TestClock.reference),
                                                         endDate: ChinaTime.day(TestClock.reference.addingTimeInterval(9 * 86400)), unitIDs: [stationA.id], target: "households"), cli)

            let dispute = try await s.createDispute(DisputeInput(typeCode: "neighbour", summary: Self.hostile("description"), gridID: f.gridA.id, risk: "high", source: "hotline",
                                                                 parties: [PartyInput(name: Self.hostile("name"), side: "applicant")]), leader)
            _ = try await s.recordMediation(disputeID: dispute.dispute.id, SessionInput(heldAt: TestClock.reference, place: Self.hostile("place"),
                                                                                       mediators: [MediatorInput(role: "lawyer", name: Self.hostile("name"))],
                                                                                       attendedPartyIDs: [dispute.parties[0].id], agreed: Self.hostile("outcome"),
                                                                                       outcome: "referred", referredTo: Self.hostile("place")), leader)
            let clue = try await s.createClue(ClueInput(gridID: f.gridA.id, source: "patrol", summary: Self.hostile("description")), leader)
            _ = try await s.setClueOutcome(id: clue.id, outcome: "solved", caseNumber: Self.hostile("outcome"), leader)
            // A victim whose name, address and the case's address are markup (a CSV cell may hold anything).
            let h = { (m: String) in "\"" + Self.hostile(m).replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            _ = try await s.importCases(csv: """
                case_number,case_type,occurred_at,address,grid_code,case_unit,victim_name,victim_id_number,victim_phone,victim_address
                SA-H,盗窃,2026-11-20,\(h("address")),SA-G,SA,\(h("name")),110105198001010016,,\(h("address"))
                """, cli)
            let patrol = try await s.startPatrol(PatrolStart(gridIDs: [f.gridA.id], mode: "ebike", residents: 1, residentNames: Self.hostile("name")), officer.caller(clientAddress: "t"))
            _ = try await s.addHelp(.patrol(patrol.id), HelpInput(kind: "property", detail: Self.hostile("description"), count: 1, item: "手机"), officer.caller(clientAddress: "t"))
            _ = try await s.addPatrolFinding(patrolID: patrol.id, FindingInput(kind: "hazard", description: Self.hostile("description")), officer.caller(clientAddress: "t"))
            _ = try await s.endPatrol(id: patrol.id, endedAt: nil, note: Self.hostile("outcome"), officer.caller(clientAddress: "t"))
            let publicity = try await s.createPublicity(PublicityInput(kind: "event", topic: "drugs", heldOn: ChinaTime.day(TestClock.reference), unitID: f.gridA.id,
                                                                       summary: Self.hostile("description"), place: Self.hostile("place")), officer.caller(clientAddress: "t"))
            let rollCall = try await s.recordRollCall(stationID: nil, RollCallInput(day: ChinaTime.day(TestClock.reference), slot: "morning", attendance: [officer.id: "present"],
                                                                                   note: Self.hostile("outcome")), leader)
            let neighbour = try await s.createHousehold(gridID: f.gridA.id, address: "甲街3号", cli)
            let alarmGroup = try await s.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: f.gridA.id, name: Self.hostile("group"), householdIDs: [household.id, neighbour.id]),
                                                        officer.caller(clientAddress: "t"))
            _ = try await s.registerAlarmDevice(AlarmDeviceInput(householdID: household.id, name: String(Self.hostile("name").prefix(40))), officer.caller(clientAddress: "t"))
            let inHousehold = try await s.createAccount(NewAccount(username: "hostileResident", displayName: Self.hostile("name"), role: .resident, unitCode: "SA-G",
                                                                   householdID: household.id), passwordHash: "x", cli)
            let alarm = try await s.raiseAlarm(AlarmInput(kind: "fight", note: String(Self.hostile("description").prefix(200))), inHousehold.caller(clientAddress: "t"))
            _ = try await s.actOnAlarm(id: alarm.alarm.id, .reinforce, AlarmActionInput(notes: Self.hostile("outcome")), leader)
            try await s.setResponsibleOfficer(gridID: f.gridA.id, userID: officer.id, cli)
            _ = try await s.setOfficePlan(stationID: nil, OfficePlanInput(officerID: officer.id, blocks: (1...5).flatMap { ["\($0):morning", "\($0):evening"] }, capacity: 2), leader)
            let booking = AppointmentInput(householdID: household.id, kind: "id_card_home", place: "home", day: "2026-11-24", block: "morning", note: Self.hostile("description"))
            let appointment = try await s.bookAppointment(booking, officer.caller(clientAddress: "t"))
            _ = try await s.bookAppointment(booking, officer.caller(clientAddress: "t"))
            _ = try await s.completeAppointment(id: appointment.id, counts: ["id_cards": 1], note: Self.hostile("outcome"), officer.caller(clientAddress: "t"))
            let office = try await s.savePlace(id: nil, gridID: f.gridA.id, name: Self.hostile("place"), kind: "police_office", address: Self.hostile("address"), cli)
            _ = try await s.savePoliceOffice(placeID: office.id, phone: "0371-66668888", published: true, leader)
            let point = try await s.savePlace(id: nil, gridID: f.gridA.id, name: Self.hostile("place"), kind: "service_point", address: Self.hostile("address"), cli)
            try await s.logServicePointService(ServicePointLogInput(placeID: point.id, kind: "help", note: Self.hostile("description")), officer.caller(clientAddress: "t"))
            _ = try await s.recordConsultation(ConsultationInput(topic: "other", outcome: "answered", residentID: f.residentA.id, note: Self.hostile("description")),
                                               officer.caller(clientAddress: "t"))
            let round = try await s.createRound(RoundInput(name: Self.hostile("campaign"), questionnaireID: 1, startDate: ChinaTime.day(TestClock.reference),
                                                           endDate: "2026-12-31", unitIDs: [stationA.id], mode: "all"), leader)
            let sample = try #require(try await s.callList(roundID: round.id, leader).due.first { $0.householdID == household.id })
            _ = try await s.saveInformant(InformantInput(residentID: f.residentA.id, areaUnitID: f.gridA.id, contactOfficerID: officer.id), leader)
            _ = try await s.recordInformantContact(residentID: f.residentA.id, InformantContactInput(kind: "visit", note: Self.hostile("description")), leader)
            _ = try await s.recognizeInformant(residentID: f.residentA.id, RecognitionInput(kind: "thanks", note: Self.hostile("outcome")), leader)
            let query = Self.hostile("query").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let ids: [String: Int64] = ["units": f.gridA.id, "households": household.id, "residents": f.residentA.id, "requests": request.id,
                                        "visits": 1, "meetings": 1, "campaigns": 1, "tasks": 1, "users": 1, "request-photos": 1, "disputes": dispute.dispute.id, "clues": clue.id, "victims": 1, "patrols": patrol.id, "publicity": publicity.id,
                                        "roll-calls": rollCall.id, "alarm-groups": alarmGroup.id, "alarms": alarm.alarm.id, "appointments": appointment.id + 1, "offices": office.id,
                                        "surveys": round.id, "survey-samples": sample.id, "questionnaires": 1,
                                        "informants": f.residentA.id]
            let pages = app.routes.all.filter { r in
                r.method == .GET && r.path.first?.description != "api" && r.path.first?.description != "open311"
                    && !r.path.contains { ["events", "language", "export", "healthz", "readyz", "metrics", "openapi.yaml"].contains($0.description) }
            }
            #expect(pages.count > 25, "the router lists its pages (\(pages.count))")
            var leaks: [String] = [], shown = 0
            for username in ["leaderA", "officerA", "admin"] {
                let web = try await WebSession.signedIn(app, username)
                for route in pages {
                    let path = "/" + route.path.enumerated().map { i, part in
                        part.description == ":id" ? String(ids[route.path[i - 1].description] ?? 1) : part.description
                    }.joined(separator: "/")
                    let res = try await web.get(path + "?q=\(query)&show=\(query)&from=\(query)&unit=\(query)")
                    #expect(res.status.code < 500, "\(username) \(path) → \(res.status.code)")
                    let html = res.body.string
                    // Shown at all, it must be shown whole and escaped: a raw tag, or a raw quote before the
                    // escaped tag (an attribute broken open), is a leak.
                    for marker in Self.markers {
                        let appearances = html.components(separatedBy: "script&gt;\(marker)").count - 1 + html.components(separatedBy: "<script>\(marker)").count - 1
                        let escaped = html.components(separatedBy: "&#39;&quot;&gt;&lt;script&gt;\(marker)").count - 1
                        if appearances != escaped { leaks.append("\(username) \(path): \(marker)") }
                    }
                    shown += Self.markers.filter { html.contains("&lt;script&gt;\($0)") }.count
                    // Our own markup is never escaped as if it were text, nor text escaped twice.
                    for wrong in Self.ownMarkupEscaped where html.contains(wrong) { leaks.append("\(username) \(path): shows \(wrong)") }
                }
            }
            #expect(leaks.isEmpty, "\(leaks)")
            #expect(shown > 20, "the hostile texts were on the pages, escaped (\(shown) times)")
            print("hostile render: \(pages.count) pages × 3 roles, the typed markup shown as text \(shown) times")
        }
    }
}
