import Foundation
import Testing
@testable import Domain

private func at(_ s: String) -> Date { ChinaTime.parseFormInput(s)! }

@Suite struct SurveyRulesTests {
    let body = QuestionnaireBody.standard

    // MARK: sample

    @Test func aSeededSampleIsDrawnAgainTheSameAndDiffersForAnotherSeed() {
        let register = ["/B/S1/C1/": Array(Int64(1)...300), "/B/S1/C2/": Array(Int64(301)...350), "/B/S2/C3/": [900, 901]]
        let a = SurveySample.draw(register, mode: .random, perCommunity: 40, seed: 20261207)
        // The same register listed in another order draws the same households.
        let shuffled = register.mapValues { $0.reversed() as [Int64] }
        #expect(SurveySample.draw(shuffled, mode: .random, perCommunity: 40, seed: 20261207) == a)
        #expect(a["/B/S1/C1/"]?.count == 40 && a["/B/S1/C2/"]?.count == 40)
        #expect(a["/B/S2/C3/"] == [900, 901], "a community smaller than N is asked in full")
        #expect(Set(a["/B/S1/C1/"]!).isSubset(of: Set(register["/B/S1/C1/"]!)))
        #expect(SurveySample.draw(register, mode: .random, perCommunity: 40, seed: 7)["/B/S1/C1/"] != a["/B/S1/C1/"])
        // Adding a community leaves the others' draw as it was.
        var grown = register
        grown["/B/S2/C4/"] = Array(Int64(1000)...1100)
        #expect(SurveySample.draw(grown, mode: .random, perCommunity: 40, seed: 20261207)["/B/S1/C1/"] == a["/B/S1/C1/"])
        #expect(SurveySample.draw(register, mode: .all, perCommunity: 0, seed: 1)["/B/S1/C1/"]?.count == 300)
    }

    @Test func aQuotaIsNeverExceeded() {
        var ledger = QuotaLedger(quota: 3)
        let taken = (0..<10).map { _ in ledger.take("/B/S1/C1/") }
        #expect(taken.filter { $0 }.count == 3 && taken.prefix(3).allSatisfy { $0 })
        let other = ledger.take("/B/S1/C2/")
        #expect(other, "another community has its own quota")
        var open = QuotaLedger(quota: nil)
        let all = (0..<500).allSatisfy { _ in open.take("/B/S1/C1/") }
        #expect(all)
    }

    // MARK: answers

    @Test func skippedQuestionsAreNotAskedAndWhatWasSentForThemIsDropped() throws {
        let answers = try SurveyAnswers.validate(body, ["security": ["safe"], "satisfaction": ["satisfied"], "sees_police": ["often"],
                                                        "knows_officer": ["no"], "officer_visited": ["yes"], "officer_rating": ["5"]]).get()
        #expect(answers["officer_visited"] == nil && answers["officer_rating"] == nil)
        // Knowing the officer makes the visit question required.
        let refused = SurveyAnswers.validate(body, ["security": ["safe"], "satisfaction": ["satisfied"], "sees_police": ["often"], "knows_officer": ["yes"]])
        #expect(refused.failureErrors == [FieldError(field: "answers.officer_visited", problem: .required)])
    }

    @Test func anAnswerOutsideTheChoicesARatingOf6AndAnUnknownQuestionAreRefused() {
        let base = ["security": ["safe"], "satisfaction": ["satisfied"], "sees_police": ["often"], "knows_officer": ["yes"], "officer_visited": ["yes"]]
        func errors(_ extra: [String: [String]]) -> [FieldError] { SurveyAnswers.validate(body, base.merging(extra) { $1 }).failureErrors }
        #expect(errors(["security": ["very_safe"]]) == [FieldError(field: "answers.security", problem: .invalidChoice)])
        #expect(errors(["officer_rating": ["6"]]) == [FieldError(field: "answers.officer_rating", problem: .outOfRange)])
        #expect(errors(["security": ["safe", "unsafe"]]) == [FieldError(field: "answers.security", problem: .invalidChoice)])
        #expect(errors(["concerns": ["theft", "theft"]]) == [FieldError(field: "answers.concerns", problem: .invalidChoice)])
        #expect(errors(["mood": ["good"]]) == [FieldError(field: "answers.mood", problem: .unknownQuestion)])
        #expect(errors(["suggestion": [String(repeating: "路", count: 501)]]) == [FieldError(field: "answers.suggestion", problem: .tooLong)])
        #expect(errors(["concerns": ["fraud", "theft"], "suggestion": ["  多巡逻  "], "officer_rating": ["4"]]).isEmpty)
        let kept = try? SurveyAnswers.validate(body, base.merging(["concerns": ["fraud", "theft"], "suggestion": ["  多巡逻  "]]) { $1 }).get()
        #expect(kept?["concerns"] == ["theft", "fraud"], "kept in the questionnaire's order")
        #expect(kept?["suggestion"] == ["多巡逻"])
    }

    // MARK: rates

    @Test func ratesCountValidAnswersOnlyAndAreBlankWithNothingValid() {
        var security = SurveyRate.zero, satisfaction = SurveyRate.zero
        for (s, m) in [("safe", "satisfied"), ("fairly_safe", "unaware"), ("unsure", "unsatisfied"), ("unsafe", "fairly_satisfied"), ("unsure", "unaware")] {
            security.add(body.security.classify(["security": [s]]))
            satisfaction.add(body.satisfaction.classify(["satisfaction": [m]]))
        }
        #expect(security == SurveyRate(counted: 2, valid: 3), "说不清 is not a valid answer")
        #expect(satisfaction == SurveyRate(counted: 2, valid: 3), "不了解 is not a valid answer")
        #expect(abs(security.percent! - 66.666) < 0.01)
        #expect(SurveyRate.zero.percent == nil)
        #expect(SurveyRate(counted: 0, valid: 0).percent == nil)
        // Configured otherwise, 说不清 counts as a valid, not-secure answer.
        let strict = RateDefinition(question: "security", counted: ["safe", "fairly_safe"], valid: body.question("security")!.codes)
        #expect(strict.classify(["security": ["unsure"]]) == false)
        #expect(body.security.classify([:]) == nil)
    }

    // MARK: questionnaires

    @Test func theStandardQuestionnaireIsValidAndABrokenOneIsRefusedFieldByField() {
        #expect(QuestionnaireRules.errors(name: "双提升问卷", body).isEmpty)
        var broken = body
        broken.questions[1].choices = [Choice("ok", "好")]
        broken.questions[4].askIf = AskIf(question: "suggestion", answers: ["yes"])  // a later question
        broken.questions.append(Question(key: "security", kind: .text, prompt: "重复"))
        broken.security = RateDefinition(question: "suggestion", counted: [], valid: ["x"])
        let fields = QuestionnaireRules.errors(name: "", broken).map(\.field)
        #expect(fields == ["name", "questions[1].choices", "questions[4].askIf", "questions[8].key", "security", "satisfaction"])
    }

    @Test func aVersionARoundHasUsedIsLockedAndAnEditMakesTheNextVersion() {
        #expect(QuestionnaireRules.revision(latestVersion: 1, usedByRound: false) == .inPlace(version: 1))
        #expect(QuestionnaireRules.revision(latestVersion: 1, usedByRound: true) == .newVersion(2))
        #expect(QuestionnaireRules.revision(latestVersion: 4, usedByRound: true) == .newVersion(5))
    }

    // MARK: rounds and calls

    @Test func aRoundNeedsAPeriodUnitsAndASampleRule() {
        let today = at("2026-12-07 10:00")
        let ok = RoundInput(name: "2026年第四季度", questionnaireID: 1, startDate: "2026-12-07", endDate: "2026-12-31", unitIDs: [1], mode: "random", perCommunity: 40, quota: 30)
        #expect((try? RoundRules.validate(ok, today: today).get())?.maxAttempts == 3)
        var bad = ok
        bad.mode = "random"; bad.perCommunity = nil; bad.quota = 0; bad.unitIDs = []; bad.endDate = "2026-12-01"; bad.maxAttempts = 11
        #expect(RoundRules.validate(bad, today: today).failureErrors.map(\.field) == ["endDate", "unitIDs", "perCommunity", "quota", "maxAttempts"])
    }

    @Test func eachCallOutcomeMovesTheHouseholdAndTheLastAttemptClosesIt() {
        let now = at("2026-12-07 10:00"), ends = at("2026-12-31 00:00")
        func after(_ o: CallOutcome, _ attempts: Int, _ back: Date? = nil) -> (SampleStatus, Date?)? {
            try? SurveyCalls.after(o, attempts: attempts, maxAttempts: 3, callbackAt: back, now: now, roundEnds: ends).get()
        }
        #expect(after(.noAnswer, 1)! == (.pending, nil))
        #expect(after(.noAnswer, 3)! == (.unreachable, nil))
        #expect(after(.refused, 1)! == (.refused, nil))
        #expect(after(.wrongNumber, 1)! == (.unreachable, nil))
        #expect(after(.callback, 1, at("2026-12-07 19:00"))! == (.pending, at("2026-12-07 19:00")))
        #expect(after(.callback, 1) == nil && after(.callback, 1, at("2026-12-07 09:00")) == nil && after(.callback, 1, at("2027-01-02 09:00")) == nil)
        #expect(after(.answered, 1) == nil, "an answered call is saved with its answers")
    }
}

extension Result where Failure == ValidationFailure {
    var failureErrors: [FieldError] { if case .failure(let f) = self { f.errors } else { [] } }
}
