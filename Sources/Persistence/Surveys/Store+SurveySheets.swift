import Domain
import Foundation
import SQLKit

/// One completed questionnaire on the answers list: where, how and when it was answered, never
/// by whom — the household is known by its sample number only.
public struct AnsweredSheet: Sendable, Equatable, Codable {
    public var sampleID: Int64
    public var gridName: String
    public var channel: SurveyChannel?
    public var completedAt: Date?
    public var answers: [String: [String]]
}

public struct AnsweredSheets: Sendable, Equatable, Codable {
    public var round: RoundView
    public var definition: QuestionnaireBody
    /// Page `page` of the `total` completed questionnaires (every one when exported), newest first.
    public var sheets: [AnsweredSheet]
    public var total: Int
    public var page: Int
    public var perPage: Int
}

extension Store {
    public static let sheetsPerPage = 50

    /// 答卷明细: the round's completed questionnaires in the caller's share, or in one unit of it
    /// (the results page's drill-down), a page at a time — or all of them (`page` nil, the export).
    public func answeredSheets(roundID: Int64, unitID: Int64?, page: Int?, _ caller: Caller) async throws -> AnsweredSheets {
        let round = try await self.round(id: roundID, caller)
        let body = try await questionnaire(id: round.questionnaireID).body
        // The unit is looked up once, for both the page and its count.
        let scope = try await unitID.asyncMap { try await unit(id: $0, caller).path }
        func completed() -> SQLSelectBuilder {
            let q = sql.select().from(SQLAlias(SQLIdentifier("survey_samples"), as: SQLIdentifier("s")))
                .where(SQLColumn("round_id", table: "s"), .equal, SQLBind(roundID)).where(SQLColumn("status", table: "s"), .equal, SQLBind(SampleStatus.completed.rawValue))
                .where(workRecords(caller, "s"))
            return scope.map { q.where(Jurisdiction.subtree(path: $0).predicate(pathColumn: "s.unit_path", householdColumn: "s.id")) } ?? q
        }
        struct Row: Decodable { var id: Int64; var unitPath: String; var channel: String?; var completedAt: Date? }
        // The page first, then its grids' names: the sort never carries a join.
        let q = completed().columns(SQLRaw("s.id, s.unit_path, s.channel, s.completed_at"))
            .orderBy(SQLColumn("completed_at", table: "s"), SQLDirection.descending).orderBy(SQLColumn("id", table: "s"), SQLDirection.descending)
        if let page { q.limit(Self.sheetsPerPage).offset((page - 1) * Self.sheetsPerPage) }
        let rows = try await q.all(decoding: Row.self, with: Store.rowDecoder)
        // The export holds every row: its count is the rows'.
        let total = page == nil ? rows.count
            : try await completed().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").first()?.decode(column: "n", as: Int.self) ?? 0
        var answers: [Int64: [String: [String]]] = [:]
        for chunk in rows.map(\.id).chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("sample_id", "question", "value").from("survey_answers").where("sample_id", .in, chunk).all() {
                answers[try r.decode(column: "sample_id", as: Int64.self), default: [:]][try r.decode(column: "question", as: String.self), default: []]
                    .append(try r.decode(column: "value", as: String.self))
            }
        }
        let grids = try await unitsByPath(Set(rows.map(\.unitPath)))
        return AnsweredSheets(round: round, definition: body, sheets: rows.map { r in
            AnsweredSheet(sampleID: r.id, gridName: grids[r.unitPath]?.name ?? "", channel: r.channel.flatMap(SurveyChannel.init), completedAt: r.completedAt, answers: answers[r.id] ?? [:])
        }, total: total, page: page ?? 1, perPage: page == nil ? total : Self.sheetsPerPage)
    }
}
