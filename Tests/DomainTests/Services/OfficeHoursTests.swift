import Foundation
import Testing
@testable import Domain

/// 2026-12-07 is a Monday. Times are China time.
private func at(_ s: String) -> Date { ChinaTime.parseFormInput(s)! }

@Suite struct OfficeHoursTests {
    let rule = OfficeHoursRule.standard
    let plan = WeeklyPlan(blocks: [
        PlannedBlock(weekday: 1, block: .morning), PlannedBlock(weekday: 1, block: .afternoon), PlannedBlock(weekday: 1, block: .evening),
        PlannedBlock(weekday: 3, block: .morning), PlannedBlock(weekday: 3, block: .afternoon), PlannedBlock(weekday: 3, block: .evening),
    ])

    @Test func aPlanNeedsFourHalfDaysAndTheEveningOfEachPlannedDay() {
        #expect(plan.validate(rule) == nil)
        let three = WeeklyPlan(blocks: [PlannedBlock(weekday: 1, block: .morning), PlannedBlock(weekday: 1, block: .evening),
                                        PlannedBlock(weekday: 2, block: .morning), PlannedBlock(weekday: 2, block: .evening),
                                        PlannedBlock(weekday: 3, block: .morning), PlannedBlock(weekday: 3, block: .evening)])
        #expect(three.validate(rule)?.errors.map(\.problem) == [.tooFewHalfDays])
        #expect(three.validate(OfficeHoursRule(minimumHalfDays: 3)) == nil)                  // the rule is data
        let noEvening = WeeklyPlan(blocks: plan.blocks.subtracting([PlannedBlock(weekday: 3, block: .evening)]))
        #expect(noEvening.validate(rule)?.errors.map(\.problem) == [.eveningUncovered])
        let badDay = WeeklyPlan(blocks: plan.blocks.union([PlannedBlock(weekday: 8, block: .morning)]))
        #expect(badDay.validate(rule)?.errors.map(\.problem) == [.invalidChoice])
    }

    @Test func aWeekCountsHalfDaysKeptEveningsCoveredAndAForgottenCheckOut() throws {
        let sessions = [
            OfficeSession(checkIn: at("2026-12-07 08:25"), checkOut: at("2026-12-07 12:05")),   // Monday morning: kept
            OfficeSession(checkIn: at("2026-12-07 14:00"), checkOut: at("2026-12-07 15:00")),   // afternoon: 60 of 180 minutes
            OfficeSession(checkIn: at("2026-12-07 17:00"), checkOut: nil),                      // evening, check-out forgotten
            OfficeSession(checkIn: at("2026-12-09 08:30"), checkOut: at("2026-12-09 11:10")),   // Wednesday: 160 of 210 ≥ 75 %
        ]
        let week = try #require(OfficeHours.week(monday: "2026-12-07", plan: plan, sessions: sessions, rule: rule, now: at("2026-12-09 13:00")))
        #expect(week.blocks.map(\.state) == [.kept, .missed, .kept, .kept, .pending, .pending])
        #expect((week.halfDaysPlanned, week.halfDaysKept, week.eveningsPlanned, week.eveningsKept) == (3, 2, 1, 1))
        #expect(week.halfDayRate == 2.0 / 3.0)
        #expect(week.gaps.map { "\($0.day) \($0.block.rawValue) \($0.minutesPresent)" } == ["2026-12-07 afternoon 60"])
        #expect(week.forgottenCheckOuts == 1)
        // Nothing has ended on Monday at 08:00: no rate, nothing missed.
        let early = try #require(OfficeHours.week(monday: "2026-12-07", plan: plan, sessions: [], rule: rule, now: at("2026-12-07 08:00")))
        #expect(early.halfDayRate == nil && early.gaps.isEmpty)
        #expect(OfficeHours.week(monday: "2026-12-08", plan: plan, sessions: [], rule: rule, now: at("2026-12-09 13:00")) == nil)
    }

    @Test func aForgottenCheckOutClosesAtTheEndOfItsBlockAndIsFlaggedAnHourLater() {
        let afternoon = OfficeSession(checkIn: at("2026-12-07 14:30"), checkOut: nil)
        #expect(OfficeHours.closedAt(afternoon) == at("2026-12-07 17:00"))
        #expect(!OfficeHours.isForgotten(afternoon, now: at("2026-12-07 16:59")))            // may still be there
        #expect(!OfficeHours.isForgotten(afternoon, now: at("2026-12-07 17:59")))            // may still check out, leaving late
        #expect(OfficeHours.isForgotten(afternoon, now: at("2026-12-07 18:00")))
        #expect(OfficeHours.closedAt(OfficeSession(checkIn: at("2026-12-07 12:30"), checkOut: nil)) == at("2026-12-07 17:00"))
        #expect(OfficeHours.closedAt(OfficeSession(checkIn: at("2026-12-07 22:00"), checkOut: nil)) == at("2026-12-07 22:01"))
        // Five minutes early for the evening is for the evening, not the afternoon's last minutes.
        #expect(OfficeHours.closedAt(OfficeSession(checkIn: at("2026-12-07 16:55"), checkOut: nil)) == at("2026-12-07 21:00"))
        #expect(OfficeHours.closedAt(OfficeSession(checkIn: at("2026-12-07 08:10"), checkOut: nil)) == at("2026-12-07 12:00"))
        // Overlapping check-ins (tapped twice) are not counted twice.
        #expect(OfficeHours.covered(0..<100, by: [10..<50, 20..<60, 90..<200]) == 60)
    }

    @Test func aCheckOutMustFollowItsCheckIn() {
        let checkIn = at("2026-12-07 14:00")
        #expect(OfficeHours.validateCheckOut(at("2026-12-07 13:59"), checkIn: checkIn, now: at("2026-12-07 18:00"))?.errors.map(\.problem) == [.beforeStart])
        #expect(OfficeHours.validateCheckOut(at("2026-12-07 19:00"), checkIn: checkIn, now: at("2026-12-07 18:00"))?.errors.map(\.problem) == [.inFuture])
        #expect(OfficeHours.validateCheckOut(at("2026-12-07 17:00"), checkIn: checkIn, now: at("2026-12-07 18:00")) == nil)
    }
}
