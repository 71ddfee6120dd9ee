import Foundation
import Testing
@testable import Domain

/// Which periods the dashboard may read from the visit rollups: only those made of whole China-time
/// days (visits) or whole months (households); anything else must count the visits.
@Suite struct RollupKeysTests {
    let cal = Calendar.shanghai
    func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0) -> Date { cal.date(from: DateComponents(year: y, month: m, day: d, hour: h))! }

    @Test func daysAndMonthsAreChinaTimeNotUTC() {
        // 2026-11-01 07:30 in China is still 31 October in UTC.
        let early = at(2026, 11, 1).addingTimeInterval(7.5 * 3600)
        #expect(RollupKeys.month(early) == 202611)
        #expect(RollupKeys.day(early) == RollupKeys.day(at(2026, 11, 1)))
        #expect(RollupKeys.day(at(2026, 11, 1)) - RollupKeys.day(at(2026, 10, 31, 23)) == 1)
        #expect(RollupKeys.day(Date(timeIntervalSince1970: 0)) == 0, "08:00 on 1 January 1970 in China is that day")
    }

    @Test func aMonthIsOneMonthOfWholeDays() {
        let november = Period.month(of: at(2026, 11, 23, 15))
        #expect(november.rollupMonths == 202611...202611)
        #expect(november.rollupDays?.count == 30)
    }

    @Test func aQuarterIsThreeMonthsAcrossTheYearEnd() {
        let winter = Period(start: at(2026, 12, 1), end: at(2027, 3, 1))
        #expect(winter.rollupMonths == 202612...202702)
    }

    @Test func aWeekIsWholeDaysButNotWholeMonths() {
        let week = Period.days(from: "2026-11-16", to: "2026-11-22")!
        #expect(week.rollupDays?.count == 7 && week.rollupMonths == nil)
        // Ending on the first of a month but starting mid-month is no whole month either.
        #expect(Period(start: at(2026, 10, 15), end: at(2026, 11, 1)).rollupMonths == nil)
    }

    @Test func aPeriodNotAtMidnightHasNoRollup() {
        let p = Period(start: at(2026, 11, 1, 9), end: at(2026, 11, 2))
        #expect(p.rollupDays == nil && p.rollupMonths == nil)
        #expect(Period(start: at(2026, 11, 1).addingTimeInterval(0.5), end: at(2026, 12, 1)).rollupDays == nil)
    }
}
