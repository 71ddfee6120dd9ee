import Domain
import Foundation
import SQLKit

/// A sampled household as the call list and the answer form show it.
public struct SampleView: Sendable, Equatable, Codable {
    public struct Person: Sendable, Equatable, Codable {
        public var id: Int64
        public var name: String
        public var phoneMasked: String?
    }
    public var id: Int64
    public var roundID: Int64
    public var householdID: Int64
    public var address: String
    public var gridName: String
    public var status: SampleStatus
    public var attempts: Int
    public var lastOutcome: CallOutcome?
    public var callbackAt: Date?
    public var channel: SurveyChannel?
    public var completedAt: Date?
    public var people: [Person]
}

/// What a one-time link opens: the round's name and questionnaire, nothing of the household.
public struct LinkSheet: Sendable, Equatable {
    public var roundName: String
    public var questionnaire: QuestionnaireView
    public var answered: Bool
    public var open: Bool
}

struct SampleRow: Decodable {
    var id: Int64; var roundId: Int64; var householdId: Int64; var address: String; var gridName: String; var status: String; var attempts: Int
    var lastOutcome: String?; var callbackAt: Date?; var channel: String?; var completedAt: Date?; var communityPath: String; var unitPath: String
}

extension Store {
    func sampleQuery() -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("""
            s.id, s.round_id, s.household_id, h.address, g.name AS grid_name, s.status, s.attempts, s.last_outcome, s.callback_at, s.channel, s.completed_at, \
            s.community_path, s.unit_path
            """))
            .from(SQLAlias(SQLIdentifier("survey_samples"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = s.household_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = h.grid_id"))
    }

    func view(_ r: SampleRow, people: [SampleView.Person] = []) -> SampleView {
        SampleView(id: r.id, roundID: r.roundId, householdID: r.householdId, address: r.address, gridName: r.gridName, status: SampleStatus(rawValue: r.status) ?? .pending,
                   attempts: r.attempts, lastOutcome: r.lastOutcome.flatMap(CallOutcome.init), callbackAt: r.callbackAt, channel: r.channel.flatMap(SurveyChannel.init),
                   completedAt: r.completedAt, people: people)
    }

    /// One sampled household with its members (phones masked), in the caller's jurisdiction.
    public func sample(id: Int64, _ caller: Caller) async throws -> SampleView {
        guard let r = try await sampleQuery().where(SQLColumn("id", table: "s"), .equal, SQLBind(id)).where(workRecords(caller, "s"))
            .first(decoding: SampleRow.self, with: Store.rowDecoder) else { throw NotFound() }
        let people = try await sql.select().columns("id", "name", "phone_cipher").from("residents").where("household_id", .equal, r.householdId).orderBy("id").all().map {
            SampleView.Person(id: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self),
                              phoneMasked: try $0.decode(column: "phone_cipher", as: String?.self).map { PhoneNumber.mask(try cipher.open($0)) })
        }
        return view(r, people: people)
    }

    /// 拨号: the full number of one member of a sampled household, for the caller working the
    /// call list (auxiliaries included — they make the calls), while the household is still to
    /// be asked. Audited like any reveal.
    public func dialNumber(sampleID: Int64, residentID: Int64, _ caller: Caller) async throws -> String {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let s = try await sample(id: sampleID, caller)
        guard s.status == .pending, s.people.contains(where: { $0.id == residentID }) else { throw NotFound() }
        guard let stored = try await sql.select().column("phone_cipher").from("residents").where("id", .equal, residentID).first()?
            .decode(column: "phone_cipher", as: String?.self) else { throw NotFound() }
        let phone = try cipher.open(stored)
        let path = try await sql.select().column("unit_path").from("survey_samples").where("id", .equal, sampleID).first()!.decode(column: "unit_path", as: String.self)
        try await auditEvent(caller, "survey.dial", "resident", String(residentID), "round=\(s.roundID) sample=\(sampleID) phone", at: path)
        return phone
    }

    /// 电话 / 实地: the answers of a sampled household, typed in by the caller during the call or
    /// on the resident's doorstep. A phone answer counts as an attempt that got through.
    public func saveSurveyAnswers(sampleID: Int64, channel: SurveyChannel, _ raw: [String: [String]], _ caller: Caller) async throws -> SampleView {
        guard caller.role.mayRecordWork, channel == .phone || channel == .onSite else { throw Forbidden() }
        let s = try await sample(id: sampleID, caller)
        try await complete(roundID: s.roundID, match: SQLBinaryExpression(SQLColumn("id"), .equal, SQLBind(sampleID)), channel: channel, raw, by: caller)
        return try await sample(id: sampleID, caller)
    }

    /// 一次性链接: the resident's own answers, no sign-in; the token works once.
    public func answerByLink(token: String, _ raw: [String: [String]], clientAddress: String) async throws {
        guard let roundID = try await sql.select().column("round_id").from("survey_samples").where("token_hash", .equal, cipher.blindIndex(token)).first()?
            .decode(column: "round_id", as: Int64.self) else { throw ValidationFailure(field: "token", .invalidToken) }
        let respondent = Caller(userID: nil, username: "survey-link", role: .resident, jurisdiction: .nothing, clientAddress: clientAddress)
        try await complete(roundID: roundID, match: SQLBinaryExpression(SQLColumn("token_hash"), .equal, SQLBind(cipher.blindIndex(token))), channel: .online, raw, by: respondent)
    }

    /// The questionnaire a link opens; an unknown token is refused in the same words as a used one would be.
    public func linkSheet(token: String) async throws -> LinkSheet {
        guard let r = try await sql.select().columns("round_id", "status").from("survey_samples").where("token_hash", .equal, cipher.blindIndex(token)).first() else {
            throw ValidationFailure(field: "token", .invalidToken)
        }
        let round = try await roundRow(id: try r.decode(column: "round_id", as: Int64.self))
        return LinkSheet(roundName: round.name, questionnaire: try await questionnaire(id: round.questionnaireId),
                         answered: try r.decode(column: "status", as: String.self) == SampleStatus.completed.rawValue, open: round.isOpen(at: now()))
    }

    func roundRow(id: Int64) async throws -> RoundRow {
        guard let row = try await roundQuery().where(SQLColumn("id", table: "r"), .equal, SQLBind(id)).first(decoding: RoundRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return row
    }

    /// The one way a household's answers are stored, whatever the channel: checked against the
    /// round's questionnaire, then in one transaction the household is marked answered only if
    /// it was not already (so two callers, or a link sent twenty times, store one answer), a
    /// place under the community's quota is taken, and the answers written.
    func complete(roundID: Int64, match: any SQLExpression, channel: SurveyChannel, _ raw: [String: [String]], by caller: Caller) async throws {
        let round = try await roundRow(id: roundID)
        guard round.isOpen(at: now()) else { throw ValidationFailure(field: "round", .roundClosed) }
        let body = try await questionnaire(id: round.questionnaireId).body
        let answers = try SurveyAnswers.validate(body, raw).get()
        let t = now(), secure = body.security.classify(answers), satisfied = body.satisfaction.classify(answers)
        let phone = channel == .phone
        try await write { tx in
            let update = tx.update("survey_samples")
                .set("status", to: SampleStatus.completed.rawValue).set("channel", to: channel.rawValue).set("answered_by", to: caller.userID)
                .set("completed_at", to: t).set("secure", to: secure).set("satisfied", to: satisfied).set("callback_at", to: SQLLiteral.null)
            // A call that got through is an attempt too.
            if phone { update.set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1")).set("last_outcome", to: CallOutcome.answered.rawValue) }
            guard let done = try await update.where(match).where("round_id", .equal, roundID).where("status", .notEqual, SampleStatus.completed.rawValue)
                .returning("id", "community_path", "unit_path").first() else { throw ValidationFailure(field: "answers", .alreadyAnswered) }
            let id = try done.decode(column: "id", as: Int64.self), path = try done.decode(column: "unit_path", as: String.self)
            if let quota = round.quota {
                let community = try done.decode(column: "community_path", as: String.self)
                let taken = try await tx.raw("""
                    INSERT INTO survey_quota (round_id, community_path, done) VALUES (\(bind: roundID), \(bind: community), 1)
                    ON CONFLICT (round_id, community_path) DO UPDATE SET done = survey_quota.done + 1 WHERE survey_quota.done < \(bind: quota)
                    RETURNING done
                    """).first()
                if taken == nil { throw ValidationFailure(field: "answers", .quotaFull) }
            }
            let rows = answers.sorted { $0.key < $1.key }.flatMap { q, values in values.map { [id, roundID, q, $0] as [any Encodable & Sendable] } }
            if !rows.isEmpty { try await BulkInsert(table: "survey_answers", columns: ["sample_id", "round_id", "question", "value"]).run(tx, rows) }
            try await self.addCounts(tx, roundID: roundID, AnswerCounter(body).keys(answers, at: path).reduce(into: [:]) { $0[$1, default: 0] += 1 })
            if phone { try await self.insertCall(tx, sampleID: id, outcome: .answered, callbackAt: nil, note: "", caller, t) }
            // The audit names the household's sample, never what was answered.
            try await self.audit(tx, caller, "survey.answer", "survey_sample", String(id), "round=\(roundID) channel=\(channel.rawValue)", at: path)
        }
    }

    func insertCall(_ tx: any SQLDatabase, sampleID: Int64, outcome: CallOutcome, callbackAt: Date?, note: String, _ caller: Caller, _ t: Date) async throws {
        try await tx.insert(into: "survey_calls").columns("sample_id", "outcome", "callback_at", "note", "called_by", "called_at")
            .values(SQLBind(sampleID), SQLBind(outcome.rawValue), SQLBind(callbackAt), SQLBind(note), SQLBind(caller.userID), SQLBind(t)).run()
    }

    /// 记录通话结果 for a call that did not complete the questionnaire: no answer, refused, wrong
    /// number, or call back at a time. The last allowed attempt closes the household.
    public func recordCall(sampleID: Int64, outcome raw: String, callbackAt: Date?, note: String, _ caller: Caller) async throws -> SampleView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let s = try await sample(id: sampleID, caller)
        let round = try await roundRow(id: s.roundID)
        guard round.isOpen(at: now()) else { throw ValidationFailure(field: "round", .roundClosed) }
        guard let outcome = CallOutcome(rawValue: raw), outcome != .answered else { throw ValidationFailure(field: "outcome", raw.isEmpty ? .required : .invalidChoice) }
        let note = note.trimmed
        if note.count > SurveyCalls.maxNote { throw ValidationFailure(field: "note", .tooLong) }
        guard s.status == .pending else { throw ValidationFailure(field: "outcome", .notAllowedNow) }
        let t = now()
        let (status, back) = try SurveyCalls.after(outcome, attempts: s.attempts + 1, maxAttempts: round.maxAttempts, callbackAt: callbackAt, now: t, roundEnds: round.endsAt).get()
        try await write { tx in
            // Only from the attempt count this page was read at: two callers saving one household's call count one.
            guard let done = try await tx.update("survey_samples").set("status", to: status.rawValue).set("attempts", to: s.attempts + 1)
                .set("last_outcome", to: outcome.rawValue).set("callback_at", to: back)
                .where("id", .equal, sampleID).where("status", .equal, SampleStatus.pending.rawValue).where("attempts", .equal, s.attempts)
                .returning("unit_path").first() else { throw ValidationFailure(field: "outcome", .notAllowedNow) }
            try await self.insertCall(tx, sampleID: sampleID, outcome: outcome, callbackAt: back, note: note, caller, t)
            try await self.audit(tx, caller, "survey.call", "survey_sample", String(sampleID), "\(outcome.rawValue) -> \(status.rawValue)",
                                 at: try done.decode(column: "unit_path", as: String.self))
        }
        return try await sample(id: sampleID, caller)
    }
}
