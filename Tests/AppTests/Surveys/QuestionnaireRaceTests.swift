import Domain
import Foundation
import Persistence
import SQLKit
import Testing
@testable import Web

/// Leaders saving the same used questionnaire at once: one new version is made, each save lands
/// in it or is asked to reload ("可能已被他人处理，请刷新") — never a server error, also on PostgreSQL.
@Suite struct QuestionnaireRaceTests {
    @Test func leadersSavingAUsedVersionAtOnceGetANewVersionOrAReload() async throws {
        try await withJingmin { app, f in
            let (_, leader) = try await SurveyCallTests.round(app, f)
            let used = try await app.store.questionnaire(id: 1, leader)
            #expect(used.locked)
            let store = app.store
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        do {
                            return "v\(try await store.saveQuestionnaire(code: used.code, name: used.name + "（修订\(i)）", used.body, leader).version)"
                        } catch let v as ValidationFailure where v.errors == [FieldError(field: "questions", problem: .notAllowedNow)] {
                            return "reload"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // One new version: the first save makes it, the others edit it (unused yet) or reload.
            #expect(outcomes.contains("v2") && outcomes.allSatisfy { $0 == "v2" || $0 == "reload" }, "\(outcomes)")
            let rows = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("questionnaires")
                .where("code", .equal, used.code).first()!.decode(column: "n", as: Int.self)
            #expect(rows == 2)
        }
    }
}
