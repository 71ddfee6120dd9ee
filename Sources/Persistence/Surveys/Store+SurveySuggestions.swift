import Domain
import Foundation
import SQLKit

/// A free-text answer as the round's suggestions list shows it: where it came from (grid, never
/// the household — the answers are counted anonymously) and the suggestion it became.
public struct SurveyText: Sendable, Equatable, Codable {
    public var sampleID: Int64
    public var question: String
    public var text: String
    public var gridName: String
    public var channel: SurveyChannel?
    public var requestID: Int64?
}

extension Store {
    private func textAnswers(roundID: Int64, sampleID: Int64?, onlyNew: Bool, _ caller: Caller) async throws -> [(SurveyText, gridID: Int64, path: String)] {
        let round = try await self.round(id: roundID, caller)
        let texts = try await questionnaire(id: round.questionnaireID).body.questions.filter { $0.kind == .text }.map(\.key)
        guard !texts.isEmpty else { return [] }
        var q = sql.select().columns(SQLRaw("a.sample_id, a.question, a.value, a.request_id, g.name AS grid_name, g.id AS grid_id, s.unit_path, s.channel"))
            .from(SQLAlias(SQLIdentifier("survey_answers"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("survey_samples"), as: SQLIdentifier("s")), on: SQLRaw("s.id = a.sample_id"))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = s.household_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = h.grid_id"))
            .where(SQLColumn("round_id", table: "a"), .equal, SQLBind(roundID)).where(SQLColumn("question", table: "a"), .in, SQLBind.group(texts))
            .where(workRecords(caller, "s"))
        if let sampleID { q = q.where(SQLColumn("sample_id", table: "a"), .equal, SQLBind(sampleID)) }
        if onlyNew { q = q.where(SQLColumn("request_id", table: "a"), .is, SQLLiteral.null) }
        struct Row: Decodable { var sampleId: Int64; var question: String; var value: String; var requestId: Int64?; var gridName: String; var gridId: Int64; var unitPath: String; var channel: String? }
        return try await q.orderBy(SQLColumn("unit_path", table: "s")).orderBy(SQLColumn("sample_id", table: "a")).limit(10_000)
            .all(decoding: Row.self, with: Store.rowDecoder).map { r in
                (SurveyText(sampleID: r.sampleId, question: r.question, text: r.value, gridName: r.gridName, channel: r.channel.flatMap(SurveyChannel.init), requestID: r.requestId),
                 r.gridId, r.unitPath)
            }
    }

    /// The round's free-text answers in the caller's reach (the answers drill-down).
    public func surveyTexts(roundID: Int64, _ caller: Caller) async throws -> [SurveyText] {
        try await textAnswers(roundID: roundID, sampleID: nil, onlyNew: false, caller).map(\.0)
    }

    /// 转为意见建议: each free-text answer not yet made one becomes a suggestion (channel 问卷) in
    /// its grid's queue, with no name attached, and the answer keeps the link. One household's
    /// (`sampleID`), or the whole round's share at once. Gives the number made.
    public func makeSurveySuggestions(roundID: Int64, sampleID: Int64? = nil, _ caller: Caller) async throws -> Int {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        if let sampleID { guard try await sample(id: sampleID, caller).roundID == roundID else { throw NotFound() } }
        let answers = try await textAnswers(roundID: roundID, sampleID: sampleID, onlyNew: true, caller)
        guard !answers.isEmpty else { return 0 }
        guard let category = try await requestCategories().first(where: { $0.code == "suggestion" }) else { throw NotFound() }
        return try await write { tx in
            for (a, gridID, path) in answers {
                let r = ValidRequest(kind: .suggestion, category: category, description: a.text, address: "", gridID: gridID)
                let id = try await self.insertRequest(tx, r, origin: RequestOrigin(channel: .survey), unitPath: path, gridID: gridID, requesterUser: nil,
                                                      contactName: "", phoneCipher: nil, caller)
                // Made meanwhile by a colleague: the whole batch stands down rather than make a second.
                guard try await tx.update("survey_answers").set("request_id", to: id).where("sample_id", .equal, a.sampleID).where("question", .equal, a.question)
                    .where("value", .equal, a.text).where("request_id", .is, SQLLiteral.null).returning("sample_id").first() != nil else {
                    throw ValidationFailure(field: "answers", .alreadyRecorded)
                }
            }
            return answers.count
        }
    }
}
