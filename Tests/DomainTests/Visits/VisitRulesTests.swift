import Foundation
import Testing
@testable import Domain

@Suite struct VisitRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15 16:00 in Shanghai

    func input(at: Date? = nil, categories: [String] = ["routine"], household: Int64? = 1, place: Int64? = nil,
               findings: [FindingInput] = []) -> VisitInput {
        VisitInput(clientID: "visit-0001", householdID: household, placeID: place, visitedAt: at ?? now, method: "in_person",
                   categories: categories, findings: findings)
    }

    @Test func aVisitWithTwoFindingsIsAccepted() throws {
        let v = try VisitRules.validate(input(findings: [FindingInput(kind: "need", description: "老人行动不便，需上门办身份证"),
                                                         FindingInput(kind: "hazard", description: "楼道堆放杂物")]), now: now).get()
        #expect(v.findings.map(\.kind) == [.need, .hazard])
        #expect(v.target == .household(1))
    }

    @Test func aVisitInTheFutureIsRefusedButClockDriftIsTolerated() {
        #expect(throws: ValidationFailure(field: "visitedAt", .inFuture)) { try VisitRules.validate(input(at: now.addingTimeInterval(3600)), now: now).get() }
        #expect((try? VisitRules.validate(input(at: now.addingTimeInterval(120)), now: now).get()) != nil)
        #expect(throws: ValidationFailure(field: "visitedAt", .tooOld)) { try VisitRules.validate(input(at: now.addingTimeInterval(-401 * 86400)), now: now).get() }
    }

    @Test func categoriesMustBeKnownAndPresent() {
        #expect(throws: ValidationFailure(field: "categories", .invalidChoice)) { try VisitRules.validate(input(categories: ["tea"]), now: now).get() }
        #expect(throws: ValidationFailure(field: "categories", .required)) { try VisitRules.validate(input(categories: []), now: now).get() }
    }

    @Test func aVisitIsToAHouseholdOrAPlaceNotBoth() {
        #expect(throws: ValidationFailure(field: "placeID", .invalidChoice)) { try VisitRules.validate(input(place: 2), now: now).get() }
        #expect(throws: ValidationFailure(field: "householdID", .required)) { try VisitRules.validate(input(household: nil), now: now).get() }
    }

    @Test func aBlankOrUnknownFindingIsNamedByItsPosition() {
        let r = VisitRules.validate(input(findings: [FindingInput(kind: "need", description: "ok"), FindingInput(kind: "ufo", description: "x"),
                                                     FindingInput(kind: "clue", description: "  ")]), now: now)
        guard case .failure(let f) = r else { Issue.record("should fail"); return }
        #expect(f.errors == [FieldError(field: "findings.1.kind", problem: .invalidChoice), FieldError(field: "findings.2.description", problem: .required)])
    }

    @Test func mustVisitTasksAreDueAtTheEndOfTheNthDayInChinaTime() {
        let rule = MustVisitRule.seed.first { $0.code == "dispute_party" }!
        let due = rule.due(from: now)   // 2027-01-15 16:00 CST + 3 days → 2027-01-18 23:59:59 CST
        let parts = Calendar.shanghai.dateComponents([.year, .month, .day, .hour, .minute], from: due)
        #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute] == [2027, 1, 18, 23, 59])
    }

    @Test func aRepeatingRuleIsDueAgainACycleAfterTheVisit() throws {
        let deputy = try #require(MustVisitRule.seed.first { $0.code == "deputy" })
        let next = try #require(deputy.nextDue(afterVisitAt: now))
        let parts = Calendar.shanghai.dateComponents([.year, .month, .day], from: next)   // 2027-01-15 + 90 days
        #expect([parts.year, parts.month, parts.day] == [2027, 4, 15])
        #expect(MustVisitRule.seed.first { $0.code == "dispute_party" }!.nextDue(afterVisitAt: now) == nil)
    }

    @Test func aPlaceTriggersItsRuleOnlyWhenItBecomesThatKind() {
        let rules = MustVisitRule.seed
        #expect(MustVisitRule.triggered(byPlaceKind: .gatheringPoint, previously: nil, rules: rules).map(\.code) == ["gathering_point"])
        #expect(MustVisitRule.triggered(byPlaceKind: .gatheringPoint, previously: .gatheringPoint, rules: rules).isEmpty)
        #expect(MustVisitRule.triggered(byPlaceKind: .school, previously: nil, rules: rules).isEmpty)
    }

    @Test func onlyANewlyAddedTagTriggersARule() {
        let rules = MustVisitRule.seed
        #expect(MustVisitRule.triggered(by: [.disputeParty], previously: [], rules: rules).map(\.code) == ["dispute_party"])
        #expect(MustVisitRule.triggered(by: [.disputeParty, .veteran], previously: [.disputeParty], rules: rules).isEmpty)
        var inactive = rules
        inactive[2].active = false
        #expect(MustVisitRule.triggered(by: [.disputeParty], previously: [], rules: inactive).isEmpty)
    }

    @Test func anOverdueTaskGoesToTheStationLeaderThenTheBureau() {
        let task = VisitTask(id: 1, ruleCode: "x", title: "x", residentID: nil, householdID: nil, placeID: nil, assigneeID: nil,
                             dueAt: now, status: .open, completedVisitID: nil)
        #expect(task.escalation(now: now.addingTimeInterval(-1), bureauAfterDays: 3) == .none)
        #expect(task.escalation(now: now.addingTimeInterval(60), bureauAfterDays: 3) == .station)
        #expect(task.escalation(now: now.addingTimeInterval(3 * 86400), bureauAfterDays: 3) == .bureau)
        var done = task; done.status = .done
        #expect(done.escalation(now: now.addingTimeInterval(10 * 86400), bureauAfterDays: 3) == .none)
    }

    @Test func tasksSortIntoOverdueTodayThisWeekAndLater() {
        func task(due: Date) -> VisitTask {
            VisitTask(id: 1, ruleCode: "x", title: "x", residentID: nil, householdID: nil, placeID: nil, assigneeID: nil, dueAt: due, status: .open, completedVisitID: nil)
        }
        #expect(task(due: now.addingTimeInterval(-60)).bucket(now: now) == .overdue)
        #expect(task(due: now.addingTimeInterval(3600)).bucket(now: now) == .today)
        #expect(task(due: now.addingTimeInterval(3 * 86400)).bucket(now: now) == .thisWeek)
        #expect(task(due: now.addingTimeInterval(10 * 86400)).bucket(now: now) == .later)
    }
}
