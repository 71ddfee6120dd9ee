import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Seed 002's rule through the app: the officer checks in and out at the office on his phone,
/// a forgotten check-out is closed at the end of its block and flagged, and the week's
/// compliance (half-days kept ÷ planned, evenings covered) reaches the leader and the dashboard.
@Suite(.serialized) struct OfficeHoursScenarioTests {
    @Test func checkInsMakeTheWeeksComplianceWithAForgottenCheckOutFlagged() async throws {
        let clock = TestClock()   // Monday 2026-11-23 09:30
        try await withJingmin(clock: clock) { app, f in
            _ = try await AppointmentScenarioTests.plan(app, f)   // Mon–Thu, mornings and evenings
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/office-hours").body.string.contains("未签到"))

            // Monday: in at 09:30, out at 12:00 — 150 of the morning's 210 minutes, short of 75 %.
            #expect(try await officer.post("/office-hours/check-in", ["latitude": "39.91", "longitude": "116.40"]).status == .seeOther)
            let twice = try await officer.post("/office-hours/check-in", [:])
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("已经签到，请先签退"))
            #expect(try await officer.get("/office-hours").body.string.contains("09:30 签到，在岗中"))
            // Bad check-outs: before the check-in, in the future. Nothing is stored.
            for (time, message) in [("2026-11-23T09:00", "签退时间：早于开始时间"), ("2026-11-23T18:00", "签退时间：不能晚于现在"), ("明天", "签退时间：")] {
                let res = try await officer.post("/office-hours/check-out", ["checkOut": time])
                #expect(res.status == .unprocessableEntity && res.body.string.contains(message), "\(time)")
            }
            let sql = app.db as! any SQLDatabase
            #expect(try await sql.select().column("id").from("office_sessions").where(SQLRaw("check_out IS NOT NULL")).all().isEmpty)
            clock.advance(150 * 60)
            let later = try await WebSession.signedIn(app, "officerA")   // the morning's session has timed out
            try await later.get("/office-hours")
            #expect(try await later.post("/office-hours/check-out", [:]).status == .seeOther)
            let none = try await later.post("/office-hours/check-out", [:])
            #expect(none.status == .unprocessableEntity && none.body.string.contains("当前状态下不能进行此操作"))

            // Tuesday: the whole morning kept; the evening checked in at 17:00 and the check-out forgotten.
            /// Each call signs in afresh: the clock moves by hours between them.
            func post(_ path: String, _ body: String) async throws -> TestingHTTPResponse {
                var json = try await app.bearer("officerA")
                json.contentType = .json
                return try await app.testing().sendRequest(.POST, path, headers: json, body: ByteBuffer(string: body))
            }
            clock.advance(20 * 3600 + 35 * 60)   // Tuesday 08:35
            #expect(try await post("/api/v1/office-sessions", "{}").status == .created)
            clock.advance(3 * 3600 + 25 * 60)    // 12:00
            #expect(try await post("/api/v1/office-sessions/check-out", "{}").status == .ok)
            clock.advance(5 * 3600)              // 17:00
            let evening = try await post("/api/v1/office-sessions", #"{"latitude": 39.91, "longitude": 116.40}"#)
            #expect(evening.status == .created)
            #expect(try await post("/api/v1/office-sessions", #"{"latitude": 91, "longitude": 116.40}"#).status == .unprocessableEntity)
            clock.advance(16 * 3600)             // Wednesday 09:00: the rule closed the evening at 21:00

            let leader = try await WebSession.signedIn(app, "leaderA")
            let rows = try await app.get("/api/v1/office-compliance?week=2026-11-25", try await app.bearer("leaderA")).content.decode([ServicesAPI.Compliance].self)
            #expect(rows.count == 1)
            let w = try #require(rows.first)
            #expect(w.officerName == "officerA" && w.halfDaysPlanned == 2 && w.halfDaysKept == 1 && w.eveningsPlanned == 2 && w.eveningsKept == 1)
            #expect(w.forgottenCheckOuts == 1)
            #expect(w.gaps.map { "\($0.day) \($0.block.rawValue)" } == ["2026-11-23 morning", "2026-11-23 evening"])
            let page = try await leader.get("/office-hours").body.string
            #expect(page.contains("<td>1 / 2</td>") && page.contains("<td>50.0%</td>") && page.contains("11-23 周一 上午"))
            let mine = try await WebSession.signedIn(app, "officerA").get("/office-hours").body.string
            #expect(mine.contains("忘记签退（按规则计至 21:00）"))

            // The dashboard: this week so far, 1 of 2 half-days and 1 of 2 evenings.
            let station = try await app.store.unit(code: "SA", Caller.commandLine(user: "t"))
            let counts = try await app.store.figureCounts(FigureScope(unit: station, period: try #require(Period.days(from: "2026-11-23", to: "2026-11-25"))),
                                                          try await AppointmentScenarioTests.caller(app, "leaderA"))
            #expect(counts.text(.officeHalfDayRate) == "50.0%" && counts.text(.officeEveningRate) == "50.0%")

            // Another station sees neither the sessions nor the compliance.
            let other = try await app.get("/api/v1/office-compliance", try await app.bearer("officerB")).content.decode([ServicesAPI.Compliance].self)
            #expect(other.allSatisfy { $0.officerName != "officerA" })
            #expect(try await app.get("/api/v1/office-compliance?station=\(station.id)", try await app.bearer("officerB")).status == .notFound)
        }
    }
}

extension OfficeHoursScenarioTests {
    /// The resident's portal shows this week's hours at their community office; the station may
    /// publish them to anyone, without personal data. Walk-ins are logged in two taps.
    @Test func residentsSeeTheOfficeHoursAndWalkInsAreLoggedByTopic() async throws {
        try await withJingmin { app, f in
            let cli = Caller.commandLine(user: "t")
            _ = try await AppointmentScenarioTests.plan(app, f)
            let office = try await app.store.savePlace(id: nil, gridID: f.gridA.id, name: "甲社区警务室", kind: "police_office", address: "甲街10号", cli)
            let foreign = try await app.store.savePlace(id: nil, gridID: f.gridB.id, name: "乙社区警务室", kind: "police_office", address: "乙街10号", cli)
            let home = try await WebSession.signedIn(app, "residentA").get("/").body.string
            #expect(home.contains("本周社区警务室坐班") && home.contains("甲社区警务室") && home.contains("社区民警 officerA") && home.contains("周四"))
            #expect(!home.contains("乙社区警务室"))

            // Not public until the station says so.
            #expect(try await app.testing().sendRequest(.GET, "/offices/\(office.id)").status == .notFound)
            let leader = try await WebSession.signedIn(app, "leaderA")
            try await leader.get("/office-hours")
            let bad = try await leader.post("/office-hours/offices/\(office.id)", ["phone": "请拨打", "published": "1"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("警务室电话："))
            #expect(try await leader.post("/office-hours/offices/\(foreign.id)", ["phone": "0371-66660000", "published": "1"]).status == .notFound)
            #expect(try await leader.post("/office-hours/offices/\(office.id)", ["phone": "0371-6666 8888", "published": "1"]).status == .seeOther)
            let page = try await app.testing().sendRequest(.GET, "/offices/\(office.id)")
            #expect(page.status == .ok)
            let text = page.body.string
            #expect(text.contains("甲社区警务室") && text.contains("0371-6666 8888") && text.contains("上午 08:30–12:00") && text.contains("officerA"))
            #expect(!text.contains("郭秀英") && !text.contains(Fixture.idA) && !text.contains("甲街1号"))
            #expect(try await app.testing().sendRequest(.GET, "/offices/\(foreign.id)").status == .notFound)

            // 接待登记: anonymous, then a named resident whose question becomes an appointment.
            let officer = try await WebSession.signedIn(app, "officerA")
            try await officer.get("/consultations")
            let unknown = try await officer.post("/consultations", ["topic": "passport", "outcome": "answered"])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("咨询事项："))
            #expect(try await officer.post("/consultations", ["topic": "household_move", "outcome": "answered"]).headers.first(name: .location) == "/consultations")
            #expect(try await officer.get("/consultations?resident=\(f.residentA.id)").body.string.contains("郭秀英"))
            let turned = try await officer.post("/consultations", ["topic": "id_card_home", "outcome": "appointment", "residentID": String(f.residentA.id)])
            #expect(turned.headers.first(name: .location) == "/appointments/new?household=\(f.householdA.id)")
            #expect(try await officer.post("/consultations", ["topic": "certificate", "outcome": "answered", "residentID": String(f.residentB.id)]).status == .unprocessableEntity)
            #expect(try await count(app, "consultations") == 2)
            let list = try await officer.get("/consultations").body.string
            #expect(list.contains("按事项统计") && list.contains("户口迁入 / 迁出咨询") && list.contains("来访群众（未登记姓名）"))
            let station = try await app.store.unit(code: "SA", cli)
            let counts = try await app.store.figureCounts(FigureScope(unit: station, period: .month(of: TestClock.reference)), try await AppointmentScenarioTests.caller(app, "leaderA"))
            #expect(counts.consultations == 2)
            #expect(try await app.get("/api/v1/consultations", try await app.bearer("officerB")).body.string == "[]")
        }
    }
}

extension OfficeHoursScenarioTests {
    /// The rule is data: the administrator raises the half-days, and a plan short of them is
    /// refused. The leader excuses a day: no bookings that day, and its blocks are not owed —
    /// but not a day already booked, nor one gone by.
    @Test func theRuleIsSettingsAndAnExcusedDayTakesNoBookingsAndIsNotOwed() async throws {
        let clock = TestClock()   // Monday 2026-11-23 09:30
        try await withJingmin(clock: clock) { app, f in
            let officer = try await AppointmentScenarioTests.plan(app, f, capacity: 2)   // Mon–Thu mornings and evenings
            let admin = try await WebSession.signedIn(app, "admin")
            try await admin.get("/settings")
            let bad = try await admin.post("/settings/office-hours", ["minimumHalfDays": "11", "keptPercent": "40"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("每周在社区警务室的最少半天数："))
            #expect(try await admin.post("/settings/office-hours", ["minimumHalfDays": "5", "keptPercent": "50"]).status == .seeOther)
            #expect(try await app.store.officeHoursRule() == OfficeHoursRule(minimumHalfDays: 5, keptShare: 0.5))
            let leaderCaller = try await AppointmentScenarioTests.caller(app, "leaderA")
            await #expect(throws: ValidationFailure(field: "blocks", .tooFewHalfDays)) {
                _ = try await app.store.setOfficePlan(stationID: nil, OfficePlanInput(officerID: officer, blocks: (1...4).flatMap { ["\($0):morning", "\($0):evening"] },
                                                                                     capacity: 2), leaderCaller)
            }

            // Wednesday is booked; Tuesday is free. Tuesday can be excused, Wednesday not, last week not.
            let officerCaller = try await AppointmentScenarioTests.caller(app, "officerA")
            _ = try await app.store.bookAppointment(AppointmentInput(householdID: f.householdA.id, kind: "certificate", place: "office", day: "2026-11-25", block: "morning"),
                                                    officerCaller)
            let leader = try await WebSession.signedIn(app, "leaderA")
            try await leader.get("/office-hours")
            let booked = try await leader.post("/office-hours/days-off", ["officerID": String(officer), "day": "2026-11-25", "reason": "培训", "off": "1"])
            #expect(booked.status == .unprocessableEntity && booked.body.string.contains("当天已有预约，请先改约或取消"))
            let past = try await leader.post("/office-hours/days-off", ["officerID": String(officer), "day": "2026-11-20", "reason": "补假", "off": "1"])
            #expect(past.status == .unprocessableEntity && past.body.string.contains("不能早于现在"))
            #expect(try await leader.post("/office-hours/days-off", ["officerID": String(officer), "day": "2026-11-24", "reason": "市局培训", "off": "1"]).status == .seeOther)
            #expect(try await leader.get("/office-hours").body.string.contains("2026-11-24 不接受预约（市局培训）"))
            let slots = try await app.get("/api/v1/appointments/slots", try await app.bearer("residentA")).content.decode([SlotView].self)
            #expect(!slots.contains { $0.day == "2026-11-24" } && slots.contains { $0.day == "2026-11-25" })
            await #expect(throws: ValidationFailure(field: "slot", .outsidePlan)) {
                _ = try await app.store.bookAppointment(AppointmentInput(householdID: f.householdA.id, kind: "certificate", place: "office", day: "2026-11-24", block: "morning"),
                                                        officerCaller)
            }
            // Wednesday morning: Monday and Tuesday have ended with no check-in; Tuesday is not owed.
            clock.advance(2 * 86400)
            let rows = try await app.get("/api/v1/office-compliance", try await app.bearer("leaderA")).content.decode([ServicesAPI.Compliance].self)
            #expect(rows.first.map { ($0.halfDaysPlanned, $0.eveningsPlanned, $0.gaps.map(\.day)) }! == (1, 1, ["2026-11-23", "2026-11-23"]))
            // Given back, Tuesday is owed again.
            let again = try await WebSession.signedIn(app, "leaderA")
            try await again.get("/office-hours")
            #expect(try await again.post("/office-hours/days-off", ["officerID": String(officer), "day": "2026-11-24", "off": "0"]).status == .seeOther)
            let owed = try await app.get("/api/v1/office-compliance", try await app.bearer("leaderA")).content.decode([ServicesAPI.Compliance].self)
            #expect(owed.first?.halfDaysPlanned == 2)
        }
    }

    /// 不满意 goes to the station leaders' inbox, and only theirs.
    @Test func aDissatisfiedRatingReachesTheStationLeader() async throws {
        try await withJingmin { app, f in
            _ = try await AppointmentScenarioTests.plan(app, f)
            let officer = try await AppointmentScenarioTests.caller(app, "officerA")
            let a = try await app.store.bookAppointment(AppointmentInput(householdID: f.householdA.id, kind: "certificate", place: "office", day: "2026-11-24", block: "morning"),
                                                        officer)
            _ = try await app.store.completeAppointment(id: a.id, counts: ["certificates": 1], note: "", officer)
            _ = try await app.store.rateAppointment(id: a.id, rating: "dissatisfied", try await AppointmentScenarioTests.caller(app, "residentA"))
            #expect(try await AppointmentScenarioTests.notices(app, "leaderA") == ["群众对预约服务不满意：开具证明 甲街1号"])
            #expect(try await AppointmentScenarioTests.notices(app, "officerB").isEmpty)
            let list = try await app.get("/api/v1/appointments?show=dissatisfied", try await app.bearer("leaderA")).content.decode([AppointmentView].self)
            #expect(list.map(\.id) == [a.id])
        }
    }
}
