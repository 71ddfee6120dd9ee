import Foundation
import Testing
@testable import Domain

@Suite struct CoverageTests {
    @Test func aGridWithoutHouseholdsHasNoRateRatherThanZero() {
        #expect(Coverage(households: 0, visited: 0).rate == nil)
        #expect(Coverage(households: 0, visited: 0).percentText == "—")
    }

    @Test func percentagesRoundDownSoAlmostAllIsNotAll() {
        #expect(Coverage(households: 200, visited: 199).percentText == "99.5%")
        #expect(Coverage(households: 3, visited: 2).percentText == "66.6%")
        #expect(Coverage(households: 7, visited: 7).percentText == "100.0%")
    }

    @Test func coveragesAddUpByCountsNotByAveragingRates() {
        let total = Coverage(households: 100, visited: 50) + Coverage(households: 10, visited: 10)
        #expect(total == Coverage(households: 110, visited: 60))
    }

    @Test func aMonthRunsFromMidnightOfTheFirstInChinaTime() {
        let p = Period.month(of: Date(timeIntervalSince1970: 1_800_000_000))   // 2027-01-15 CST
        #expect(p.dayStrings().from == "2027-01-01" && p.dayStrings().to == "2027-01-31")
        #expect(Calendar.shanghai.dateComponents([.hour], from: p.start).hour == 0)
    }

    @Test func aDayRangeIncludesBothEnds() throws {
        let p = try #require(Period.days(from: "2027-01-01", to: "2027-01-01"))
        #expect(p.end.timeIntervalSince(p.start) == 86400)
        #expect(Period.days(from: "2027-01-02", to: "2027-01-01") == nil)
        #expect(Period.days(from: "2027-02-30", to: "2027-03-01") == nil)
    }

    @Test func careIsDueACadenceAfterTheLastVisitAndTheShortestCadenceWins() {
        #expect(WorkSettings.defaults.cadence(for: [.veteran]) == 90)
        #expect(WorkSettings.defaults.cadence(for: [.veteran, .elderlyAlone]) == 30)
        #expect(WorkSettings.defaults.cadence(for: [.informant]) == nil)
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(CareCadence.due(lastVisit: t, registered: .distantPast, cadenceDays: 30) == t.addingTimeInterval(30 * 86400))
        #expect(CareCadence.due(lastVisit: nil, registered: t, cadenceDays: 90) == t.addingTimeInterval(90 * 86400))
    }
}

@Suite struct ChinaTimeTests {
    @Test func datesAreWrittenAndReadInChinaTime() {
        let t = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15 08:00 UTC
        #expect(ChinaTime.minute(t) == "2027-01-15 16:00")
        #expect(ChinaTime.clock(t) == "16:00:00")
        #expect(ChinaTime.formInput(t) == "2027-01-15T16:00")
        #expect(ChinaTime.parseFormInput("2027-01-15T16:00") == t)
        #expect(ChinaTime.parseFormInput("2027-01-15T16:00:00") == t)
        #expect(ChinaTime.parseFormInput("15/01/2027") == nil)
    }
}
