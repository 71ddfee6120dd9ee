import Domain
import Testing

/// The questionnaire editor's form: questions and answers by their words, codes kept.
@Suite struct QuestionnaireDraftTests {
    @Test func theFormOfASavedVersionGivesItBackUnchanged() throws {
        let draft = QuestionnaireDraft(name: "双提升问卷", .standard)
        #expect(draft.security.counted == "安全、比较安全" && draft.security.excluded == "说不清")
        #expect(draft.questions[4].askIf == "knows_officer" && draft.questions[4].askIfAnswers == "是")
        #expect(try draft.body(previous: .standard).get() == .standard)
    }

    @Test func anEditKeepsTheCodesOfWhatStaysAndMakesNewOnesForWhatIsNew() throws {
        var draft = QuestionnaireDraft(name: "双提升问卷", .standard)
        draft.questions[0].choices = "安全\n比较安全\n不太安全\n不安全\n很不安全\n说不清"   // one choice added
        draft.questions[2].removed = true                                                   // 见警率 dropped
        draft.questions.append(QuestionDraft(kind: QuestionKind.yesNo.rawValue, prompt: "近一年您家被盗过吗？", askIf: "security", askIfAnswers: "不安全、很不安全"))
        draft.questions.append(QuestionDraft(prompt: "  "))                                 // a blank row adds nothing
        draft.security.excluded = "说不清"
        let body = try draft.body(previous: .standard).get()
        #expect(body.questions.map(\.key) == ["security", "satisfaction", "knows_officer", "officer_visited", "officer_rating", "concerns", "suggestion", "q1"])
        #expect(body.questions[0].choices.map(\.code) == ["safe", "fairly_safe", "not_very_safe", "unsafe", "c1", "unsure"])
        #expect(body.questions[7].askIf == AskIf(question: "security", answers: ["unsafe", "c1"]) && body.questions[7].kind == .yesNo)
        #expect(body.security.valid == ["safe", "fairly_safe", "not_very_safe", "unsafe", "c1"], "the new choice is a valid answer")
    }

    @Test func wordsTheQuestionDoesNotHaveAreRefusedByRow() {
        var draft = QuestionnaireDraft(name: "双提升问卷", .standard)
        draft.security.counted = "安全、非常安全"
        draft.questions[4].askIfAnswers = "也许"
        draft.questions[1].prompt = ""
        draft.questions[6].choices = "盗窃"                          // a choice question needs two choices
        draft.questions.append(QuestionDraft(kind: "essay", prompt: "您怎么看？"))
        guard case .failure(let v) = draft.body(previous: .standard) else { Issue.record("saved"); return }
        #expect(Set(v.errors.map(\.field)) == ["security", "q4.askIf", "q1.prompt", "q6.choices", "q8.kind"])
    }

    @Test func aRateOnARemovedQuestionIsRefused() {
        var draft = QuestionnaireDraft(name: "问卷", .standard)
        draft.questions[1].removed = true
        guard case .failure(let v) = draft.body(previous: .standard) else { Issue.record("saved"); return }
        #expect(v.errors.map(\.field) == ["satisfaction"])
    }
}
