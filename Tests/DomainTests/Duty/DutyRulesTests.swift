import Domain
import Foundation
import Testing

@Suite struct DutyRulesTests {
    static let calendar = HolidayCalendar(HolidayRules.seed2026.flatMap { (try? HolidayRules.validate($0).get()) ?? [] })
    static func n(_ day: String) -> Int { CivilDate.dayNumber(day)! }

    /// Every shift of every day in the range, for one person per post, except what `skip` says.
    static func roster(_ from: String, _ to: String, skip: (String, DutyPost) -> Bool = { _, _ in false }) -> [DutyShift] {
        var out: [DutyShift] = []
        for d in n(from)...n(to) {
            let day = CivilDate.iso(dayNumber: d), rest = calendar.isRestDay(d)
            for (post, user) in [(DutyPost.station, Int64(1)), (.hall, Int64(2))] where !skip(day, post) {
                if rest { out.append(DutyShift(day: day, post: post, kind: .holiday, userID: user)) } else {
                    out.append(DutyShift(day: day, post: post, kind: .day, userID: user))
                    if post == .station { out.append(DutyShift(day: day, post: post, kind: .night, userID: 3)) }
                }
            }
        }
        return out
    }

    @Test func daysAreCountedAndNamedWithoutACalendar() {
        #expect(CivilDate.iso(dayNumber: Self.n("2026-02-28")) == "2026-02-28")
        #expect(CivilDate.iso(dayNumber: Self.n("2024-02-29") + 1) == "2024-03-01")
        #expect(CivilDate.weekday(dayNumber: Self.n("2026-11-23")) == 1 && CivilDate.weekday(dayNumber: Self.n("2026-02-14")) == 6)
        #expect(CivilDate.dayNumber("2026-02-30") == nil && CivilDate.dayNumber("2026-2-3") == nil)
    }

    @Test func theHolidayCalendarKnowsDaysOffAndDaysWorkedInExchange() {
        let c = Self.calendar
        #expect(c.isRestDay(Self.n("2026-02-16")), "春节 on a Monday is a day off")
        #expect(!c.isRestDay(Self.n("2026-02-14")), "the Saturday worked for 春节 is a working day")
        #expect(c.isRestDay(Self.n("2026-02-07")) && !c.isRestDay(Self.n("2026-02-09")))
        #expect(c.periods.first { $0.name == "清明节" } == HolidayPeriod(name: "清明节", from: "2026-04-04", to: "2026-04-06"))
        #expect(c.periods.first { $0.name == "春节" } == HolidayPeriod(name: "春节", from: "2026-02-15", to: "2026-02-23"))
        #expect(HolidayRules.validate(HolidayInput(name: "", kind: "holiday", from: "2026-05-03", to: "2026-05-01")).failureFields == ["name", "to"])
    }

    @Test func gapsAcrossAHolidayWithAnAdjustedWorkingDay() {
        let c = Self.calendar
        // 2026-02-12 … 03-01: the Saturday 02-14 worked in exchange, 春节 02-15 … 02-23, the Saturday 02-28 worked.
        #expect(RosterRules.gaps(from: Self.n("2026-02-12"), to: Self.n("2026-03-01"), shifts: Self.roster("2026-02-12", "2026-03-01"), calendar: c).isEmpty)
        // Nobody at the hall on 初一 (a holiday) nor on the Saturday worked for it.
        let shifts = Self.roster("2026-02-12", "2026-03-01") { day, post in post == .hall && (day == "2026-02-17" || day == "2026-02-14") }
        let gaps = RosterRules.gaps(from: Self.n("2026-02-12"), to: Self.n("2026-03-01"), shifts: shifts, calendar: c)
        #expect(gaps == [DutyGap(day: "2026-02-14", problem: .uncovered, post: .hall, kind: .day),
                         DutyGap(day: "2026-02-17", problem: .uncovered, post: .hall, kind: .holiday, holiday: "春节")])
        // A roster made as if 02-14 were an ordinary Saturday leaves the station's night empty.
        let asWeekend = Self.roster("2026-02-12", "2026-03-01").filter { $0.day != "2026-02-14" } + [DutyShift(day: "2026-02-14", post: .station, kind: .day, userID: 1), DutyShift(day: "2026-02-14", post: .hall, kind: .day, userID: 2)]
        #expect(RosterRules.gaps(from: Self.n("2026-02-14"), to: Self.n("2026-02-14"), shifts: asWeekend, calendar: c) == [DutyGap(day: "2026-02-14", problem: .uncovered, post: .station, kind: .night)])
        // An empty holiday asks for its holiday shift at both posts.
        #expect(RosterRules.gaps(from: Self.n("2026-04-05"), to: Self.n("2026-04-05"), shifts: [], calendar: c).map(\.kind) == [.holiday, .holiday])
    }

    @Test func overlappingShiftsAreRefusedAndFlagged() {
        let c = Self.calendar
        let existing = [DutyShift(day: "2026-12-07", post: .station, kind: .night, userID: 5)]
        // The night shift runs to 08:30 next morning: a day shift on 12-08 at the hall starts as it ends; one on 12-07 overlaps nothing either.
        #expect((try? RosterRules.plan(ShiftInput(post: "hall", kind: "day", userID: 5, from: "2026-12-07", to: "2026-12-08"), calendar: c, existing: existing).get())?.count == 2)
        // A holiday shift on Sunday 12-06 runs into Monday morning, and the night of 12-07 is taken: 12-05 (Sat) is fine, 12-06 too; the night of 12-07 twice is not.
        #expect(RosterRules.plan(ShiftInput(post: "station", kind: "night", userID: 5, from: "2026-12-06", to: "2026-12-08"), calendar: c, existing: existing).failureFields == ["day.2026-12-07"])
        #expect(RosterRules.plan(ShiftInput(post: "station", kind: "holiday", userID: 5, from: "2026-12-07", to: "2026-12-07"), calendar: c, existing: []).failureFields == ["kind"],
                "a holiday shift on a working Monday is refused")
        // A holiday shift over a week lands on its weekend only.
        #expect((try? RosterRules.plan(ShiftInput(post: "hall", kind: "holiday", userID: 5, from: "2026-12-07", to: "2026-12-13"), calendar: c, existing: []).get())?.map(\.day) == ["2026-12-12", "2026-12-13"])
        #expect(RosterRules.plan(ShiftInput(post: "hall", kind: "night", userID: 5, from: "2026-12-07", to: "2026-12-01", weekdays: [8]), calendar: c, existing: []).failureFields == ["kind", "weekdays", "to"])
        // Two shifts of one person at once, however they got there, are flagged on the later.
        let both = [DutyShift(day: "2026-12-07", post: .station, kind: .day, userID: 5), DutyShift(day: "2026-12-07", post: .hall, kind: .day, userID: 5)]
        #expect(RosterRules.gaps(from: Self.n("2026-12-07"), to: Self.n("2026-12-07"), shifts: both, calendar: c).filter { $0.problem == .overlap }
                == [DutyGap(day: "2026-12-07", problem: .overlap, post: .hall, kind: .day, userID: 5)])
    }

    @Test func rollCallComplianceIsHeldOverThreeADay() {
        #expect(RollCallRules.expected(days: 30, stations: 2) == 180)
        #expect(RollCallRules.expected(days: 0, stations: 2) == 0)
        #expect(Percent.text(81, of: RollCallRules.expected(days: 30, stations: 1)) == "90.0%")
        let bad = RollCallRules.validate(RollCallInput(day: "2026-12-08", slot: "midnight", attendance: [7: "asleep"]), today: "2026-12-07")
        #expect(bad.failureFields == ["day", "slot", "attendance.7"])
        #expect((try? RollCallRules.validate(RollCallInput(day: "2026-12-07", slot: "noon", attendance: [7: "present", 8: "leave"], note: " 强调防火 "), today: "2026-12-07").get())?.note == "强调防火")
    }
}
