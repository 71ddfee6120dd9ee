import Domain
import Foundation
import Testing

@Suite struct PatrolRulesTests {
    @Test func personPatrolsCountEveryOfficerOnEachPatrolAndNoResident() {
        // Seed 004: "全警参与巡逻342人次" — 100 patrols of three officers and 21 of two.
        let patrols = Array(repeating: (companions: 2, residents: 0), count: 100) + Array(repeating: (companions: 1, residents: 5), count: 21)
        #expect(PatrolRules.personPatrols(patrols) == 342)
        #expect(PatrolRules.personPatrols([]) == 0)
        // The starter is never counted twice, nor a companion named twice.
        let v = try? PatrolRules.validateStart(PatrolStart(gridIDs: [3, 3], mode: "foot", companionIDs: [7, 9, 9, 7]), starter: 7).get()
        #expect(v?.companionIDs == [9] && v?.gridIDs == [3])
    }

    @Test func moneyIsSummedExactlyToTheFen() throws {
        let a = try? Yuan.parse("0.1").get(), b = try? Yuan.parse("0.2").get()
        #expect(a == 10 && b == 20 && Yuan.text(a! + b!) == "0.30")
        #expect(try Yuan.parse("3,050").get() == 305_000 && Yuan.text(305_000) == "3,050.00")
        #expect(try Yuan.parse("¥2500.5").get() == 250_050)
        #expect(Yuan.parse("-5") == .failure(.negativeAmount))
        #expect(Yuan.parse("1.005") == .failure(.tooManyDecimals))
        #expect(Yuan.parse("十元") == .failure(.invalidAmount))
        #expect(Yuan.parse("") == .failure(.invalidAmount))
        // Amounts as a spreadsheet would add them in floating point drift; in fen they do not.
        let fen = try (0..<10).map { _ in try Yuan.parse("0.1").get() }.reduce(0, +)
        #expect(Yuan.text(fen) == "1.00")
    }

    @Test func aPatrolEndsOnceAndNeverBeforeItStarted() {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(PatrolRules.validateEnd(startedAt: start, endedAt: start.addingTimeInterval(-120), alreadyEnded: false, now: start)?.problem == .beforeStart)
        #expect(PatrolRules.validateEnd(startedAt: start, endedAt: start.addingTimeInterval(3600), alreadyEnded: false, now: start.addingTimeInterval(7200)) == nil)
        #expect(PatrolRules.validateEnd(startedAt: start, endedAt: start.addingTimeInterval(3600), alreadyEnded: true, now: start.addingTimeInterval(7200))?.problem == .notAllowedNow)
        #expect(PatrolRules.validateEnd(startedAt: start, endedAt: start.addingTimeInterval(7200), alreadyEnded: false, now: start)?.problem == .inFuture)
    }

    @Test func helpNamesWhatItCounts() throws {
        #expect(try HelpRules.validate(HelpInput(kind: "person_found", count: 3)).get().count == 3)
        #expect(try HelpRules.validate(HelpInput(kind: "money", amount: "2,500.00")).get().amountFen == 250_000)
        #expect(HelpRules.validate(HelpInput(kind: "money", amount: "-1")).failureFields == ["amount"])
        #expect(HelpRules.validate(HelpInput(kind: "property", count: 6)).failureFields == ["item"])
        #expect(HelpRules.validate(HelpInput(kind: "rescue", count: 0)).failureFields == ["count"])
        #expect(HelpRules.validate(HelpInput(kind: "bribe")).failureFields == ["kind"])
    }
}

extension Result where Failure == ValidationFailure {
    var failureFields: [String] { if case .failure(let f) = self { f.errors.map(\.field) } else { [] } }
}
