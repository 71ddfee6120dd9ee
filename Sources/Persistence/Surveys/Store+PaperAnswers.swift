import Domain
import Foundation
import SQLKit

extension Store {
    /// 纸质问卷录入 for one round: every row is checked first — its household is one of the round's
    /// sample in the caller's reach and not yet answered, its answers pass the questionnaire's
    /// rules, and the community's quota has room — and any problem imports nothing. Then all rows
    /// land in one transaction. Gives the number of questionnaires stored.
    public func importPaperAnswers(roundID: Int64, csv: String, _ caller: Caller) async throws -> Int {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        guard let round = try await roundRows(caller, id: roundID).first else { throw NotFound() }
        guard round.isOpen(at: now()) else { throw ValidationFailure(field: "round", .roundClosed) }
        let body = try await questionnaire(id: round.questionnaireId).body
        let rows = try PaperAnswers.read(csv, body).get()
        guard !rows.isEmpty else { throw ValidationFailure(field: "file", .required) }

        // The round's sample in the caller's reach, and what each community's quota has left.
        var sample: [Int64: (community: String, grid: String, status: String)] = [:]
        for chunk in rows.map(\.sampleID).chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("id", "community_path", "unit_path", "status").from("survey_samples").where("round_id", .equal, roundID)
                .where("id", .in, chunk).where(workRecords(caller, "survey_samples")).all() {
                sample[try r.decode(column: "id", as: Int64.self)] = (try r.decode(column: "community_path", as: String.self), try r.decode(column: "unit_path", as: String.self),
                                                                 try r.decode(column: "status", as: String.self))
            }
        }
        var done: [String: Int] = [:]
        if round.quota != nil {
            for r in try await sql.select().columns("community_path", "done").from("survey_quota").where("round_id", .equal, roundID).all() {
                done[try r.decode(column: "community_path", as: String.self)] = try r.decode(column: "done", as: Int.self)
            }
        }
        var ledger = QuotaLedger(quota: round.quota, done: done), errors: [FieldError] = []
        for row in rows {
            guard let s = sample[row.sampleID] else { errors.append(FieldError(field: PaperAnswers.sampleColumn, problem: .invalidChoice, row: row.line)); continue }
            if s.status == SampleStatus.completed.rawValue { errors.append(FieldError(field: PaperAnswers.sampleColumn, problem: .alreadyAnswered, row: row.line)); continue }
            if !ledger.take(s.community) { errors.append(FieldError(field: PaperAnswers.sampleColumn, problem: .quotaFull, row: row.line)) }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }

        let t = now()
        // The places this file takes under each community's quota.
        let taken = ledger.done.reduce(into: [String: Int]()) { out, e in if e.value > done[e.key, default: 0] { out[e.key] = e.value - done[e.key, default: 0] } }
        // Rows grouped by what they count for, so each group is one UPDATE per chunk of ids.
        let groups = Dictionary(grouping: rows) { [body.security.classify($0.answers), body.satisfaction.classify($0.answers)] }
        let counter = AnswerCounter(body)
        let counts = rows.reduce(into: [AnswerCount: Int]()) { counts, r in
            for key in counter.keys(r.answers, at: sample[r.sampleID]!.grid) { counts[key, default: 0] += 1 }
        }
        return try await write { tx in
            var updated = 0
            for (counts, group) in groups {
                for chunk in group.map(\.sampleID).chunked(BulkInsert.maxBinds) {
                    updated += try await tx.update("survey_samples")
                        .set("status", to: SampleStatus.completed.rawValue).set("channel", to: SurveyChannel.paper.rawValue).set("answered_by", to: caller.userID)
                        .set("completed_at", to: t).set("secure", to: counts[0]).set("satisfied", to: counts[1]).set("callback_at", to: SQLLiteral.null)
                        .where("round_id", .equal, roundID).where("id", .in, chunk).where("status", .notEqual, SampleStatus.completed.rawValue)
                        .returning("id").all().count
                }
            }
            // Answered meanwhile by phone or link: the file is refused whole, as if checked then.
            guard updated == rows.count else { throw ValidationFailure(field: PaperAnswers.sampleColumn, .alreadyAnswered) }
            if let quota = round.quota {
                for (community, n) in taken {
                    let room = try await tx.raw("""
                        INSERT INTO survey_quota (round_id, community_path, done) VALUES (\(bind: roundID), \(bind: community), \(bind: n))
                        ON CONFLICT (round_id, community_path) DO UPDATE SET done = survey_quota.done + \(bind: n) WHERE survey_quota.done + \(bind: n) <= \(bind: quota)
                        RETURNING done
                        """).first()
                    if room == nil { throw ValidationFailure(field: PaperAnswers.sampleColumn, .quotaFull) }
                }
            }
            try await BulkInsert(table: "survey_answers", columns: ["sample_id", "round_id", "question", "value"])
                .run(tx, rows.lazy.flatMap { r in r.answers.flatMap { q, values in values.map { [r.sampleID, roundID, q, $0] as [any Encodable & Sendable] } } })
            try await self.addCounts(tx, roundID: roundID, counts)
            try await self.audit(tx, caller, "survey.paper", "survey_round", String(roundID), "questionnaires=\(rows.count)", at: round.unitPath)
            return rows.count
        }
    }
}

extension Store {
    /// The round a paper file's first sample number belongs to (the command line names no round).
    public func roundOfPaperFile(_ csv: String) async throws -> Int64 {
        guard let first = CSV.parse(csv).dropFirst().first?.fields.first.flatMap({ Int64($0.trimmed) }),
              let round = try await sql.select().column("round_id").from("survey_samples").where("id", .equal, first).first()?
                .decode(column: "round_id", as: Int64.self) else { throw ValidationFailure(field: PaperAnswers.sampleColumn, .invalidChoice) }
        return round
    }
}
