import Foundation
import Testing
@testable import Domain

@Suite struct InformantRulesTests {
    let leader = Caller(userID: 1, username: "l", role: .stationLeader, jurisdiction: .subtree(path: "/B/S/"), clientAddress: "t")
    let officer = Caller(userID: 2, username: "o", role: .officer, jurisdiction: .subtree(path: "/B/S/C/G/"), clientAddress: "t")
    let other = Caller(userID: 3, username: "x", role: .officer, jurisdiction: .subtree(path: "/B/S/C/G/"), clientAddress: "t")
    let aux = Caller(userID: 4, username: "a", role: .auxiliary, jurisdiction: .subtree(path: "/B/S/C/G/"), clientAddress: "t")

    @Test func onlyLeadersAndTheContactOfficerSeeTheTag() {
        let tags: [ResidentTag] = [.elderlyAlone, .informant]
        #expect(InformantRules.visibleTags(tags, leader, contactOfficerID: 2) == tags)
        #expect(InformantRules.visibleTags(tags, officer, contactOfficerID: 2) == tags)
        #expect(InformantRules.visibleTags(tags, other, contactOfficerID: 2) == [.elderlyAlone])
        #expect(InformantRules.visibleTags(tags, aux, contactOfficerID: 2) == [.elderlyAlone])
        #expect(InformantRules.visibleTags(tags, officer, contactOfficerID: nil) == [.elderlyAlone], "tagged but not yet given an officer: leaders only")
    }

    @Test func anEditByOneWhoCouldNotSeeTheTagKeepsIt() {
        #expect(InformantRules.savedTags([.veteran], before: [.veteran, .informant], aux, contactOfficerID: 2) == [.veteran, .informant])
        #expect(InformantRules.savedTags([.veteran], before: [.veteran, .informant], leader, contactOfficerID: 2) == [.veteran], "a leader may take it off")
        #expect(InformantRules.savedTags([.veteran], before: [.veteran], aux, contactOfficerID: nil) == [.veteran])
    }

    @Test func aRewardNamesItsAmountAndThanksNeedNone() {
        #expect((try? InformantRules.recognition(RecognitionInput(kind: "reward", note: "提供线索破获盗窃案", amount: "500")).get())?.2 == 50_000)
        #expect((try? InformantRules.recognition(RecognitionInput(kind: "thanks", note: "及时报告可疑人员")).get())?.2 == nil)
        func problems(_ i: RecognitionInput) -> [FieldError] { if case .failure(let f) = InformantRules.recognition(i) { f.errors } else { [] } }
        #expect(problems(RecognitionInput(kind: "reward", note: "奖励")) == [FieldError(field: "amount", problem: .required)])
        #expect(problems(RecognitionInput(kind: "reward", note: "奖励", amount: "-5")) == [FieldError(field: "amount", problem: .negativeAmount)])
        #expect(problems(RecognitionInput(kind: "reward", note: "奖励", amount: "0")) == [FieldError(field: "amount", problem: .invalidAmount)])
        #expect(problems(RecognitionInput(kind: "medal", note: "")).map(\.field) == ["kind", "note"])
        #expect((try? InformantRules.cadence(nil).get()) == 30 && (try? InformantRules.cadence(0).get()) == nil)
    }
}
