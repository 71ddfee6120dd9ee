import Domain
import Foundation
import SQLKit

/// A 服务点 and what its staff did in a period, by kind.
public struct ServicePointView: Sendable, Equatable, Codable {
    public var placeID: Int64
    public var name: String
    public var address: String
    /// Service kind → people served in the period.
    public var counts: [String: Int]
    public var total: Int { counts.values.reduce(0, +) }
}

extension Store {
    /// 服务点登记: staff of the point's reach log a service given there.
    public func logServicePointService(_ input: ServicePointLogInput, _ caller: Caller) async throws {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        var errors = ServicePointRules.errors(input)
        let place = try? await place(id: input.placeID, caller)
        if place?.kind != .servicePoint { errors.append(FieldError(field: "placeID", problem: .unknownPlace)) }
        guard errors.isEmpty, let place else { throw ValidationFailure(errors) }
        let t = now(), note = input.note.trimmed
        try await write { tx in
            let id = try await tx.insert(into: "service_point_logs").columns("place_id", "unit_path", "kind", "count", "note", "created_by", "created_at")
                .values(SQLBind(place.id), SQLBind(place.unitPath), SQLBind(input.kind), SQLBind(input.count), SQLBind(note), SQLBind(caller.userID), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "service_point.log", "service_point_log", String(id), "place=\(place.id) \(input.kind)×\(input.count)", at: place.unitPath)
        }
    }

    /// The points in the caller's reach (within `unitID` when given) and their services in the period.
    public func servicePoints(unitID: Int64?, period: Period, _ caller: Caller) async throws -> [ServicePointView] {
        guard caller.role.seesWorkRecords else { return [] }
        var q = sql.select().columns("id", "name", "address").from("places").where("kind", .equal, PlaceKind.servicePoint.rawValue)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "id"))
        if let unitID { q = q.where(Jurisdiction.subtree(path: try await unit(id: unitID, caller).path).predicate(pathColumn: "unit_path", householdColumn: "id")) }
        let points = try await q.orderBy("name").limit(200).all()
        guard !points.isEmpty else { return [] }
        let ids = try points.map { try $0.decode(column: "id", as: Int64.self) }
        var counts: [Int64: [String: Int]] = [:]
        for r in try await sql.select().columns(SQLColumn("place_id"), SQLColumn("kind")).column(SQLAlias(SQLRaw("CAST(SUM(count) AS BIGINT)"), as: SQLIdentifier("n")))
            .from("service_point_logs").where("place_id", .in, SQLBind.group(ids))
            .where("created_at", .greaterThanOrEqual, period.start).where("created_at", .lessThan, period.end)
            .groupBy("place_id").groupBy("kind").all() {
            counts[try r.decode(column: "place_id", as: Int64.self), default: [:]][try r.decode(column: "kind", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        return try points.map { r in
            let id = try r.decode(column: "id", as: Int64.self)
            return ServicePointView(placeID: id, name: try r.decode(column: "name", as: String.self), address: try r.decode(column: "address", as: String.self),
                                    counts: counts[id] ?? [:])
        }
    }
}
