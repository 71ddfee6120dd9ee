import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Seed 004's 双提升 team: a bureau round over 10 stations, answered by phone, on site and
/// through one-time links, read back as exact rates per station and for the bureau.
@Suite(.serialized) struct SurveyScenarioTests {
    static let cli = Caller.commandLine(user: "t")
    static let stations = ["SA", "SB", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"]

    /// Station `i`'s answer `j` (100 per station). Hand-counted: of the 90 valid security answers
    /// (the first 10 say 说不清) 60 + 3i are 安全 / 比较安全; of the 95 valid satisfaction answers
    /// (the first 5 say 不了解) 70 + 2i are 满意 / 比较满意.
    static func answers(station i: Int, _ j: Int) -> [String: [String]] {
        let secure = 60 + 3 * i, satisfied = 70 + 2 * i
        let security = j < 10 ? "unsure" : j < 10 + secure ? (j % 2 == 0 ? "safe" : "fairly_safe") : "unsafe"
        let satisfaction = j < 5 ? "unaware" : j < 5 + satisfied ? (j % 2 == 0 ? "satisfied" : "fairly_satisfied") : "unsatisfied"
        var a = ["security": [security], "satisfaction": [satisfaction], "sees_police": ["often"], "knows_officer": [j % 3 == 0 ? "yes" : "no"]]
        if j % 3 == 0 { a["officer_visited"] = ["yes"]; a["officer_rating"] = ["5"] }
        if j % 7 == 0 { a["concerns"] = ["fraud", "theft"] }
        // 28 written suggestions: four in each of the first four stations, two in the others.
        if (i < 4 ? [1, 11, 21, 31] : [1, 11]).contains(j) { a["suggestion"] = ["\(stations[i])所辖建议\(j)：夜间多巡逻"] }
        return a
    }

    static func pairs(_ a: [String: [String]]) -> [(String, String)] {
        a.sorted { $0.key < $1.key }.flatMap { k, vs in vs.map { ("a.\(k)", $0) } }
    }

    /// 8 more stations, and 400 households in each of the 10 (the fixture's 2 included).
    static func bureauOfTenStations(_ app: Application) async throws {
        let s = app.store
        for st in stations.dropFirst(2) {
            _ = try await s.createUnit(code: st, name: "\(st)派出所", kind: .station, parentCode: "B", cli)
            _ = try await s.createUnit(code: "\(st)-C", name: "\(st)社区", kind: .community, parentCode: st, cli)
            _ = try await s.createUnit(code: "\(st)-G", name: "\(st)网格", kind: .grid, parentCode: "\(st)-C", cli)
        }
        var csv = RegisterImport.columns.joined(separator: ",") + "\n", n = 0
        for st in stations {
            for k in 1...(st == "SA" || st == "SB" ? 399 : 400) {
                n += 1
                let first17 = "110106" + "19\(50 + n / 999)0101" + String(format: "%03d", n % 999 + 1)
                csv += "\(st)-G,\(st)街\(k)号,住户\(st)\(k),male,,\(first17)\(IDNumber.checkCharacter(for: first17)!),139\(String(format: "%08d", n)),\n"
            }
        }
        let result = try await s.importRegister(csv: csv, cli)
        #expect(result.households == 3998, "\(result)")
        let hash = try await app.password.async.hash(Fixture.password)
        _ = try await s.createAccount(NewAccount(username: "chief", displayName: "局领导", role: .bureauLeader, unitCode: "B"), passwordHash: hash, cli)
    }

    static func caller(_ app: Application, _ username: String) async throws -> Caller {
        try await app.store.credentials(username: username)!.account.caller(clientAddress: "t")
    }

    @Test func aBureauRoundOverTenStationsGivesExactRatesPerStationAndForTheBureau() async throws {
        try await withJingmin { app, f in
            try await Self.bureauOfTenStations(app)
            let chief = try await WebSession.signedIn(app, "chief")
            let bureau = try await app.store.unit(code: "B", Self.cli)
            #expect(try await chief.get("/surveys/new").body.string.contains("双提升问卷"))
            let created = try await chief.post("/surveys/new", pairs: [("name", "2026年第四季度双提升调查"), ("questionnaireID", "1"), ("startDate", "2026-11-23"),
                                                                      ("endDate", "2026-12-31"), ("unitIDs[]", String(bureau.id)), ("mode", "all"), ("maxAttempts", "3")])
            #expect(created.status == .seeOther)
            let chiefCaller = try await Self.caller(app, "chief")
            let round = try #require(try await app.store.rounds(chiefCaller).first)
            #expect(round.sampled == 4000)

            // Station i's first 100 households (by id): 80 by phone, 10 on site, 10 online.
            let sql = app.db as! any SQLDatabase
            var links: [Int64: String] = [:]
            for l in try await app.store.surveyLinks(roundID: round.id, issue: true, chiefCaller) { links[l.sampleID] = l.token }
            #expect(links.count == 4000)
            let aux = try await WebSession.signedIn(app, "auxA")
            for (i, st) in Self.stations.enumerated() {
                let ids = try await sql.select().column("id").from("survey_samples").where("round_id", .equal, round.id)
                    .where("unit_path", .like, "/B/\(st)/%").orderBy("id").limit(100).all().map { try $0.decode(column: "id", as: Int64.self) }
                for (j, id) in ids.enumerated() {
                    let a = Self.answers(station: i, j)
                    switch j % 10 {
                    case 9 where j < 30:
                        // The resident's own phone: the link, no sign-in.
                        let resident = WebSession(app)
                        #expect(try await resident.get("/q/\(links[id]!)").body.string.contains("您觉得您所在地区的社会治安状况怎么样"))
                        #expect(try await resident.post("/q/\(links[id]!)", pairs: Self.pairs(a)).body.string.contains("感谢您的参与"))
                    case 9: try await app.store.answerByLink(token: links[id]!, a, clientAddress: "t")
                    case 8: _ = try await app.store.saveSurveyAnswers(sampleID: id, channel: .onSite, a, chiefCaller)
                    default:
                        if st == "SA" && j < 20 {
                            // 辅警 on the call list, typing the answers in during the call.
                            _ = try await aux.get("/survey-samples/\(id)")
                            #expect(try await aux.post("/survey-samples/\(id)/answers", pairs: [("channel", "phone")] + Self.pairs(a)).status == .seeOther)
                        } else {
                            _ = try await app.store.saveSurveyAnswers(sampleID: id, channel: .phone, a, chiefCaller)
                        }
                    }
                }
            }

            let results = try await app.store.roundResults(id: round.id, chiefCaller)
            #expect(results.total.tally.sampled == 4000 && results.total.tally.completed == 1000)
            #expect(results.total.tally.security == SurveyRate(counted: 735, valid: 900))
            #expect(results.total.tally.satisfaction == SurveyRate(counted: 790, valid: 950))
            #expect(results.channels == ["phone": 800, "on_site": 100, "online": 100])
            #expect(results.total.tally.attempts == 800, "each phone answer is one attempt")
            let byCode = Dictionary(uniqueKeysWithValues: results.stations.map { ($0.name, $0.tally) })
            for (i, st) in Self.stations.enumerated() {
                #expect(byCode["\(st)派出所"]?.security == SurveyRate(counted: 60 + 3 * i, valid: 90), "\(st)")
                #expect(byCode["\(st)派出所"]?.satisfaction == SurveyRate(counted: 70 + 2 * i, valid: 95), "\(st)")
                #expect(byCode["\(st)派出所"]?.completed == 100 && byCode["\(st)派出所"]?.sampled == 400)
            }
            let concerns = try #require(results.questions.first { $0.key == "concerns" })
            #expect(concerns.counts.first { $0.code == "fraud" }?.count == 150, "j % 7 == 0: 15 of each station's 100")
            #expect(results.questions.first { $0.key == "suggestion" }?.texts == 28 && results.questions.first { $0.key == "suggestion" }?.counts == [])

            // The bureau leader reads it by station; the page carries the rates and their definitions.
            let page = try await chief.get("/surveys/\(round.id)").body.string
            #expect(page.contains("id=\"survey-security\">81.6%") && page.contains("id=\"survey-satisfaction\">83.1%"))
            #expect(page.contains("SA派出所") && page.contains("66.6%") && page.contains("96.6%") && page.contains("（安全 + 比较安全）") && page.contains("说不清"))
            // The answers behind the rates, fifty to a page, no household named.
            let sheets = try await chief.get("/surveys/\(round.id)/answers").body.string
            #expect(sheets.contains("第 1–50 份，共 1000 份") && sheets.contains("page=2") && !sheets.contains("page=0"))
            #expect(!sheets.contains("街1号") && !sheets.contains("街2号"), "no address on the answers list")
            let last = try await app.store.answeredSheets(roundID: round.id, unitID: nil, page: 20, chiefCaller)
            #expect(last.sheets.count == 50 && last.sheets.allSatisfy { $0.answers["security"]?.count == 1 })
            #expect(try await chief.get("/surveys/\(round.id)/answers?page=0").status == .unprocessableEntity)
            let sheetsFile = try await chief.get("/surveys/\(round.id)/answers/export?format=csv").body.string
            #expect(sheetsFile.split(separator: "\r\n").count == 1001 && sheetsFile.contains("1. 您觉得您所在地区的社会治安状况怎么样？"), "every questionnaire in the export")
            let list = try await chief.get("/surveys").body.string
            #expect(list.contains("2026年第四季度双提升调查") && list.contains("25.0%"))
            let export = try await chief.get("/surveys/\(round.id)/export?format=csv").body.string
            #expect(export.contains("SA派出所,400,100,25.0%"))

            // A station leader reads only their own station's share.
            // The 28 written suggestions go to their grids' queues: one in one step from the auxiliary, the rest in bulk.
            let texts = try await app.store.surveyTexts(roundID: round.id, chiefCaller)
            #expect(texts.count == 28)
            let first = try #require(texts.first { $0.text.hasPrefix("SA所辖建议") })
            _ = try await aux.get("/surveys/\(round.id)/suggestions")
            #expect(try await aux.post("/surveys/\(round.id)/suggestions", ["sampleID": String(first.sampleID)]).status == .seeOther)
            #expect(try await app.store.makeSurveySuggestions(roundID: round.id, chiefCaller) == 27)
            #expect(try await app.store.makeSurveySuggestions(roundID: round.id, chiefCaller) == 0, "made once")
            let made = try await sql.select().columns("unit_path", "description", "kind").from("requests").where("channel", .equal, "survey").all()
            #expect(made.count == 28)
            for r in made {
                let path = try r.decode(column: "unit_path", as: String.self), text = try r.decode(column: "description", as: String.self)
                let kind = try r.decode(column: "kind", as: String.self)
                #expect(text.hasPrefix(path.split(separator: "/")[1] + "所辖建议") && kind == "suggestion", "\(path) \(text)")
            }
            let suggestionsPage = try await chief.get("/surveys/\(round.id)/suggestions").body.string
            #expect(suggestionsPage.contains("已转为意见建议 #") && !suggestionsPage.contains("SA街1号"), "by grid, never by household")

            let leaderA = try await app.store.roundResults(id: round.id, try await Self.caller(app, "leaderA"))
            #expect(leaderA.stations.map(\.name) == ["SA派出所"] && leaderA.total.tally.security == SurveyRate(counted: 60, valid: 90))
            #expect(leaderA.questions.first { $0.key == "concerns" }?.counts.first { $0.code == "fraud" }?.count == 15, "their station's answers only")
            #expect(try await app.store.answeredSheets(roundID: round.id, unitID: nil, page: 1, try await Self.caller(app, "leaderA")).total == 100)
            #expect(try await app.store.callList(roundID: round.id, try await Self.caller(app, "auxA")).pending == 300)
            _ = f
        }
    }
}
