import Domain
import Foundation
import SQLKit

/// `survey_counts`: how many answered each choice of each question, per round and grid — a
/// free-text answer counted under the empty value, never its words. Kept in the transaction
/// that stores the answers, so a bureau round's distributions read a few thousand rows rather
/// than join every answer to its household (Benchmarks/survey_import.sh).
struct AnswerCount: Hashable, Comparable {
    var unitPath: String, question: String, value: String
    static func < (a: AnswerCount, b: AnswerCount) -> Bool { (a.unitPath, a.question, a.value) < (b.unitPath, b.question, b.value) }
}

/// A questionnaire's way of counting answers: read once per questionnaire, not per household.
struct AnswerCounter {
    /// Free-text questions: their answers count under "".
    let texts: [String]
    init(_ body: QuestionnaireBody) { texts = body.questions.filter { $0.kind == .text }.map(\.key) }

    /// What one household's answers add.
    func keys(_ answers: [String: [String]], at unitPath: String) -> [AnswerCount] {
        answers.flatMap { q, values in values.map { AnswerCount(unitPath: unitPath, question: q, value: texts.contains(q) ? "" : $0) } }
    }
}

extension Store {
    /// Adds to the round's counts, in key order (two transactions adding to the same rows on
    /// PostgreSQL then take their locks in the same order).
    func addCounts(_ tx: any SQLDatabase, roundID: Int64, _ counts: [AnswerCount: Int]) async throws {
        for chunk in counts.keys.sorted().chunked(BulkInsert.maxBinds / 5) {
            let insert = tx.insert(into: "survey_counts").columns("round_id", "unit_path", "question", "value", "n")
            for key in chunk { _ = insert.values(SQLBind(roundID), SQLBind(key.unitPath), SQLBind(key.question), SQLBind(key.value), SQLBind(counts[key]!)) }
            try await insert.onConflict(with: ["round_id", "unit_path", "question", "value"]) { $0.set("n", to: SQLRaw("survey_counts.n + excluded.n")) }.run()
        }
    }

    /// Counts every round again from its answers: after the table is made, and after a restore.
    static func rebuildSurveyCounts(on db: any SQLDatabase) async throws {
        try await db.delete(from: "survey_counts").run()
        let rounds = try await db.select().columns(SQLRaw("r.id, q.body")).from(SQLAlias(SQLIdentifier("survey_rounds"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("questionnaires"), as: SQLIdentifier("q")), on: SQLRaw("q.id = r.questionnaire_id")).all()
        for r in rounds {
            let body = try JSONDecoder().decode(QuestionnaireBody.self, from: Data(try r.decode(column: "body", as: String.self).utf8))
            let texts: [any Encodable & Sendable] = AnswerCounter(body).texts
            let value: SQLQueryString = texts.isEmpty ? "a.value" : "CASE WHEN a.question IN (\(binds: texts)) THEN '' ELSE a.value END"
            try await db.raw("""
                INSERT INTO survey_counts (round_id, unit_path, question, value, n)
                SELECT a.round_id, s.unit_path, a.question, \(value) AS v, COUNT(*) FROM survey_answers a JOIN survey_samples s ON s.id = a.sample_id
                WHERE a.round_id = \(bind: try r.decode(column: "id", as: Int64.self)) GROUP BY a.round_id, s.unit_path, a.question, v
                """).run()
        }
    }
}
