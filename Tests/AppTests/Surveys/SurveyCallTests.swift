import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// The call list as an auxiliary works it, bad answers refused in Chinese with nothing stored,
/// a one-time link that works once however often it is sent, and the questionnaire's version lock.
@Suite(.serialized) struct SurveyCallTests {
    static let valid: [String: [String]] = ["security": ["safe"], "satisfaction": ["satisfied"], "sees_police": ["often"], "knows_officer": ["no"]]

    /// A round over station A, every household (the fixture's 甲街1号 and one more).
    static func round(_ app: Application, _ f: Fixture, quota: Int? = nil) async throws -> (RoundView, Caller) {
        let cli = Caller.commandLine(user: "t")
        _ = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街5号", cli)
        let leader = try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
        let station = try await app.store.unit(code: "SA", cli)
        let round = try await app.store.createRound(RoundInput(name: "甲所调查", questionnaireID: 1, startDate: "2026-11-23", endDate: "2026-11-30",
                                                               unitIDs: [station.id], mode: "all", quota: quota, maxAttempts: 3), leader)
        return (round, leader)
    }

    @Test func anAuxiliaryRecordsANoAnswerACallbackAndThenACompletedCall() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let (round, _) = try await Self.round(app, f)
            let aux = try await WebSession.signedIn(app, "auxA")
            let list = try await aux.get("/surveys/\(round.id)/calls").body.string
            #expect(list.contains("甲街1号") && list.contains("甲街5号") && list.contains("待调查 2 户"))
            let sample = try #require(try await app.store.callList(roundID: round.id, try await app.store.credentials(username: "auxA")!.account.caller(clientAddress: "t"))
                .due.first { $0.householdID == f.householdA.id })
            // The number is masked until dialled; dialling shows it and is audited.
            let sheet = try await aux.get("/survey-samples/\(sample.id)").body.string
            #expect(sheet.contains("138****5678") && !sheet.contains(Fixture.phoneA))
            let dialled = try await aux.post("/survey-samples/\(sample.id)/dial", ["residentID": String(f.residentA.id)]).body.string
            #expect(dialled.contains("tel:\(Fixture.phoneA)"))
            #expect(try await app.store.auditEntries(.init(action: "survey.dial"), .commandLine(user: "t")).count == 1)

            #expect(try await aux.post("/survey-samples/\(sample.id)/call", ["outcome": "no_answer"]).status == .seeOther)
            // A callback needs its time, in the future.
            let noTime = try await aux.post("/survey-samples/\(sample.id)/call", ["outcome": "callback"])
            #expect(noTime.status == .unprocessableEntity && noTime.body.string.contains("回拨时间：必填"))
            _ = try await aux.get("/survey-samples/\(sample.id)")
            #expect(try await aux.post("/survey-samples/\(sample.id)/call", ["outcome": "callback", "callbackAt": "2026-11-23T19:00"]).status == .seeOther)
            var page = try await aux.get("/surveys/\(round.id)/calls").body.string
            let later = try #require(page.range(of: "约定回拨</h2>"))
            #expect(page[later.upperBound...].contains("甲街1号") && page[later.upperBound...].contains("约定 2026-11-23 19:00 回拨"))
            // At 19:00 it is due, first on the list.
            clock.advance(10 * 3600)
            _ = try await aux.signIn("auxA")
            page = try await aux.get("/surveys/\(round.id)/calls").body.string
            let due = try #require(page.range(of: "现在拨打</h2>"))
            #expect(page[due.upperBound...].prefix(400).contains("甲街1号"))
            _ = try await aux.get("/survey-samples/\(sample.id)")
            let done = try await aux.post("/survey-samples/\(sample.id)/answers", pairs: [("channel", "phone"), ("a.security", "fairly_safe"), ("a.satisfaction", "satisfied"),
                                                                                          ("a.sees_police", "rarely"), ("a.knows_officer", "yes"), ("a.officer_visited", "no"),
                                                                                          ("a.concerns", "fraud"), ("a.concerns", "noise"), ("a.suggestion", "晚上多巡逻")])
            #expect(done.status == .seeOther)
            let stored = try await app.store.sample(id: sample.id, try await app.store.credentials(username: "auxA")!.account.caller(clientAddress: "t"))
            #expect(stored.status == .completed && stored.attempts == 3 && stored.channel == .phone)
            #expect(try await count(app, "survey_answers") == 8, "two concerns, one row each")
            #expect(try await count(app, "survey_calls") == 3)
            // The other household: three unanswered calls reach the round's maximum, and it is closed as unreachable.
            let other = try #require(try await app.store.callList(roundID: round.id, try await app.store.credentials(username: "auxA")!.account.caller(clientAddress: "t")).due.first)
            for _ in 0..<3 {
                _ = try await aux.get("/survey-samples/\(other.id)")
                #expect(try await aux.post("/survey-samples/\(other.id)/call", ["outcome": "no_answer"]).status == .seeOther)
            }
            #expect(try await aux.get("/surveys/\(round.id)/calls").body.string.contains("待调查 0 户"))
            let results = try await app.get("/api/v1/survey-rounds/\(round.id)", try await app.bearer("leaderA")).content.decode(RoundResults.self)
            #expect(results.total.tally.unreachable == 1 && results.total.tally.completed == 1 && results.total.tally.attempts == 6)
            #expect(results.total.tally.security == SurveyRate(counted: 1, valid: 1))
        }
    }

    @Test func badAnswersAreRefusedInChineseAndNothingIsStored() async throws {
        try await withJingmin { app, f in
            let (round, leader) = try await Self.round(app, f)
            let sample = try #require(try await app.store.callList(roundID: round.id, leader).due.first)
            let officer = try await WebSession.signedIn(app, "officerA")
            _ = try await officer.get("/survey-samples/\(sample.id)")
            let outside = try await officer.post("/survey-samples/\(sample.id)/answers", pairs: [("channel", "on_site"), ("a.security", "very_safe"), ("a.satisfaction", "satisfied"),
                                                                                             ("a.sees_police", "often"), ("a.knows_officer", "yes"), ("a.officer_visited", "yes"),
                                                                                             ("a.officer_rating", "6")])
            let body = outside.body.string
            #expect(outside.status == .unprocessableEntity)
            #expect(body.contains("1. 您觉得您所在地区的社会治安状况怎么样？：不是可选的值") && body.contains("请给社区民警的工作打分（1–5 分）：超出允许范围"))
            // Through the API: an unknown question.
            var headers = try await app.bearer("officerA")
            headers.contentType = .json
            headers.add(name: .acceptLanguage, value: "zh-CN")
            let api = try await app.testing().sendRequest(.POST, "/api/v1/survey-samples/\(sample.id)/answers", headers: headers,
                                                          body: ByteBuffer(string: #"{"channel":"phone","answers":{"security":["safe"],"satisfaction":["satisfied"],"sees_police":["often"],"knows_officer":["no"],"mood":["good"]}}"#))
            #expect(api.status == .unprocessableEntity && api.body.string.contains("mood"))
            #expect(try await count(app, "survey_answers") == 0)
            #expect(try await app.store.sample(id: sample.id, leader).status == .pending)

            // A forged token, and a used one.
            let resident = WebSession(app)
            let forged = try await resident.get("/q/forged-token-0000")
            #expect(forged.status == .notFound && forged.body.string.contains("链接无效或已失效"))
            let link = try #require(try await app.store.surveyLinks(roundID: round.id, issue: true, leader).first { $0.sampleID == sample.id })
            _ = try await resident.get("/q/\(link.token)")
            #expect(try await resident.post("/q/\(link.token)", pairs: SurveyScenarioTests.pairs(Self.valid)).body.string.contains("感谢您的参与"))
            _ = try await resident.get("/q/\(link.token)")
            let again = try await resident.post("/q/\(link.token)", pairs: SurveyScenarioTests.pairs(Self.valid))
            #expect(again.status == .unprocessableEntity && again.body.string.contains("已经提交过了"))
            _ = try await resident.get("/q/forged-token-0000")
            #expect(try await resident.post("/q/forged-token-0000", pairs: SurveyScenarioTests.pairs(Self.valid)).status == .notFound)
            #expect(try await count(app, "survey_answers") == 4)
            // Issuing again keeps the printed token, and an answered household is not listed.
            #expect(try await app.store.surveyLinks(roundID: round.id, issue: true, leader).map(\.token).contains(link.token) == false)
            #expect(try await app.store.surveyLinks(roundID: round.id, issue: true, leader).count == 1)
        }
    }

    @Test func aSampledResidentAnswersFromThePortal() async throws {
        try await withJingmin { app, f in
            let (round, leader) = try await Self.round(app, f)
            let resident = try await WebSession.signedIn(app, "residentA")
            let home = try await resident.get("/").body.string
            #expect(home.contains("甲所调查") && home.contains("您家被抽中参加群众安全感和满意度调查"))
            let sample = try #require(try await app.store.callList(roundID: round.id, leader).due.first { $0.householdID == f.householdA.id })
            let go = try await resident.post("/my-surveys/\(sample.id)", [:])
            let link = try #require(go.headers.first(name: .location))
            #expect(go.status == .seeOther && link.hasPrefix("/q/"))
            _ = try await resident.get(link)
            #expect(try await resident.post(link, pairs: SurveyScenarioTests.pairs(Self.valid)).body.string.contains("感谢您的参与"))
            #expect(try await app.store.sample(id: sample.id, leader).channel == .online)
            #expect(!(try await resident.get("/").body.string.contains("您家被抽中")), "answered: no longer asked")
            // Another household's sample is not the resident's to open.
            let other = try #require(try await app.store.callList(roundID: round.id, leader).due.first)
            #expect(try await resident.post("/my-surveys/\(other.id)", [:]).status == .notFound)
        }
    }

    @Test func theSameLinkSentTwentyTimesAtOnceStoresOneAnswerAndTwoCallersStoreOne() async throws {
        try await withJingmin { app, f in
            let (round, leader) = try await Self.round(app, f, quota: 5)
            let links = try await app.store.surveyLinks(roundID: round.id, issue: true, leader)
            let token = links[0].token
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            // Twenty phones, each with the form open.
            var forms: [(String, String)] = []
            for _ in 0..<20 {
                let res = try await app.client.get(URI(string: "http://127.0.0.1:\(port)/q/\(token)"))
                let html = res.body.map { String(buffer: $0) } ?? ""
                let csrf = String(html[html.range(of: "name=\"_csrf\" value=\"")!.upperBound...].prefix { $0 != "\"" })
                let cookie = res.headers[.setCookie].map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
                forms.append((cookie, csrf))
            }
            let body = SurveyScenarioTests.pairs(Self.valid).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (cookie, csrf) in forms {
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.add(name: .cookie, value: cookie)
                        headers.contentType = .urlEncodedForm
                        let res = try await app.client.post(URI(string: "http://127.0.0.1:\(port)/q/\(token)"), headers: headers) {
                            $0.body = ByteBuffer(string: "_csrf=\(csrf)&" + body)
                        }
                        return res.status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            await app.server.shutdown()
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .unprocessableEntity }.count == 19, "\(statuses)")
            #expect(try await count(app, "survey_answers") == 4)

            // Two callers saving the same household at once: one stored, the other told it was answered.
            let other = links[1].sampleID
            let aux = try await app.store.credentials(username: "auxA")!.account.caller(clientAddress: "t")
            let results = await withTaskGroup(of: Bool.self) { group in
                for caller in [aux, leader] {
                    group.addTask { (try? await app.store.saveSurveyAnswers(sampleID: other, channel: .phone, Self.valid, caller)) != nil }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await count(app, "survey_answers") == 8)
            #expect(try await (app.db as! any SQLDatabase).select().column("done").from("survey_quota").all().map { try $0.decode(column: "done", as: Int.self) }.reduce(0, +) == 2)
        }
    }

    @Test func paperQuestionnairesAreImportedWholeOrNotAtAll() async throws {
        try await withJingmin { app, f in
            let (round, leader) = try await Self.round(app, f, quota: 2)
            let samples = try await app.store.callList(roundID: round.id, leader).due.map(\.id)
            var headers = try await app.bearer("officerA")
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            headers.add(name: .acceptLanguage, value: "zh-CN")
            func put(_ csv: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PUT, "/api/v1/survey-rounds/\(round.id)/paper", headers: headers, body: ByteBuffer(string: csv))
            }
            // A column that is no question of the questionnaire.
            let unknown = try await put("sample_id,security,satisfaction,sees_police,knows_officer,mood\n\(samples[0]),安全,满意,经常看到,否,好\n")
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("问卷中没有这道题") && unknown.body.string.contains("mood"))
            // One good row and one with a rating of 6: nothing is stored, the bad row is named.
            let bad = try await put("""
                样本编号,您觉得您所在地区的社会治安状况怎么样？,satisfaction,sees_police,knows_officer,officer_visited,officer_rating,concerns
                \(samples[0]),安全,满意,经常看到,否,,,盗窃;电信网络诈骗
                \(samples[1]),比较安全,不满意,很少看到,是,是,6,
                """)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("\"row\":3") && bad.body.string.contains("officer_rating"))
            #expect(try await count(app, "survey_answers") == 0)
            // The same file, corrected: both stored as paper answers, with the words read as their codes.
            let good = try await put("""
                样本编号,您觉得您所在地区的社会治安状况怎么样？,satisfaction,sees_police,knows_officer,officer_visited,officer_rating,concerns
                \(samples[0]),安全,满意,经常看到,否,,,盗窃;电信网络诈骗
                \(samples[1]),比较安全,不满意,很少看到,是,是,4,
                """)
            #expect(good.status == .ok && good.body.string.contains("\"imported\":2"))
            let results = try await app.store.roundResults(id: round.id, leader)
            #expect(results.channels == ["paper": 2] && results.total.tally.security == SurveyRate(counted: 2, valid: 2)
                    && results.total.tally.satisfaction == SurveyRate(counted: 1, valid: 2))
            #expect(results.questions.first { $0.key == "concerns" }?.counts.filter { $0.count == 1 }.map(\.code) == ["theft", "fraud"])
            // Again: both households have answered, and the quota of 2 is used.
            let again = try await put("sample_id,security,satisfaction,sees_police,knows_officer\n\(samples[0]),安全,满意,经常看到,否\n")
            #expect(again.status == .unprocessableEntity && again.body.string.contains("该户本轮已作答"))
            #expect(try await count(app, "survey_answers") == 12)
            let page = try await WebSession.signedIn(app, "officerA").get("/surveys/\(round.id)/paper").body.string
            #expect(page.contains("样本编号") && page.contains("安全 / 比较安全"))
        }
    }

    @Test func aQuotaIsNeverPassedAndAUsedQuestionnaireTakesANewVersion() async throws {
        try await withJingmin { app, f in
            let (round, leader) = try await Self.round(app, f, quota: 1)
            let samples = try await app.store.callList(roundID: round.id, leader).due
            _ = try await app.store.saveSurveyAnswers(sampleID: samples[0].id, channel: .onSite, Self.valid, leader)
            await #expect(throws: ValidationFailure(field: "answers", .quotaFull)) {
                try await app.store.saveSurveyAnswers(sampleID: samples[1].id, channel: .onSite, Self.valid, leader)
            }
            #expect(try await app.store.sample(id: samples[1].id, leader).status == .pending, "the refused answer changed nothing")
            #expect(try await count(app, "survey_answers") == 4)

            // The standard questionnaire was used by the round: an edit becomes version 2.
            var headers = try await app.bearer("leaderA")
            headers.contentType = .json
            var body = QuestionnaireBody.standard
            body.questions[2].prompt = "您在住处附近能经常看到巡逻吗？"
            let payload = String(decoding: try JSONEncoder().encode(["code": "shuangtisheng"]), as: UTF8.self).dropLast()
                + #","name":"双提升问卷","body":"# + String(decoding: try JSONEncoder().encode(body), as: UTF8.self) + "}"
            let saved = try await app.testing().sendRequest(.POST, "/api/v1/questionnaires", headers: headers, body: ByteBuffer(string: String(payload)))
            #expect(saved.status == .created)
            let versions = try await app.store.questionnaires(leader)
            #expect(versions.map(\.version) == [2, 1] && versions[1].locked && !versions[0].locked)
            #expect(versions[1].body == .standard, "the round's version is as it was asked")
            // Version 2 is not used yet: saving again changes it in place.
            let again = try await app.testing().sendRequest(.POST, "/api/v1/questionnaires", headers: headers, body: ByteBuffer(string: String(payload)))
            let count = try await app.store.questionnaires(leader).count
            #expect(again.status == .created && count == 2)
        }
    }

    /// The editor's form as a browser posts it.
    static func pairs(_ d: QuestionnaireDraft) -> [(String, String)] {
        var out = [("name", d.name)]
        for (i, q) in d.questions.enumerated() {
            out += [("q\(i).key", q.key), ("q\(i).prompt", q.prompt), ("q\(i).kind", q.kind), ("q\(i).choices", q.choices), ("q\(i).askIf", q.askIf), ("q\(i).askIfAnswers", q.askIfAnswers)]
            if q.required { out.append(("q\(i).required", "on")) }
            if q.removed { out.append(("q\(i).removed", "on")) }
        }
        for (name, r) in [("security", d.security), ("satisfaction", d.satisfaction)] {
            out += [("\(name).question", r.question), ("\(name).counted", r.counted), ("\(name).excluded", r.excluded)]
        }
        return out
    }

    @Test func aLeaderEditsTheQuestionnaireOnItsPageAndTheLockedVersionStaysAsItWasAsked() async throws {
        try await withJingmin { app, f in
            let (_, leader) = try await Self.round(app, f)
            let page = try await WebSession.signedIn(app, "leaderA")
            #expect(try await page.get("/questionnaires/1").body.string.contains("/questionnaires/1/edit"))
            let form = try await page.get("/questionnaires/1/edit").body.string
            #expect(form.contains("您觉得您所在地区的社会治安状况怎么样？") && form.contains("安全、比较安全") && form.contains("保存后成为新版本"))

            // A word the question does not have: named in Chinese, nothing saved.
            var draft = QuestionnaireDraft(name: "双提升问卷", .standard)
            draft.security.counted = "安全、非常安全"
            let refused = try await page.post("/questionnaires/1/edit", pairs: Self.pairs(draft))
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("安全感率") && refused.body.string.contains("不是可选的值"))
            #expect(try await app.store.questionnaires(leader).count == 1)

            // A question added with its skip rule: the round's version is locked, so this is version 2.
            draft = QuestionnaireDraft(name: "双提升问卷", .standard)
            draft.questions.append(QuestionDraft(kind: QuestionKind.yesNo.rawValue, prompt: "近一年您家被盗过吗？", askIf: "security", askIfAnswers: "不太安全、不安全"))
            let saved = try await page.post("/questionnaires/1/edit", pairs: Self.pairs(draft))
            #expect(saved.status == .seeOther)
            let versions = try await app.store.questionnaires(leader)
            #expect(versions.map(\.version) == [2, 1] && versions[1].body == .standard)
            #expect(versions[0].body.questions.last?.askIf == AskIf(question: "security", answers: ["not_very_safe", "unsafe"]))
            #expect(try await app.store.auditEntries(.init(action: "questionnaire.save"), .commandLine(user: "t")).count == 1)
            #expect(!(try await page.get("/questionnaires/1").body.string.contains("/questionnaires/1/edit")), "edits go to the latest version")

            // An auxiliary reads the questionnaire but may not edit it.
            let aux = try await WebSession.signedIn(app, "auxA")
            #expect(try await aux.get("/questionnaires/\(versions[0].id)").status == .ok)
            #expect(try await aux.get("/questionnaires/\(versions[0].id)/edit").status == .forbidden)
            #expect(try await aux.post("/questionnaires/\(versions[0].id)/edit", pairs: Self.pairs(draft)).status == .forbidden)
        }
    }
}
