import Domain
import Foundation
import SQLKit

/// 电话调查名单: the caller's share of a round — households to call now (callbacks that have
/// come due first, then those never called, then those tried fewest times), and the callbacks
/// still to come with their time.
public struct CallList: Sendable, Equatable, Codable {
    public var round: RoundView
    public var due: [SampleView]
    public var later: [SampleView]
    public var pending: Int
}

/// A printed one-time link: the household it is for and the token.
public struct SurveyLink: Sendable, Equatable, Codable {
    public var sampleID: Int64
    public var address: String
    public var gridName: String
    public var token: String
}

extension Store {
    /// A link's token: 24 readable characters, about 137 bits — short enough to type from a
    /// printed slip, nothing that needs escaping in an address.
    static func surveyToken() -> String { readableToken(length: 24) }

    public func callList(roundID: Int64, unitID: Int64? = nil, _ caller: Caller, limit: Int = 100) async throws -> CallList {
        let round = try await self.round(id: roundID, caller)
        let t = now()
        func pending(_ q: SQLSelectBuilder = sampleQuery()) async throws -> SQLSelectBuilder {
            try await narrowed(q.where(workRecords(caller, "s")), "s", unitID: unitID, period: nil, caller)
                .where(SQLColumn("round_id", table: "s"), .equal, SQLBind(roundID)).where(SQLColumn("status", table: "s"), .equal, SQLBind(SampleStatus.pending.rawValue))
        }
        let callback = SQLColumn("callback_at", table: "s")
        let due = try await pending().where(SQLGroupExpression(SQLBinaryExpression(SQLBinaryExpression(callback, .is, SQLLiteral.null), .or,
                                                                                    SQLBinaryExpression(callback, .lessThanOrEqual, SQLBind(t)))))
            .orderBy(SQLRaw("CASE WHEN s.callback_at IS NULL THEN 1 ELSE 0 END")).orderBy(callback).orderBy(SQLColumn("attempts", table: "s"))
            .orderBy(SQLColumn("id", table: "s")).limit(limit).all(decoding: SampleRow.self, with: Store.rowDecoder)
        let later = try await pending().where(callback, .greaterThan, SQLBind(t)).orderBy(callback).limit(limit).all(decoding: SampleRow.self, with: Store.rowDecoder)
        let n = try await pending(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(SQLAlias(SQLIdentifier("survey_samples"), as: SQLIdentifier("s"))))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return CallList(round: round, due: due.map { view($0) }, later: later.map { view($0) }, pending: n)
    }

    /// 生成问卷链接: every household still to answer in the caller's share (or one unit of it)
    /// gets a single-use token, kept sealed so the sheet can be printed again; a household
    /// that has one keeps it.
    public func surveyLinks(roundID: Int64, unitID: Int64? = nil, issue: Bool, _ caller: Caller) async throws -> [SurveyLink] {
        guard caller.role.mayRecordWork || !issue else { throw Forbidden() }
        guard let round = try await roundRows(caller, id: roundID).first else { throw NotFound() }
        let q = try await narrowed(sampleQuery().columns(SQLColumn("token_cipher", table: "s")).where(workRecords(caller, "s")), "s", unitID: unitID, period: nil, caller)
            .where(SQLColumn("round_id", table: "s"), .equal, SQLBind(roundID)).where(SQLColumn("status", table: "s"), .notEqual, SQLBind(SampleStatus.completed.rawValue))
            .orderBy(SQLColumn("unit_path", table: "s")).orderBy(SQLColumn("id", table: "s"))
        struct Row: Decodable { var id: Int64; var address: String; var gridName: String; var tokenCipher: String?; var unitPath: String }
        let rows = try await q.all(decoding: Row.self, with: Store.rowDecoder)
        let fresh = rows.indices.filter { rows[$0].tokenCipher == nil }
        if issue && !fresh.isEmpty {
            guard round.isOpen(at: now()) else { throw ValidationFailure(field: "round", .roundClosed) }
            var issued: [(Int64, String, String)] = []
            for i in fresh {
                let token = Store.surveyToken()
                issued.append((rows[i].id, cipher.blindIndex(token), try cipher.seal(token)))
            }
            let lines = issued, common = Jurisdiction.commonPath(fresh.map { rows[$0].unitPath })
            try await write { tx in
                for (id, hash, sealed) in lines {
                    try await tx.update("survey_samples").set("token_hash", to: hash).set("token_cipher", to: sealed).where("id", .equal, id).where("token_hash", .is, SQLLiteral.null).run()
                }
                try await self.audit(tx, caller, "survey.links", "survey_round", String(roundID), "issued=\(lines.count)", at: common)
            }
            // Read back: a token issued at the same moment by a colleague is the one that counts.
            return try await surveyLinks(roundID: roundID, unitID: unitID, issue: false, caller)
        }
        return try rows.compactMap { r in
            try r.tokenCipher.map { SurveyLink(sampleID: r.id, address: r.address, gridName: r.gridName, token: try cipher.open($0)) }
        }
    }
}

extension Store {
    /// The resident portal: the open rounds that sampled the caller's household and still wait
    /// for its answers, by sample number.
    public func portalSurveys(_ caller: Caller) async throws -> [(sampleID: Int64, round: String)] {
        guard case .household(let household) = caller.jurisdiction else { return [] }
        let t = now()
        return try await sql.select().columns(SQLRaw("s.id, r.name")).from(SQLAlias(SQLIdentifier("survey_samples"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("survey_rounds"), as: SQLIdentifier("r")), on: SQLRaw("r.id = s.round_id"))
            .where(SQLColumn("household_id", table: "s"), .equal, SQLBind(household)).where(SQLColumn("status", table: "s"), .notEqual, SQLBind(SampleStatus.completed.rawValue))
            .where(SQLColumn("starts_at", table: "r"), .lessThanOrEqual, SQLBind(t)).where(SQLColumn("ends_at", table: "r"), .greaterThan, SQLBind(t))
            .orderBy(SQLColumn("id", table: "s")).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// The link a signed-in resident answers through: the household's token, made now if the
    /// round has not printed one. Answering is then the same as by a printed link (网上).
    public func portalSurveyToken(sampleID: Int64, _ caller: Caller) async throws -> String {
        guard try await portalSurveys(caller).contains(where: { $0.sampleID == sampleID }) else { throw NotFound() }
        let token = Store.surveyToken(), sealed = try cipher.seal(token), hash = cipher.blindIndex(token)
        try await write { tx in
            try await tx.update("survey_samples").set("token_hash", to: hash).set("token_cipher", to: sealed)
                .where("id", .equal, sampleID).where("token_hash", .is, SQLLiteral.null).run()
        }
        let stored = try await sql.select().column("token_cipher").from("survey_samples").where("id", .equal, sampleID).first()!.decode(column: "token_cipher", as: String.self)
        return try cipher.open(stored)
    }
}
