import Foundation
import Testing
@testable import Domain

@Suite struct ClueRulesTests {
    @Test func eachSourceNamesWhatItNeeds() throws {
        #expect(throws: ValidationFailure(field: "findingID", .required)) { try ClueRules.validate(ClueInput(gridID: 1, source: "visit", summary: "有人收购来路不明的电瓶")).get() }
        #expect(throws: ValidationFailure(field: "informantID", .required)) { try ClueRules.validate(ClueInput(gridID: 1, source: "informant", summary: "x")).get() }
        #expect(throws: ValidationFailure(field: "summary", .required)) { try ClueRules.validate(ClueInput(gridID: 1, source: "walk_in", summary: "  ")).get() }
        #expect(try ClueRules.validate(ClueInput(gridID: 1, source: "patrol", summary: " 夜间有人撬车 ")).get() == ValidClue(source: .patrol, summary: "夜间有人撬车"))
    }

    @Test func anOutcomeMovesForwardOnlyAndASolvedCaseHasItsNumber() throws {
        #expect(try ClueRules.outcome("verified", caseNumber: nil, current: .open).get() == (.verified, ""))
        #expect(try ClueRules.outcome("solved", caseNumber: " A2026-118 ", current: .verified).get() == (.solved, "A2026-118"))
        #expect(throws: ValidationFailure(field: "caseNumber", .required)) { try ClueRules.outcome("solved", caseNumber: "", current: .open).get() }
        #expect(throws: ValidationFailure(field: "outcome", .notAllowedNow)) { try ClueRules.outcome("verified", caseNumber: nil, current: .solved).get() }
        #expect(throws: ValidationFailure(field: "outcome", .notAllowedNow)) { try ClueRules.outcome("solved", caseNumber: "A1", current: .noValue).get() }
        #expect(throws: ValidationFailure(field: "outcome", .invalidChoice)) { try ClueRules.outcome("open", caseNumber: nil, current: .open).get() }
        #expect(throws: ValidationFailure(field: "outcome", .invalidChoice)) { try ClueRules.outcome("verified", caseNumber: nil, current: .verified).get() }
    }

    @Test func theInformantIsKnownToLeadersAndTheReceivingOfficerOnly() {
        func caller(_ role: Role, _ id: Int64) -> Caller { Caller(userID: id, username: "u", role: role, jurisdiction: .subtree(path: "/B/"), clientAddress: "t") }
        #expect(ClueRules.showsInformant(to: caller(.stationLeader, 1), receivedBy: 9))
        #expect(ClueRules.showsInformant(to: caller(.bureauLeader, 1), receivedBy: 9))
        #expect(ClueRules.showsInformant(to: caller(.officer, 9), receivedBy: 9))
        #expect(!ClueRules.showsInformant(to: caller(.officer, 8), receivedBy: 9))
        #expect(!ClueRules.showsInformant(to: caller(.auxiliary, 7), receivedBy: 9))
        #expect(!ClueRules.showsInformant(to: caller(.admin, 1), receivedBy: 9))
        #expect(!ClueRules.showsInformant(to: Caller(userID: nil, username: "open311", role: .officer, jurisdiction: .subtree(path: "/B/"), clientAddress: "t"), receivedBy: nil))
    }
}
