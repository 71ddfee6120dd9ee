import Foundation
import Testing
@testable import Domain

@Suite struct RequestWorkflowTests {
    // 2027-01-15 16:00 China time
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let allSteps: [RequestStep] = [.assign, .start, .resolve, .returnVisit(.satisfied), .returnVisit(.basicallySatisfied),
                                   .returnVisit(.dissatisfied), .reassign, .supervise]

    @Test func theHappyPathRunsFromNewToClosed() {
        var s = RequestStatus.new
        for step in [RequestStep.assign, .start, .resolve, .returnVisit(.basicallySatisfied)] { s = RequestWorkflow.next(s, step)! }
        #expect(s == .closed)
    }

    @Test func aDissatisfiedReturnVisitSendsTheRequestBackToWork() {
        #expect(RequestWorkflow.next(.resolved, .returnVisit(.dissatisfied)) == .inProgress)
        #expect(RequestStep.returnVisit(.dissatisfied).code == "reopen")
    }

    /// Every (status, step) pair outside the allowed table is refused.
    @Test func everyIllegalTransitionIsRejected() {
        let allowed: Set<String> = ["new/assign", "new/supervise", "assigned/start", "assigned/reassign", "assigned/supervise",
                                    "in_progress/resolve", "in_progress/reassign", "in_progress/supervise",
                                    "resolved/close", "resolved/reopen"]
        var refused = 0
        for status in RequestStatus.allCases {
            for step in allSteps {
                let key = "\(status.rawValue)/\(step.code)"
                let next = RequestWorkflow.next(status, step)
                #expect((next != nil) == allowed.contains(key), "\(key)")
                if next == nil { refused += 1 }
            }
        }
        // 5 statuses × 8 steps = 40 pairs; 11 allowed (resolved/close is reached by two ratings).
        #expect(refused == 29)
        #expect(RequestWorkflow.steps(from: .closed).isEmpty)
    }

    @Test func theDeadlineIsTheEndOfTheCategorysLastDayInChinaTime() {
        let documents = RequestCategory(code: "documents", name: "户籍证件", deadlineDays: 5)
        #expect(ChinaTime.second(documents.deadline(from: now)) == "2027-01-20 23:59:59")
        // Assigned at 23:30 China time: the day of assignment still counts as day 0.
        let late = Date(timeIntervalSince1970: 1_800_000_000 + 7.5 * 3600)
        #expect(ChinaTime.second(documents.deadline(from: late)) == "2027-01-20 23:59:59")
        // Half an hour later it is the next day in China (still the same day in UTC).
        let midnight = Date(timeIntervalSince1970: 1_800_000_000 + 8 * 3600)
        #expect(ChinaTime.second(documents.deadline(from: midnight)) == "2027-01-21 23:59:59")
    }

    @Test func escalationLevelsFollowTheDeadlineAndADissatisfiedResident() {
        let deadline = now
        func level(_ hoursLater: Double, status: RequestStatus = .inProgress, reopened: Bool = false) -> VisitTask.Escalation {
            RequestSupervision.level(deadline: deadline, status: status, reopened: reopened, now: now.addingTimeInterval(hoursLater * 3600), bureauAfterDays: 3)
        }
        #expect(level(-1) == .none)
        #expect(level(1) == .station)
        #expect(level(71.9) == .station)
        #expect(level(72) == .bureau)
        #expect(level(-48, reopened: true) == .station)
        #expect(level(100, status: .resolved) == .none)
        #expect(RequestSupervision.isAtRisk(deadline: deadline, status: .assigned, now: now.addingTimeInterval(-3600)))
        #expect(!RequestSupervision.isAtRisk(deadline: deadline, status: .assigned, now: now.addingTimeInterval(-30 * 3600)))
        #expect(!RequestSupervision.isAtRisk(deadline: deadline, status: .closed, now: now.addingTimeInterval(-3600)))
    }

    func errors(_ i: RequestInput) -> [String: FieldProblem] {
        guard case .failure(let f) = RequestRules.validate(i, categories: RequestCategory.seeded) else { return [:] }
        return Dictionary(uniqueKeysWithValues: f.errors.map { ($0.field, $0.problem) })
    }

    @Test func badRequestsNameEveryField() {
        #expect(errors(RequestInput(kind: "complaint", categoryCode: "", description: " ", latitude: 95, longitude: 104, contactPhone: "12345"))
                == ["kind": .invalidChoice, "categoryCode": .required, "description": .required, "address": .required,
                    "latitude": .invalidChoice, "contactPhone": .invalidPhone])
        #expect(errors(RequestInput(categoryCode: "parking", description: "x", gridID: 3, latitude: 30)) == ["categoryCode": .invalidChoice, "longitude": .required])
        #expect(errors(RequestInput(categoryCode: "traffic", description: "路灯坏了", address: "幸福路 3 号")).isEmpty)
    }

    @Test func onlyRealImagesOfAPhoneSizeAreKept() throws {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0, count: 100)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
        let script = Array("<script>alert(1)</script>".utf8)
        #expect(try PhotoRules.check([jpeg, png]).get() == [.jpeg, .png])
        guard case .failure(let f) = PhotoRules.check([jpeg, script, Array(repeating: 0xFF, count: PhotoRules.maxBytes + 1)]) else { Issue.record(); return }
        #expect(f.errors.map(\.field) == ["photos.1.file", "photos.2.file"])
        #expect(f.errors.map(\.problem) == [.notAnImage, .tooLarge])
    }

    @Test func aMeetingsSatisfactionRateCountsSatisfiedAndBasicallySatisfiedOverThoseWhoRated() {
        #expect(Evaluation(satisfied: 40, basicallySatisfied: 18, dissatisfied: 2).rateText == "96.6%")
        #expect(Evaluation().rateText == "—")
        let input = MeetingInput(unitID: 1, kind: "heart_to_heart", heldOn: "2027-01-15", place: "幸福社区活动室",
                                 attendance: Attendance(residents: 3), minutes: "", evaluation: Evaluation(satisfied: 5),
                                 suggestions: [MeetingSuggestion(categoryCode: "traffic", description: " ")])
        guard case .failure(let f) = MeetingRules.validate(input, categories: RequestCategory.seeded, now: now) else { Issue.record(); return }
        #expect(f.errors.map(\.field) == ["evaluation", "suggestions.0.description"])
        var future = input; future.heldOn = "2027-01-16"; future.evaluation = Evaluation(); future.suggestions = []
        guard case .failure(let g) = MeetingRules.validate(future, categories: RequestCategory.seeded, now: now) else { Issue.record(); return }
        #expect(g.errors == [FieldError(field: "heldOn", problem: .inFuture)])
    }
}
