import Domain
import Foundation
import SQLKit

/// A publicity event or online publicity as its list and page show it.
public struct PublicityView: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: PublicityKind
    public var topic: PublicityTopic
    public var heldOn: String
    public var unitID: Int64
    public var unitName: String
    public var summary: String
    public var place: String
    public var audience: Int
    public var leaflets: Int
    public var officers: Int
    public var channel: PublicityChannel?
    public var posts: Int
    public var views: Int?
    public var recordedBy: String?
}

/// Which publicity a list shows: each publicity figure's drill-down is one of these.
public struct PublicityFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case all, event, online }
    public var show: Show
    public var unitID: Int64?
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

extension Store {
    /// 宣传登记 for a unit in the caller's reach.
    public func createPublicity(_ input: PublicityInput, _ caller: Caller) async throws -> PublicityView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        var errors: [FieldError] = []
        var valid: ValidPublicity?
        switch PublicityRules.validate(input, today: ChinaTime.day(now())) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        let unit = try? await unit(id: input.unitID, caller)
        if unit == nil { errors.append(FieldError(field: "unitID", problem: .unknownUnit)) }
        guard errors.isEmpty, let p = valid, let unit else { throw ValidationFailure(errors) }
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "publicity")
                .columns("kind", "topic", "held_on", "unit_id", "unit_path", "summary", "place", "audience", "leaflets", "officers", "channel", "posts", "views",
                         "created_by", "created_at")
                .values(SQLBind(p.kind.rawValue), SQLBind(p.topic.rawValue), SQLBind(p.heldOn), SQLBind(unit.id), SQLBind(unit.path), SQLBind(p.summary),
                        SQLBind(p.place), SQLBind(p.audience), SQLBind(p.leaflets), SQLBind(p.officers), SQLBind(p.channel?.rawValue), SQLBind(p.posts),
                        SQLBind(p.views.map(Int64.init)), SQLBind(caller.userID), SQLBind(self.now()))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "publicity.create", "publicity", String(id),
                                 "\(p.kind.rawValue) \(p.topic.rawValue) \(p.heldOn) audience=\(p.audience) leaflets=\(p.leaflets) posts=\(p.posts)", at: unit.path)
            return id
        }
        return try await publicity(id: id, caller)
    }

    struct PublicityRow: Decodable {
        var id: Int64; var kind: String; var topic: String; var heldOn: String; var unitId: Int64; var unitName: String; var summary: String; var place: String
        var audience: Int; var leaflets: Int; var officers: Int; var channel: String?; var posts: Int; var views: Int64?; var recordedBy: String?
        var view: PublicityView {
            PublicityView(id: id, kind: PublicityKind(rawValue: kind) ?? .event, topic: PublicityTopic(rawValue: topic) ?? .other, heldOn: heldOn, unitID: unitId,
                          unitName: unitName, summary: summary, place: place, audience: audience, leaflets: leaflets, officers: officers,
                          channel: channel.flatMap(PublicityChannel.init(rawValue:)), posts: posts, views: views.map { Int($0) }, recordedBy: recordedBy)
        }
    }

    private func publicityQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("""
            p.id, p.kind, p.topic, p.held_on, p.unit_id, u.name AS unit_name, p.summary, p.place, p.audience, p.leaflets, p.officers, p.channel, p.posts, \
            p.views, w.display_name AS recorded_by
            """))
            .from(SQLAlias(SQLIdentifier("publicity"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), on: SQLRaw("u.id = p.unit_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = p.created_by"))
            .where(workRecords(caller, "p"))
    }

    public func publicityList(_ filter: PublicityFilter, _ caller: Caller, limit: Int = 500) async throws -> [PublicityView] {
        var q = try await narrowed(publicityQuery(caller), "p", unitID: filter.unitID, period: filter.period, day: SQLColumn("held_on", table: "p"), caller)
        if filter.show != .all { q = q.where(SQLColumn("kind", table: "p"), .equal, SQLBind(filter.show.rawValue)) }
        return try await q.orderBy(SQLColumn("held_on", table: "p"), SQLDirection.descending).orderBy(SQLColumn("id", table: "p"), SQLDirection.descending)
            .limit(limit).all(decoding: PublicityRow.self, with: Store.rowDecoder).map(\.view)
    }

    public func publicity(id: Int64, _ caller: Caller) async throws -> PublicityView {
        guard let row = try await publicityQuery(caller).where(SQLColumn("id", table: "p"), .equal, SQLBind(id))
            .first(decoding: PublicityRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return row.view
    }
}
