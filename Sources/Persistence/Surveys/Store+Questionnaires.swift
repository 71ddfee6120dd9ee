import Domain
import Foundation
import SQLKit

public struct QuestionnaireView: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var version: Int
    public var name: String
    public var body: QuestionnaireBody
    /// A round has used this version: it is never changed again.
    public var locked: Bool
    public var updatedAt: Date
}

struct QuestionnaireRow: Decodable {
    static let standardCode = "shuangtisheng"
    var id: Int64; var code: String; var version: Int; var name: String; var body: String; var updatedAt: Date; var rounds: Int

    static func json(_ body: QuestionnaireBody) throws -> String { String(decoding: try JSONEncoder().encode(body), as: UTF8.self) }

    func view() throws -> QuestionnaireView {
        QuestionnaireView(id: id, code: code, version: version, name: name, body: try JSONDecoder().decode(QuestionnaireBody.self, from: Data(body.utf8)),
                          locked: rounds > 0, updatedAt: updatedAt)
    }
}

extension Store {
    private func questionnaireQuery() -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("q.id, q.code, q.version, q.name, q.body, q.updated_at, (SELECT COUNT(*) FROM survey_rounds r WHERE r.questionnaire_id = q.id) AS rounds"))
            .from(SQLAlias(SQLIdentifier("questionnaires"), as: SQLIdentifier("q")))
    }

    /// Every version, newest first within each questionnaire. Questionnaires are the bureau's
    /// forms, not personal data: every member of staff reads them.
    public func questionnaires(_ caller: Caller) async throws -> [QuestionnaireView] {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return try await questionnaireQuery().orderBy(SQLColumn("code", table: "q")).orderBy(SQLColumn("version", table: "q"), SQLDirection.descending)
            .all(decoding: QuestionnaireRow.self, with: Store.rowDecoder).map { try $0.view() }
    }

    /// Staff read any version; a respondent's link reads the one of its round (see `linkSheet`).
    public func questionnaire(id: Int64, _ caller: Caller) async throws -> QuestionnaireView {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return try await questionnaire(id: id)
    }

    func questionnaire(id: Int64) async throws -> QuestionnaireView {
        guard let row = try await questionnaireQuery().where(SQLColumn("id", table: "q"), .equal, SQLBind(id))
            .first(decoding: QuestionnaireRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return try row.view()
    }

    /// 编辑问卷 (leaders and the administrator): the latest version is changed in place while no
    /// round has used it; once one has, the edit becomes the next version and the old one stays
    /// as its rounds asked it. `code` nil starts a new questionnaire.
    public func saveQuestionnaire(code: String?, name: String, _ body: QuestionnaireBody, _ caller: Caller) async throws -> QuestionnaireView {
        guard caller.role.mayDirectWork else { throw Forbidden() }
        let errors = QuestionnaireRules.errors(name: name, body)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let json = try QuestionnaireRow.json(body), t = now(), name = name.trimmed
        let id: Int64 = try await write { tx in
            let id = try await self.storeQuestionnaire(tx, code: code, name: name, json: json, caller, t)
            try await self.audit(tx, caller, "questionnaire.save", "questionnaire", String(id), "\(name) questions=\(body.questions.count)", at: "/")
            return id
        }
        return try await questionnaire(id: id)
    }

    private func storeQuestionnaire(_ tx: any SQLDatabase, code: String?, name: String, json: String, _ caller: Caller, _ t: Date) async throws -> Int64 {
        guard let code else {
            // A new questionnaire is coded by its id, which no other can have.
            let id = try await insertQuestionnaire(tx, code: "", version: 1, name: name, json: json, caller, t)
            try await tx.update("questionnaires").set("code", to: "q\(id)").where("id", .equal, id).run()
            return id
        }
        guard let latest = try await tx.select().columns(SQLRaw("q.id, q.version, (SELECT COUNT(*) FROM survey_rounds r WHERE r.questionnaire_id = q.id) AS rounds"))
            .from(SQLAlias(SQLIdentifier("questionnaires"), as: SQLIdentifier("q"))).where(SQLColumn("code", table: "q"), .equal, SQLBind(code))
            .orderBy(SQLColumn("version", table: "q"), SQLDirection.descending).limit(1).first() else { throw NotFound() }
        switch QuestionnaireRules.revision(latestVersion: try latest.decode(column: "version", as: Int.self), usedByRound: try latest.decode(column: "rounds", as: Int.self) > 0) {
        case .inPlace:
            let id = try latest.decode(column: "id", as: Int64.self)
            try await tx.update("questionnaires").set("name", to: name).set("body", to: json).set("updated_by", to: caller.userID).set("updated_at", to: t)
                .where("id", .equal, id).run()
            return id
        case .newVersion(let v):
            return try await insertQuestionnaire(tx, code: code, version: v, name: name, json: json, caller, t)
        }
    }

    private func insertQuestionnaire(_ tx: any SQLDatabase, code: String, version: Int, name: String, json: String, _ caller: Caller, _ t: Date) async throws -> Int64 {
        // Two leaders saving the same used version at once (PostgreSQL): the second finds the next
        // version taken and is asked to reload, not shown a server error.
        guard let row = try await tx.insert(into: "questionnaires").columns("code", "version", "name", "body", "updated_by", "updated_at")
            .values(SQLBind(code), SQLBind(version), SQLBind(name), SQLBind(json), SQLBind(caller.userID), SQLBind(t))
            .ignoringConflicts().returning("id").first() else { throw ValidationFailure(field: "questions", .notAllowedNow) }
        return try row.decode(column: "id", as: Int64.self)
    }
}
