import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Seed 000's 90-year-old: a visit finds her ID card expired, the officer books a home visit in
/// his planned hours, the reminder comes the day before, he records 身份证 1 张, she rates it,
/// and the dashboard's 身份证 figure moves by exactly one. On both databases.
@Suite(.serialized) struct AppointmentScenarioTests {
    let cli = Caller.commandLine(user: "t")

    static func caller(_ app: Application, _ username: String) async throws -> Caller {
        try await app.store.credentials(username: username)!.account.caller(clientAddress: "t")
    }

    /// Officer A answers for grid A and keeps the office Monday to Thursday, mornings and evenings.
    static func plan(_ app: Application, _ f: Fixture, capacity: Int = 1) async throws -> Int64 {
        let officer = try await caller(app, "officerA").userID!
        try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officer, Caller.commandLine(user: "t"))
        _ = try await app.store.setOfficePlan(stationID: nil, OfficePlanInput(officerID: officer, blocks: (1...4).flatMap { ["\($0):morning", "\($0):evening"] },
                                                                             capacity: capacity), try await caller(app, "leaderA"))
        return officer
    }

    static func notices(_ app: Application, _ username: String) async throws -> [String] {
        let t = Texts(.zhHans)
        return try await app.store.inbox(try await caller(app, username)).map { t.title(of: $0) }
    }

    @Test func anExpiredIDCardIsRenewedAtHomeRemindedRatedAndCountedOnce() async throws {
        let clock = TestClock()   // Monday 2026-11-23 09:30
        try await withJingmin(clock: clock) { app, f in
            let officerID = try await Self.caller(app, "officerA").userID!
            try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officerID, cli)

            // The leader sets the plan: too few half-days, or an evening left out, is refused and stores nothing.
            let leader = try await WebSession.signedIn(app, "leaderA")
            #expect(try await leader.get("/office-hours").body.string.contains("officerA"))
            let few = try await leader.post("/office-hours/plans", ["officerID": String(officerID), "capacity": "1",
                                                                    "blocks[0]": "1:morning", "blocks[1]": "1:evening", "blocks[2]": "2:morning", "blocks[3]": "2:evening"])
            #expect(few.status == .unprocessableEntity && few.body.string.contains("每周在社区警务室的半天数少于所里的规定"))
            let noEvening = try await leader.post("/office-hours/plans", ["officerID": String(officerID), "capacity": "1",
                                                                          "blocks[0]": "1:morning", "blocks[1]": "2:morning", "blocks[2]": "3:morning", "blocks[3]": "4:afternoon"])
            #expect(noEvening.status == .unprocessableEntity && noEvening.body.string.contains("晚 17:00–21:00 也要有民警在警务室"))
            #expect(try await count(app, "office_plans") == 0)
            var plan: [String: String] = ["officerID": String(officerID), "capacity": "1"]
            for (i, b) in (1...4).flatMap({ ["\($0):morning", "\($0):evening"] }).enumerated() { plan["blocks[\(i)]"] = b }
            #expect(try await leader.post("/office-hours/plans", plan).status == .seeOther)
            #expect(try await leader.get("/office-hours").body.string.contains("每周 4 个半天"))

            // 1. A visit finds the expired ID card; the visit page books from it in one step.
            let officerCaller = try await Self.caller(app, "officerA")
            let (visit, _) = try await app.store.recordVisit(VisitInput(clientID: "appt-visit-0001", householdID: f.householdA.id, residentIDs: [f.residentA.id],
                                                                        visitedAt: clock.now.addingTimeInterval(-600), method: "in_person", categories: ["routine"],
                                                                        findings: [FindingInput(kind: "need", description: "身份证已过期，老人行动不便，需上门办理")]), officerCaller)
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/visits/\(visit.id)").body.string.contains("/appointments/new?visit=\(visit.id)"))
            let form = try await officer.get("/appointments/new?visit=\(visit.id)").body.string
            #expect(form.contains("身份证已过期") && form.contains("本人近期免冠照片") && form.contains("2026-11-25|morning"))
            #expect(!form.contains("2026-11-23|morning"), "a slot already begun is not offered")

            // Bad input: a slot in the past, outside the plan, an unknown kind — each named, nothing stored.
            let booking = ["householdID": String(f.householdA.id), "residentID": String(f.residentA.id), "kind": "id_card_home", "place": "home",
                           "slot": "2026-11-25|morning", "visitID": String(visit.id)]
            for (change, message) in [(["slot": "2026-11-23|morning"], "时间：不能早于现在"), (["slot": "2026-11-27|afternoon"], "时间：不在民警安排的服务时段内"),
                                      (["kind": "passport"], "服务事项："), (["kind": "household_move", "place": "home"], "地点：")] {
                let res = try await officer.post("/appointments/new", booking.merging(change) { $1 })
                #expect(res.status == .unprocessableEntity && res.body.string.contains(message), "\(change)")
            }
            #expect(try await count(app, "appointments") == 0)
            #expect(try await count(app, "appointment_slots") == 0)

            // 2. The officer books the home visit for Wednesday morning.
            let booked = try await officer.post("/appointments/new", booking)
            #expect(booked.status == .seeOther)
            let id = try #require(Int64(booked.headers.first(name: .location)?.split(separator: "/").last ?? ""))
            let page = try await officer.get("/appointments/\(id)").body.string
            #expect(page.contains("上门办理身份证") && page.contains("户口簿") && page.contains("郭秀英"))
            // The slot holds one: the next booking is told it is full, and nothing more is stored.
            let full = try await officer.post("/appointments/new", booking.merging(["residentID": ""]) { $1 })
            #expect(full.status == .unprocessableEntity && full.body.string.contains("已约满，请选择其他时段"))
            #expect(try await count(app, "appointments") == 1)

            // 3. The day-before reminder: not yet on Monday; on Tuesday at 09:00, once, to the officer and the household.
            _ = try await app.store.runDueWork(holder: "a")
            #expect(try await Self.notices(app, "officerA").allSatisfy { !$0.hasPrefix("明天有预约") })
            clock.advance(24 * 3600)
            #expect(try await app.store.runDueWork(holder: "a").appointmentReminders == 1)
            clock.advance(120)
            #expect(try await app.store.runDueWork(holder: "a").appointmentReminders == 0)
            for who in ["officerA", "residentA"] {
                #expect(try await Self.notices(app, who).filter { $0 == "明天有预约：上门办理身份证，2026-11-25 08:30" }.count == 1, "\(who)")
            }
            #expect(try await Self.notices(app, "officerB").isEmpty)

            // 4. Wednesday 09:10 at her home: 身份证 1 张. A counter of another kind is refused first.
            clock.advance(23 * 3600 + 38 * 60)
            let station = try await app.store.unit(code: "SA", cli)
            let scope = FigureScope(unit: station, period: .month(of: clock.now))
            let before = try await app.store.figureCounts(scope, try await Self.caller(app, "leaderA"))
            #expect(before.text(.idCardsIssued) == "0")
            // Two days on, the morning's sessions are new ones.
            let officerToday = try await WebSession.signedIn(app, "officerA"), leaderToday = try await WebSession.signedIn(app, "leaderA")
            try await officerToday.get("/appointments/\(id)")
            let wrong = try await officerToday.post("/appointments/\(id)/done", ["counts[household_books]": "1"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("请修改"), "\(wrong.status) \(wrong.body.string.suffix(800))")
            #expect(try await count(app, "service_counts") == 0)
            #expect(try await officerToday.post("/appointments/\(id)/done", ["counts[id_cards]": "1", "doneNote": "现场采集照片，指纹已录入"]).status == .seeOther)

            // 5. She rates it 满意 in the portal.
            let resident = try await WebSession.signedIn(app, "residentA")
            let mine = try await resident.get("/appointments/\(id)").body.string
            #expect(mine.contains("对这次服务的评价") && mine.contains("身份证 1 张"))
            #expect(try await resident.post("/appointments/\(id)/rating", ["rating": "satisfied"]).status == .seeOther)
            #expect(try await resident.post("/appointments/\(id)/rating", ["rating": "dissatisfied"]).status == .unprocessableEntity)

            // 6. The dashboard's 身份证 figure for the month moved by exactly one; the drill-down lists it.
            let after = try await app.store.figureCounts(scope, try await Self.caller(app, "leaderA"))
            #expect(after.text(.idCardsIssued) == "1" && after.appointmentsDone == before.appointmentsDone + 1)
            #expect(after.text(.appointmentsOnDay) == "100.0%" && after.text(.appointmentSatisfaction) == "100.0%")
            let (from, to) = scope.period.dayStrings()
            let dash = try await leaderToday.get("/dashboard?unit=\(station.id)&from=\(from)&to=\(to)").body.string
            #expect(tile(dash, .idCardsIssued).contains(">1<"), "\(tile(dash, .idCardsIssued))")
            let done = try await app.get("/api/v1/appointments?show=on_day&unit=\(station.id)&from=\(from)&to=\(to)", try await app.bearer("leaderA"))
                .content.decode([AppointmentView].self)
            #expect(done.map(\.id) == [id] && done[0].counts == ["id_cards": 1] && done[0].rating == .satisfied)
            let csv = try await leaderToday.get("/appointments/export?format=csv&show=done&unit=\(station.id)&from=\(from)&to=\(to)").body.string
            #expect(csv.contains("上门办理身份证") && csv.contains("郭秀英"))
            let byKind = try await leaderToday.get("/appointments?show=done&unit=\(station.id)&from=\(from)&to=\(to)").body.string
            #expect(byKind.contains("按服务事项统计") && byKind.contains("<td>身份证（张） 1</td>"))

            // Every step is audited.
            let actions = try await (app.db as! any SQLDatabase).select().column("action").from("audit_log").where("object_type", .equal, "appointment").orderBy("id").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["appointment.create", "appointment.done", "appointment.rate"])

            // Another station and another household see none of it.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/appointments/\(id)", other).status == .notFound)
            #expect(try await app.get("/api/v1/appointments?show=all", other).body.string == "[]")
            let neighbour = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街9号", cli)
            _ = try await app.store.createAccount(NewAccount(username: "neighbourA", displayName: "neighbourA", role: .resident, unitCode: "SA-G", householdID: neighbour.id),
                                                  passwordHash: try await app.password.async.hash(Fixture.password), cli)
            let n = try await app.bearer("neighbourA")
            #expect(try await app.get("/api/v1/appointments/\(id)", n).status == .notFound)
            #expect(try await app.get("/api/v1/appointments?show=all", n).body.string == "[]")
            #expect(try await app.get("/api/v1/office-plans", other).content.decode([OfficePlanView].self).allSatisfy { $0.officerID != officerID })
        }
    }

    @Test func aResidentBooksReschedulesWithAReasonAndACancelledPlaceIsFreeAgain() async throws {
        try await withJingmin { app, f in
            _ = try await Self.plan(app, f)
            let resident = try await app.bearer("residentA")
            let slots = try await app.get("/api/v1/appointments/slots", resident).content.decode([SlotView].self)
            #expect(slots.first.map { "\($0.day) \($0.block.rawValue)" } == "2026-11-23 evening" && slots.allSatisfy { $0.taken == 0 && $0.capacity == 1 })
            var json = resident
            json.contentType = .json
            func send(_ path: String, _ body: some Encodable) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, path, headers: json, body: ByteBuffer(data: try JSONEncoder().encode(body)))
            }
            func book(_ day: String, _ block: String, household: Int64? = nil) async throws -> TestingHTTPResponse {
                try await send("/api/v1/appointments", AppointmentInput(householdID: household ?? f.householdA.id, kind: "certificate", place: "office", day: day, block: block))
            }
            let first = try await book("2026-11-24", "morning")
            #expect(first.status == .created)
            let a = try first.content.decode(AppointmentView.self)
            #expect(a.status == .booked && a.place == .office && a.officerName == "officerA")
            // A reschedule needs a reason; with one it moves, and the old place is free again.
            func post(_ path: String, _ body: [String: String]) async throws -> TestingHTTPResponse { try await send(path, body) }
            let noReason = try await post("/api/v1/appointments/\(a.id)/reschedule", ["day": "2026-11-25", "block": "evening"])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("reason"))
            let moved = try await post("/api/v1/appointments/\(a.id)/reschedule", ["day": "2026-11-25", "block": "evening", "reason": "周二要去医院复查"])
            #expect(try moved.content.decode(AppointmentView.self).day == "2026-11-25")
            #expect(try await book("2026-11-24", "morning").status == .created, "the old place was given back")
            #expect(try await book("2026-11-25", "evening").status == .unprocessableEntity)
            // Cancelled: the place is free again; a cancelled one cannot be confirmed.
            #expect(try await post("/api/v1/appointments/\(a.id)/cancel", ["reason": "已在户政大厅办好"]).status == .ok)
            #expect(try await post("/api/v1/appointments/\(a.id)/confirm", [:]).status == .unprocessableEntity)
            #expect(try await book("2026-11-25", "evening").status == .created)
            // A resident cannot book for another household.
            let foreign = try await book("2026-11-26", "morning", household: f.householdB.id)
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("householdID"))
            #expect(try await count(app, "appointments") == 3)
        }
    }

    /// 50 bookings of a one-place slot at once, over real HTTP: one is stored, 49 hear 已约满.
    @Test func fiftyConcurrentBookingsOfAOnePlaceSlotGiveOneAppointment() async throws {
        try await withJingmin { app, f in
            _ = try await Self.plan(app, f, capacity: 1)
            let token = try await app.bearer("officerA")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let body = try JSONEncoder().encode(AppointmentInput(householdID: f.householdA.id, kind: "id_card_home", place: "home", day: "2026-11-24", block: "morning"))
            let results = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        var headers = token
                        headers.add(name: .contentType, value: "application/json")
                        headers.add(name: .acceptLanguage, value: "zh-CN")
                        let res = try await app.client.post(URI(string: "http://127.0.0.1:\(port)/api/v1/appointments"), headers: headers) { $0.body = ByteBuffer(data: body) }
                        return (res.status, res.body.map { String(buffer: $0) } ?? "")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            await app.server.shutdown()
            #expect(results.filter { $0.0 == .created }.count == 1)
            let refused = results.filter { $0.0 == .unprocessableEntity }
            #expect(refused.count == 49 && refused.allSatisfy { $0.1.contains("已约满") }, "\(results.map(\.0))")
            #expect(try await count(app, "appointments") == 1)
            let taken = try await (app.db as! any SQLDatabase).select().column("taken").from("appointment_slots").first()?.decode(column: "taken", as: Int.self)
            #expect(taken == 1)
        }
    }
}

extension AppointmentScenarioTests {
    /// The administrator adds a kind with its checklist and counters, and retires one: the
    /// retired kind is no longer offered, but its appointment can still be done.
    @Test func theAdministratorConfiguresTheKindsOfService() async throws {
        try await withJingmin { app, f in
            _ = try await Self.plan(app, f, capacity: 3)
            let officer = try await Self.caller(app, "officerA")
            let permit = try await app.store.bookAppointment(AppointmentInput(householdID: f.householdA.id, kind: "residence_permit", place: "home", day: "2026-11-24",
                                                                              block: "morning"), officer)
            let admin = try await WebSession.signedIn(app, "admin")
            #expect(try await admin.get("/settings").body.string.contains("为民服务事项"))
            let bad = try await admin.post("/settings/service-kinds", ["code": "Passport!", "name": "", "counters[0]": "passports"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("名称：") && bad.body.string.contains("办理数量："))
            #expect(try await admin.post("/settings/service-kinds", ["code": "minor_id", "name": "未成年人办理身份证", "materials": "户口簿\n监护人身份证\n",
                                                                     "counters[0]": "id_cards", "atHome": "1", "active": "1"]).status == .seeOther)
            #expect(try await admin.post("/settings/service-kinds/residence_permit", ["name": "居住证", "materials": "身份证", "counters[0]": "permits"]).status == .seeOther)
            let kinds = try await app.get("/api/v1/service-kinds", try await app.bearer("residentA")).content.decode([ServiceKind].self)
            #expect(kinds.map(\.code).contains("minor_id") && !kinds.map(\.code).contains("residence_permit"))
            #expect(kinds.first { $0.code == "minor_id" }?.materials == ["户口簿", "监护人身份证"])
            await #expect(throws: ValidationFailure(field: "kind", .invalidChoice)) {
                _ = try await app.store.bookAppointment(AppointmentInput(householdID: f.householdA.id, kind: "residence_permit", place: "home", day: "2026-11-24",
                                                                         block: "morning"), officer)
            }
            #expect(try await app.store.completeAppointment(id: permit.id, counts: ["permits": 1], note: "", officer).status == .done)
            let actions = try await (app.db as! any SQLDatabase).select().column("action").from("audit_log").where("object_type", .equal, "service_kind").orderBy("id").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["service_kind.create", "service_kind.update"])
        }
    }
}
