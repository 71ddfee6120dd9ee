import Foundation
import Testing
@testable import Domain

@Suite struct CampaignRulesTests {
    // 2027-01-15 16:00 China time
    let today = Date(timeIntervalSince1970: 1_800_000_000)

    func input(name: String = "春节大走访", start: String = "2027-01-15", end: String = "2027-02-10", units: [Int64] = [2],
               target: String = "households", tags: [String]? = nil, placeKind: String? = nil) -> CampaignInput {
        CampaignInput(name: name, startDate: start, endDate: end, unitIDs: units, target: target, tags: tags, placeKind: placeKind)
    }

    func errors(_ i: CampaignInput) -> [String: FieldProblem] {
        guard case .failure(let f) = CampaignRules.validate(i, today: today) else { return [:] }
        return Dictionary(uniqueKeysWithValues: f.errors.map { ($0.field, $0.problem) })
    }

    @Test func tasksFallDueAtTheLastSecondOfTheLastDayInChinaTime() throws {
        let c = try CampaignRules.validate(input(), today: today).get()
        #expect(ChinaTime.second(c.dueAt) == "2027-02-10 23:59:59")
        #expect(c.target == .households)
    }

    @Test func everyBadFieldIsNamedAtOnce() {
        let e = errors(input(name: " ", start: "2027-13-01", end: "2027-02-10", units: [], target: "everyone"))
        #expect(e == ["name": .required, "startDate": .invalidDate, "unitIDs": .required, "target": .invalidChoice])
    }

    @Test func aCampaignMustEndAfterItStartsAndNotBeOverAlready() {
        #expect(errors(input(start: "2027-02-10", end: "2027-02-01")) == ["endDate": .invalidChoice])
        #expect(errors(input(start: "2027-01-01", end: "2027-01-14")) == ["endDate": .tooOld])
        #expect(errors(input(start: "2027-01-15", end: "2027-01-15")).isEmpty, "a one-day campaign today is fine")
        #expect(errors(input(start: "2027-01-15", end: "2028-06-01")) == ["endDate": .tooLong])
    }

    @Test func targetsNeedWhatTheyTarget() throws {
        #expect(errors(input(target: "residents")) == ["tags": .required])
        #expect(errors(input(target: "residents", tags: ["veteran", "alien"])) == ["tags": .unknownTag])
        #expect(try CampaignRules.validate(input(target: "residents", tags: ["veteran"]), today: today).get().target == .residents(tags: [.veteran]))
        #expect(errors(input(target: "places")) == ["placeKind": .required])
        #expect(errors(input(target: "places", placeKind: "castle")) == ["placeKind": .invalidChoice])
        #expect(try CampaignRules.validate(input(target: "places", placeKind: "school"), today: today).get().target == .places(kind: .school))
        #expect(try CampaignRules.validate(input(target: "care_subjects"), today: today).get().target == .careSubjects)
    }

    @Test func progressRollsUpFromGridsToCommunitiesAndStationsAndByOfficer() {
        let counts = [
            CampaignProgress.Count(gridPath: "/B/S1/C1/G1/", assigneeID: 7, progress: TaskProgress(total: 10, done: 4, overdue: 1)),
            CampaignProgress.Count(gridPath: "/B/S1/C1/G2/", assigneeID: 8, progress: TaskProgress(total: 5, done: 5)),
            CampaignProgress.Count(gridPath: "/B/S1/C2/G3/", assigneeID: 7, progress: TaskProgress(total: 5, done: 0, overdue: 5)),
            CampaignProgress.Count(gridPath: "/B/S2/C3/G4/", assigneeID: nil, progress: TaskProgress(total: 4, done: 1)),
        ]
        let p = CampaignProgress(counts: counts)
        #expect(p.overall == TaskProgress(total: 24, done: 10, overdue: 6))
        #expect(p.byUnit["/B/S1/"] == TaskProgress(total: 20, done: 9, overdue: 6))
        #expect(p.byUnit["/B/S1/C1/"] == TaskProgress(total: 15, done: 9, overdue: 1))
        #expect(p.byUnit["/B/S1/C1/G2/"]?.percentText == "100.0%")
        #expect(p.byUnit["/B/"] == nil, "the bureau is the overall line")
        #expect(p.byOfficer[7] == TaskProgress(total: 15, done: 4, overdue: 6))
        #expect(p.byOfficer[nil] == TaskProgress(total: 4, done: 1))
        #expect(p.overall.percentText == "41.6%")
        #expect(CampaignProgress(counts: []).overall.percentText == "—", "nothing to do is not 0 %")
    }
}

@Suite struct WorkSettingsTests {
    @Test func settingsSurviveTheirStorageRows() {
        var s = WorkSettings.defaults
        s.careCadenceDays[.veteran] = nil
        s.careCadenceDays[.petitioner] = 14
        s.bureauAfterDays = 5
        #expect(WorkSettings(storage: s.storage) == s)
    }

    @Test func theFormAcceptsWholeDaysAndBlankRemovesATag() throws {
        let s = try WorkSettings.validate(cadences: ["elderly_alone": "15", "veteran": " ", "petitioner": "60"], bureauAfterDays: "2", disputeFollowUpDays: "30", victimVisitDays: "7").get()
        #expect(s.careCadenceDays == [.elderlyAlone: 15, .petitioner: 60])
        #expect(s.careTagsInUse == [.elderlyAlone, .petitioner])
        guard case .failure(let f) = WorkSettings.validate(cadences: ["elderly_alone": "0", "veteran": "x"], bureauAfterDays: "100", disputeFollowUpDays: "0", victimVisitDays: "7") else {
            Issue.record("bad values accepted"); return
        }
        #expect(Set(f.errors.map(\.field)) == ["cadence.elderly_alone", "cadence.veteran", "bureauAfterDays", "disputeFollowUpDays"])
    }

    @Test func aCareTaskOpensAWeekBeforeTheVisitIsDue() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(CareCadence.taskOpens(due: due) == due.addingTimeInterval(-7 * 86400))
    }

    @Test func theBureauDelayIsASettingNotAConstant() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let task = VisitTask(id: 1, ruleCode: "x", title: "x", residentID: nil, householdID: nil, placeID: nil, assigneeID: nil,
                             dueAt: due, status: .open, completedVisitID: nil)
        let fourDays = due.addingTimeInterval(4 * 86400)
        #expect(task.escalation(now: fourDays, bureauAfterDays: 3) == .bureau)
        #expect(task.escalation(now: fourDays, bureauAfterDays: 5) == .station)
    }
}
