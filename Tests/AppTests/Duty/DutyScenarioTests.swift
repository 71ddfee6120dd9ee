import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// The station leader fills next month's roster and sees 元旦 flagged ahead, prints it on A4;
/// calls the roll; the administrator keeps the holiday calendar; another station sees none of it.
@Suite(.serialized) struct DutyScenarioTests {
    @Test func theLeaderFillsNextMonthSeesTheHolidayGapAndPrintsIt() async throws {
        try await withJingmin { app, f in
            let leader = try await WebSession.signedIn(app, "leaderA")
            let ids = Dictionary(uniqueKeysWithValues: try await ["leaderA", "officerA", "auxA", "officerB"].asyncMap { ($0, try await app.store.credentials(username: $0)!.account.id) })
            let page = try await leader.get("/duty?month=2026-12").body.string
            #expect(page.contains("SA派出所 值班表 2026-12") && page.contains("name=\"weekdays[]\""))
            // The whole of December: the officer by day on working days, the auxiliary at night, the leader at weekends; the hall by the auxiliary… who is then on two shifts at once.
            func assign(_ user: String, _ post: String, _ kind: String, _ weekdays: [Int] = []) async throws -> TestingHTTPResponse {
                var form = ["userID": String(ids[user]!), "post": post, "kind": kind, "from": "2026-12-01", "to": "2026-12-31"]
                for (i, d) in weekdays.enumerated() { form["weekdays[\(i)]"] = String(d) }
                return try await leader.post("/duty/shifts", form)
            }
            #expect(try await assign("officerA", "station", "day", [1, 2, 3, 4, 5]).status == .seeOther)
            #expect(try await assign("auxA", "station", "night").status == .seeOther)
            #expect(try await assign("leaderA", "station", "holiday").status == .seeOther)
            let shifts = try await count(app, "duty_shifts")
            #expect(shifts == 23 + 31 + 8)
            // Bad input: the auxiliary's night shifts overlap a holiday shift; an officer of another station; a holiday shift on a working day.
            let clash = try await assign("auxA", "station", "holiday")
            #expect(clash.status == .unprocessableEntity && clash.body.string.contains("2026-12-05 值班人员：与已排班次时间重叠"))
            let foreign = try await assign("officerB", "hall", "day")
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("值班人员：不是本所的民警或辅警"))
            let working = try await leader.post("/duty/shifts", ["userID": String(ids["officerA"]!), "post": "hall", "kind": "holiday", "from": "2026-12-07", "to": "2026-12-07"])
            #expect(working.status == .unprocessableEntity && working.body.string.contains("节假日班只能排在节假日或休息日"))
            #expect(try await count(app, "duty_shifts") == shifts, "nothing stored")

            // The hall stays empty: every December day is a gap there, and 元旦 is flagged ahead by name.
            let filled = try await leader.get("/duty?month=2026-12").body.string
            #expect(filled.contains("class=\"gap\""))
            #expect(filled.contains("2027-01-01 周五 · 元旦 · 所值班 · 节假日 无人值班"))
            let roster = try await app.get("/api/v1/duty/roster?from=2026-12-01&to=2026-12-31", try await app.bearer("leaderA")).content.decode(Roster.self)
            #expect(roster.gaps.count == 31 && roster.gaps.allSatisfy { $0.post == .hall })
            let gapsCSV = try await leader.get("/duty/gaps/export?format=csv&from=2026-12-01&to=2026-12-31").body.string
            #expect(gapsCSV.components(separatedBy: "户籍大厅").count - 1 == 31)
            let printed = try await leader.get("/duty/print?month=2026-12").body.string
            #expect(printed.contains("/static/roster.css") && printed.contains("所长签字") && !printed.contains("name=\"weekdays[]\""))
            #expect(try await app.testing().sendRequest(.GET, "/static/roster.css").body.string.contains("size: A4 portrait"))

            // Taking someone off a shift is audited; so was every assignment.
            let one = roster.shifts.first { $0.kind == .night }!
            #expect(try await leader.post("/duty/shifts/\(one.id)/remove", [:]).status == .seeOther)
            #expect(try await count(app, "duty_shifts") == shifts - 1)
            let audit = try await (app.db as! any SQLDatabase).select().column("action").from("audit_log").where("action", .like, "duty.%").all().map { try $0.decode(column: "action", as: String.self) }
            #expect(audit.filter { $0 == "duty.assign" }.count == 3 && audit.contains("duty.remove"))

            // Another station: the roster, a shift and the gaps are out of reach; an officer of the station reads it but cannot change it.
            let other = try await app.bearer("officerB")
            let station = roster.stationID
            #expect(try await app.get("/api/v1/duty/roster?station=\(station)&from=2026-12-01&to=2026-12-31", other).status == .notFound)
            #expect(try await app.get("/api/v1/duty/gaps?from=2026-12-01&to=2026-12-31", other).content.decode([StationGap].self).allSatisfy { $0.stationID != station })
            var json = other
            json.contentType = .json
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/duty/shifts/\(roster.shifts[0].id)", headers: json).status == .forbidden)
            let officer = try await WebSession.signedIn(app, "officerA")
            let read = try await officer.get("/duty?month=2026-12").body.string
            #expect(read.contains("我在 2026-11-23 至 2027-01-21 的值班") && read.contains("2026-12-01 周二 · 所值班 · 白班") && !read.contains("name=\"weekdays[]\""))
            #expect(try await officer.post("/duty/shifts", ["userID": String(ids["officerA"]!), "post": "hall", "kind": "day", "from": "2026-12-01", "to": "2026-12-01"]).status == .forbidden)
        }
    }

    @Test func rollCallsAreCalledOnceAndTheirComplianceLeadsToThem() async throws {
        try await withJingmin { app, f in
            let leader = try await WebSession.signedIn(app, "leaderA")
            let form = try await leader.get("/roll-calls").body.string
            let officerA = try await app.store.credentials(username: "officerA")!.account.id, auxA = try await app.store.credentials(username: "auxA")!.account.id
            let officerB = try await app.store.credentials(username: "officerB")!.account.id
            #expect(form.contains("name=\"attendance[\(officerA)]\""))
            let today = ChinaTime.day(TestClock.reference), yesterday = ChinaTime.day(TestClock.reference.addingTimeInterval(-86_400))
            for (day, slot) in [(yesterday, "morning"), (yesterday, "noon"), (yesterday, "evening"), (today, "morning")] {
                let r = try await leader.post("/roll-calls", ["day": day, "slot": slot, "attendance[\(officerA)]": "present", "attendance[\(auxA)]": slot == "evening" ? "leave" : "present",
                                                             "note": "强调冬季防火"])
                #expect(r.status == .seeOther)
            }
            let again = try await leader.post("/roll-calls", ["day": today, "slot": "morning", "attendance[\(officerA)]": "present"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("时段：该时段已经点过名"))
            let foreign = try await leader.post("/roll-calls", ["day": today, "slot": "noon", "attendance[\(officerB)]": "present"])
            #expect(foreign.status == .unprocessableEntity)
            let ahead = try await leader.post("/roll-calls", ["day": ChinaTime.day(TestClock.reference.addingTimeInterval(86_400)), "slot": "noon", "attendance[\(officerA)]": "present"])
            #expect(ahead.status == .unprocessableEntity && ahead.body.string.contains("日期：不能晚于现在"))
            #expect(try await count(app, "roll_calls") == 4)
            #expect(try await count(app, "roll_call_entries") == 8)

            // Two days, one station: 6 expected, 4 held.
            let station = try await app.store.unit(code: "SA", .commandLine(user: "t"))
            let q = "unit=\(station.id)&from=\(yesterday)&to=\(today)"
            let dash = try await leader.get("/dashboard?\(q)").body.string
            #expect(tile(dash, .rollCalls).contains(">4<") && tile(dash, .rollCallCompliance).contains(">66.6%<"), "\(tile(dash, .rollCallCompliance))")
            #expect(tile(dash, .rollCallCompliance).contains("href=\"/roll-calls?\(q.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let listed = try await app.get("/api/v1/roll-calls?\(q)", try await app.bearer("leaderA")).content.decode([RollCallView].self)
            #expect(listed.count == 4 && listed.first { $0.slot == .evening }?.onLeave == 1)
            // The station leader's station; another station's officer sees none of it.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/roll-calls", other).body.string == "[]")
            #expect(try await app.get("/api/v1/roll-calls/\(listed[0].id)", other).status == .notFound)
        }
    }

    @Test func theAdministratorKeepsTheHolidayCalendar() async throws {
        try await withJingmin { app, _ in
            let admin = try await WebSession.signedIn(app, "admin")
            #expect(try await admin.get("/settings/holidays?year=2026").body.string.contains("清明节"))
            let bad = try await admin.post("/settings/holidays", ["name": "", "kind": "holiday", "from": "2027-02-20", "to": "2027-02-05"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("名称：") && bad.body.string.contains("结束日期：早于开始时间"))
            #expect(try await admin.post("/settings/holidays", ["name": "春节", "kind": "holiday", "from": "2027-02-05", "to": "2027-02-11"]).status == .seeOther)
            #expect(try await admin.post("/settings/holidays", ["name": "春节", "kind": "workday", "from": "2027-02-14"]).status == .seeOther)
            let calendar = try await app.store.holidayCalendar()
            #expect(calendar.isRestDay(CivilDate.dayNumber("2027-02-08")!) && !calendar.isRestDay(CivilDate.dayNumber("2027-02-14")!))
            #expect(try await admin.post("/settings/holidays/2027-02-14/remove", [:]).status == .seeOther)
            #expect(try await app.store.holidayCalendar().isRestDay(CivilDate.dayNumber("2027-02-14")!), "a Sunday again")
            // Leaders read it; only the administrator changes it.
            let leader = try await WebSession.signedIn(app, "leaderA")
            #expect(try await leader.post("/settings/holidays", ["name": "x", "kind": "holiday", "from": "2027-03-01"]).status == .forbidden)
            #expect(try await app.get("/api/v1/holidays?year=2026", try await app.bearer("officerA")).content.decode([CalendarDay].self).contains { $0.name == "国庆节" })
            // The dashboard offers each holiday as a period by name.
            let dash = try await leader.get("/dashboard").body.string
            #expect(dash.contains("from=2026-04-04&amp;to=2026-04-06\">2026 清明节</a>"))
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
