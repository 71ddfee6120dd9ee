import Domain
import Foundation
import SQLKit

public struct RoundView: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var questionnaireID: Int64
    public var questionnaireName: String
    public var questionnaireVersion: Int
    public var startDate: String
    public var endDate: String
    public var scope: [String]          // unit names
    public var scopePaths: [String]
    public var mode: SampleMode
    public var perCommunity: Int
    /// Recorded so anyone can redraw the sample and check it.
    public var seed: String
    public var quota: Int?
    public var maxAttempts: Int
    public var sampled: Int
    public var createdAt: Date
}

struct RoundRow: Decodable {
    var id: Int64; var name: String; var questionnaireId: Int64; var qName: String; var qVersion: Int; var startsOn: String; var endsOn: String
    var startsAt: Date; var endsAt: Date; var scopePaths: String; var unitPath: String; var mode: String; var perCommunity: Int; var seed: String
    var quota: Int?; var maxAttempts: Int; var createdAt: Date
    var paths: [String] { scopePaths.split(separator: "\n").map(String.init) }

    func view(names: [String: String], sampled: Int) -> RoundView {
        RoundView(id: id, name: name, questionnaireID: questionnaireId, questionnaireName: qName, questionnaireVersion: qVersion, startDate: startsOn, endDate: endsOn,
                  scope: paths.map { names[$0] ?? $0 }, scopePaths: paths, mode: SampleMode(rawValue: mode) ?? .all, perCommunity: perCommunity, seed: seed,
                  quota: quota, maxAttempts: maxAttempts, sampled: sampled, createdAt: createdAt)
    }
    func isOpen(at t: Date) -> Bool { t >= startsAt && t < endsAt }
}

extension Store {
    /// 发起调查轮次: the sample is drawn from the register now, in the same transaction as the
    /// round, so what was asked is fixed: a household moving in later is not in this round.
    public func createRound(_ input: RoundInput, _ caller: Caller) async throws -> RoundView {
        guard caller.role.mayDirectWork else { throw Forbidden() }
        var errors: [FieldError] = []
        var valid: ValidRound?
        switch RoundRules.validate(input, today: now()) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        if (try? await questionnaire(id: input.questionnaireID)) == nil { errors.append(FieldError(field: "questionnaireID", problem: .invalidChoice)) }
        var units: [Domain.Unit] = []
        for id in input.unitIDs {
            if let u = try? await unit(id: id, caller) { units.append(u) } else { errors.append(FieldError(field: "unitIDs", problem: .outOfJurisdiction)); break }
        }
        guard errors.isEmpty, let round = valid else { throw ValidationFailure(errors) }
        let paths = units.map(\.path).filter { p in !units.contains { $0.path != p && p.hasPrefix($0.path) } }.sorted()
        let within = SQLGroupExpression(SQLList(paths.map { Jurisdiction.subtree(path: $0).predicate(pathColumn: "unit_path", householdColumn: "id") }, separator: SQLRaw(" OR ")))
        var register: [String: [Int64]] = [:], gridOf: [Int64: String] = [:]
        for r in try await sql.select().columns("id", "unit_path").from("households").where(within).all() {
            let id = try r.decode(column: "id", as: Int64.self), path = try r.decode(column: "unit_path", as: String.self)
            register[Self.communityPath(of: path), default: []].append(id)
            gridOf[id] = path
        }
        let seed = input.seed ?? UInt64.random(in: 1...RoundRules.maxSeed)
        let sample = SurveySample.draw(register, mode: round.mode, perCommunity: round.perCommunity, seed: seed)
        let (from, to) = round.period.dayStrings(), t = now(), common = Jurisdiction.commonPath(paths)
        let rows: [[any Encodable & Sendable]] = sample.sorted { $0.key < $1.key }.flatMap { community, households in
            households.map { h -> [any Encodable & Sendable] in [h, community, gridOf[h]!, SampleStatus.pending.rawValue, 0] }
        }
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "survey_rounds")
                .columns("name", "questionnaire_id", "starts_on", "ends_on", "starts_at", "ends_at", "scope_paths", "unit_path", "mode", "per_community", "seed", "quota", "max_attempts", "created_by", "created_at")
                .values(SQLBind(round.name), SQLBind(input.questionnaireID), SQLBind(from), SQLBind(to), SQLBind(round.period.start), SQLBind(round.period.end),
                        SQLBind(paths.joined(separator: "\n")), SQLBind(common), SQLBind(round.mode.rawValue), SQLBind(round.perCommunity), SQLBind(String(seed)),
                        SQLBind(round.quota), SQLBind(round.maxAttempts), SQLBind(caller.userID), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await BulkInsert(table: "survey_samples", columns: ["round_id", "household_id", "community_path", "unit_path", "status", "attempts"])
                .run(tx, rows.lazy.map { [id] + $0 })
            try await self.audit(tx, caller, "survey.round.create", "survey_round", String(id),
                                 "\(round.name) \(from)~\(to) q=\(input.questionnaireID) \(round.mode.rawValue) n=\(round.perCommunity) seed=\(seed) quota=\(round.quota.map(String.init) ?? "-") sampled=\(rows.count)",
                                 at: common)
            return id
        }
        return try await self.round(id: id, caller)
    }

    /// A round with its questionnaire's name and version.
    func roundQuery() -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("r.*, q.name AS q_name, q.version AS q_version"))
            .from(SQLAlias(SQLIdentifier("survey_rounds"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("questionnaires"), as: SQLIdentifier("q")), on: SQLRaw("q.id = r.questionnaire_id"))
    }

    func roundRows(_ caller: Caller, id: Int64? = nil) async throws -> [RoundRow] {
        guard caller.role.seesWorkRecords, case .subtree(let mine) = caller.jurisdiction else { return [] }
        var q = roundQuery()
        if let id { q = q.where(SQLColumn("id", table: "r"), .equal, SQLBind(id)) }
        // A bureau-wide round reaches each station for its own share, as a campaign does.
        return try await q.orderBy(SQLColumn("starts_at", table: "r"), SQLDirection.descending).orderBy(SQLColumn("id", table: "r"), SQLDirection.descending).limit(500)
            .all(decoding: RoundRow.self, with: Store.rowDecoder)
            .filter { row in row.paths.contains { $0.hasPrefix(mine) || mine.hasPrefix($0) } }
    }

    /// Rounds reaching the caller's jurisdiction, newest first; `sampled` counts the caller's share.
    public func rounds(_ caller: Caller) async throws -> [RoundView] {
        let rows = try await roundRows(caller)
        guard !rows.isEmpty else { return [] }
        var sampled: [Int64: Int] = [:]
        for r in try await sql.select().column("round_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_samples")
            .where("round_id", .in, rows.map(\.id)).where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id"))
            .groupBy("round_id").all() {
            sampled[try r.decode(column: "round_id", as: Int64.self)] = try r.decode(column: "n", as: Int.self)
        }
        let names = try await unitNames(paths: Set(rows.flatMap(\.paths)))
        return rows.map { $0.view(names: names, sampled: sampled[$0.id] ?? 0) }
    }

    public func round(id: Int64, _ caller: Caller) async throws -> RoundView {
        guard let row = try await roundRows(caller, id: id).first else { throw NotFound() }
        let n = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_samples").where("round_id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id")).first()?.decode(column: "n", as: Int.self) ?? 0
        return row.view(names: try await unitNames(paths: Set(row.paths)), sampled: n)
    }
}
