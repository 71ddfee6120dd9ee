import Domain
import Foundation
import SQLKit

/// A round's counts for one unit (or all the caller sees).
public struct SurveyTally: Sendable, Equatable, Codable {
    public var sampled = 0, completed = 0, refused = 0, unreachable = 0, attempts = 0
    public var security = SurveyRate.zero
    public var satisfaction = SurveyRate.zero
    /// Questionnaires completed by each channel that has any (`SurveyChannel` raw values).
    public var channels: [String: Int] = [:]
    public init() {}
    /// 应答率 = completed ÷ sampled, in percent; nil with no sample.
    public var responseRate: Double? { SurveyRate(counted: completed, valid: sampled).percent }

    static func + (a: SurveyTally, b: SurveyTally) -> SurveyTally {
        var t = SurveyTally()
        t.sampled = a.sampled + b.sampled; t.completed = a.completed + b.completed; t.refused = a.refused + b.refused
        t.unreachable = a.unreachable + b.unreachable; t.attempts = a.attempts + b.attempts
        t.security = a.security + b.security; t.satisfaction = a.satisfaction + b.satisfaction
        t.channels = a.channels.merging(b.channels, uniquingKeysWith: +)
        return t
    }
}

public struct ResultLine: Sendable, Equatable, Codable {
    /// Empty for the total line.
    public var name: String
    public var path: String
    public var unitID: Int64?
    public var tally: SurveyTally
    /// The same unit in the round before, when it was asked then.
    public var previous: SurveyTally?
}

/// One question's answers: how many chose each code.
public struct QuestionTally: Sendable, Equatable, Codable {
    public struct Count: Sendable, Equatable, Codable { public var code: String; public var label: String; public var count: Int }
    public var key: String
    public var prompt: String
    public var counts: [Count]
    /// Free-text answers given (their texts are read on the answers list).
    public var texts: Int
}

public struct RoundResults: Sendable, Equatable, Codable {
    public var round: RoundView
    public var definition: QuestionnaireBody
    public var total: ResultLine
    public var stations: [ResultLine]
    public var communities: [ResultLine]
    public var questions: [QuestionTally]
    public var channels: [String: Int]
    public var previousRound: RoundView?
}

extension Store {
    /// 调查结果: response, 安全感率 and 满意度 per station and community of the caller's share, with
    /// each unit's change from the round before and every question's distribution.
    public func roundResults(id: Int64, unitID: Int64? = nil, _ caller: Caller) async throws -> RoundResults {
        let round = try await self.round(id: id, caller)
        let body = try await questionnaire(id: round.questionnaireID).body
        let scope = try await unitID.asyncMap { try await unit(id: $0, caller).path }
        let lines = try await communityTallies(roundID: id, under: scope, caller)
        // The round before: the latest that started earlier and reaches the caller too.
        let previousRound = try await rounds(caller).first { $0.id != id && $0.startDate < round.startDate }
        let before = try await previousRound.asyncMap { try await communityTallies(roundID: $0.id, under: scope, caller) } ?? [:]
        let stationsNow = Dictionary(grouping: lines, by: { Self.stationPath(of: $0.key) }).mapValues { $0.reduce(SurveyTally()) { $0 + $1.value } }
        let stationsBefore = Dictionary(grouping: before, by: { Self.stationPath(of: $0.key) }).mapValues { $0.reduce(SurveyTally()) { $0 + $1.value } }
        let units = try await unitsByPath(Set(lines.keys).union(stationsNow.keys).union(scope.map { [$0] } ?? []))
        func line(_ path: String, _ t: SurveyTally, _ prev: SurveyTally?) -> ResultLine {
            ResultLine(name: units[path]?.name ?? path, path: path, unitID: units[path]?.id, tally: t, previous: prev)
        }
        let all = lines.values.reduce(SurveyTally(), +)
        let allBefore = before.isEmpty ? nil : before.values.reduce(SurveyTally(), +)
        // The total is named by the page ("合计"): it may span several units.
        var total = line(scope ?? "", all, allBefore)
        total.name = ""

        // Each question's counts from the round's rollup; a free-text answer is counted under "".
        var counts: [String: [String: Int]] = [:]
        var q = sql.select().columns(SQLRaw("c.question, c.value, CAST(SUM(c.n) AS BIGINT) AS n"))
            .from(SQLAlias(SQLIdentifier("survey_counts"), as: SQLIdentifier("c")))
            .where(SQLColumn("round_id", table: "c"), .equal, SQLBind(id)).where(workRecords(caller, "c"))
        if let scope { q = q.where(Jurisdiction.subtree(path: scope).predicate(pathColumn: "c.unit_path", householdColumn: "c.id")) }
        for r in try await q.groupBy(SQLColumn("question", table: "c")).groupBy(SQLColumn("value", table: "c")).all() {
            counts[try r.decode(column: "question", as: String.self), default: [:]][try r.decode(column: "value", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        let questions = body.questions.map { question in
            QuestionTally(key: question.key, prompt: question.prompt,
                          counts: question.codes.map { QuestionTally.Count(code: $0, label: body.label(question.key, $0), count: counts[question.key]?[$0] ?? 0) },
                          texts: question.kind == .text ? counts[question.key]?[""] ?? 0 : 0)
        }
        return RoundResults(round: round, definition: body, total: total,
                            stations: stationsNow.keys.sorted().map { line($0, stationsNow[$0]!, stationsBefore[$0]) },
                            communities: lines.keys.sorted().map { line($0, lines[$0]!, before[$0]) },
                            questions: questions, channels: all.channels, previousRound: previousRound)
    }

    /// Each community's counts in one grouped scan of the round's sample.
    func communityTallies(roundID: Int64, under scope: String?, _ caller: Caller) async throws -> [String: SurveyTally] {
        try await tallies(roundIDs: [roundID], by: "community_path", under: scope, caller)
    }

    /// Each round's counts in the caller's share: the trend over rounds.
    public func roundTotals(_ rounds: [RoundView], _ caller: Caller) async throws -> [Int64: SurveyTally] {
        guard !rounds.isEmpty else { return [:] }
        let byText = try await tallies(roundIDs: rounds.map(\.id), by: "round_id", under: nil, caller)
        return Dictionary(uniqueKeysWithValues: byText.compactMap { k, v in Int64(k).map { ($0, v) } })
    }

    private func tallies(roundIDs: [Int64], by key: String, under scope: String?, _ caller: Caller) async throws -> [String: SurveyTally] {
        // The key as text on both databases: a path, or a round's id. Channels are the enum's own words.
        let channels = SurveyChannel.allCases.map { "SUM(CASE WHEN s.channel = '\($0.rawValue)' THEN 1 ELSE 0 END) AS ch_\($0.rawValue)" }.joined(separator: ", ")
        var q = sql.select().column(SQLRaw("CAST(s.\(key) AS TEXT)"), as: "k").columns(SQLRaw("""
            COUNT(*) AS sampled, \
            SUM(CASE WHEN s.status = 'completed' THEN 1 ELSE 0 END) AS completed, \
            SUM(CASE WHEN s.status = 'refused' THEN 1 ELSE 0 END) AS refused, \
            SUM(CASE WHEN s.status = 'unreachable' THEN 1 ELSE 0 END) AS unreachable, \
            CAST(SUM(s.attempts) AS BIGINT) AS attempts, \
            SUM(CASE WHEN s.secure THEN 1 ELSE 0 END) AS secure, SUM(CASE WHEN s.secure IS NULL THEN 0 ELSE 1 END) AS secure_valid, \
            SUM(CASE WHEN s.satisfied THEN 1 ELSE 0 END) AS satisfied, SUM(CASE WHEN s.satisfied IS NULL THEN 0 ELSE 1 END) AS satisfied_valid, \(channels)
            """))
            .from(SQLAlias(SQLIdentifier("survey_samples"), as: SQLIdentifier("s")))
            .where(SQLColumn("round_id", table: "s"), .in, SQLBind.group(roundIDs)).where(workRecords(caller, "s"))
        if let scope { q = q.where(Jurisdiction.subtree(path: scope).predicate(pathColumn: "s.unit_path", householdColumn: "s.id")) }
        var out: [String: SurveyTally] = [:]
        for r in try await q.groupBy(SQLColumn(key, table: "s")).all() {
            var t = SurveyTally()
            t.sampled = try r.decode(column: "sampled", as: Int.self); t.completed = try r.decode(column: "completed", as: Int.self)
            t.refused = try r.decode(column: "refused", as: Int.self); t.unreachable = try r.decode(column: "unreachable", as: Int.self)
            t.attempts = try r.decode(column: "attempts", as: Int.self)
            t.security = SurveyRate(counted: try r.decode(column: "secure", as: Int.self), valid: try r.decode(column: "secure_valid", as: Int.self))
            t.satisfaction = SurveyRate(counted: try r.decode(column: "satisfied", as: Int.self), valid: try r.decode(column: "satisfied_valid", as: Int.self))
            for c in SurveyChannel.allCases {
                let n = try r.decode(column: "ch_\(c.rawValue)", as: Int.self)
                if n > 0 { t.channels[c.rawValue] = n }
            }
            out[try r.decode(column: "k", as: String.self)] = t
        }
        return out
    }

    func unitsByPath(_ paths: Set<String>) async throws -> [String: (id: Int64, name: String)] {
        guard !paths.isEmpty else { return [:] }
        var out: [String: (id: Int64, name: String)] = [:]
        for r in try await sql.select().columns("id", "path", "name").from("units").where("path", .in, Array(paths)).all() {
            out[try r.decode(column: "path", as: String.self)] = (try r.decode(column: "id", as: Int64.self), try r.decode(column: "name", as: String.self))
        }
        return out
    }
}
