import Crypto
import Domain
import Foundation
import SQLKit

/// A request as GeoReport v2 publishes it: no requester, no contact, no officer.
public struct Open311Request: Sendable, Equatable {
    public var id: Int64
    public var status: RequestStatus
    public var outcome: String
    public var serviceCode: String
    public var serviceName: String
    public var description: String
    public var agency: String
    public var requestedAt: Date
    public var updatedAt: Date
    public var expectedAt: Date?
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
}

public struct Open311Client: Sendable, Equatable {
    public var id: Int64
    public var name: String
}

public struct Open311Query: Sendable {
    public var stationPath: String?
    public var ids: [Int64]?
    public var serviceCodes: [String]?
    public var statuses: [RequestStatus]
    public var start: Date
    public var end: Date
    public init(stationPath: String?, ids: [Int64]?, serviceCodes: [String]?, statuses: [RequestStatus], start: Date, end: Date) {
        self.stationPath = stationPath; self.ids = ids; self.serviceCodes = serviceCodes; self.statuses = statuses; self.start = start; self.end = end
    }
}

extension Store {
    static func keyHash(_ key: String) -> String { Data(SHA256.hash(data: Data(key.utf8))).hexString }

    /// Issues an api_key for an Open311 client (shown once; only its hash is kept).
    public func createOpen311Key(name: String, _ caller: Caller) async throws -> String {
        guard caller.role.mayConfigure else { throw Forbidden() }
        let trimmed = name.trimmed
        guard !trimmed.isEmpty, trimmed.count <= 60 else { throw ValidationFailure(field: "name", trimmed.isEmpty ? .required : .tooLong) }
        let key = Self.randomToken()
        try await write { tx in
            let id = try await tx.insert(into: "open311_keys").columns("name", "key_hash", "disabled", "created_at")
                .values(SQLBind(trimmed), SQLBind(Self.keyHash(key)), SQLBind(false), SQLBind(now())).returning("id").first()!.decode(column: "id", as: Int64.self)
            try await audit(tx, caller, "open311.key.create", "open311_key", String(id), trimmed, at: "")
        }
        return key
    }

    public func open311Client(apiKey: String) async throws -> Open311Client? {
        guard !apiKey.isEmpty, let r = try await sql.select().columns("id", "name").from("open311_keys").where("key_hash", .equal, Self.keyHash(apiKey))
            .where("disabled", .equal, false).first() else { return nil }
        return Open311Client(id: try r.decode(column: "id", as: Int64.self), name: try r.decode(column: "name", as: String.self))
    }

    /// The station an Open311 `jurisdiction_id` names (its unit code).
    public func open311Station(code: String) async throws -> Domain.Unit? {
        try await sql.select().column("*").from("units").where("code", .equal, code).where("kind", .equal, UnitKind.station.rawValue)
            .first(decoding: UnitRow.self, with: Store.rowDecoder)?.domain()
    }

    /// The one who files through Open311: the client, acting inside the station it named.
    public func open311Caller(_ client: Open311Client, station: Domain.Unit, clientAddress: String) -> Caller {
        Caller(userID: nil, username: "open311:\(client.name)", role: .officer, jurisdiction: .subtree(path: station.path), clientAddress: clientAddress)
    }

    /// Requests that came in through Open311 (others never show here), newest first.
    public func open311Requests(_ q: Open311Query) async throws -> [Open311Request] {
        var s = sql.select().columns(SQLRaw("q.id, q.status, q.outcome, q.category_code, c.name AS category_name, q.description, COALESCE(ru.name, st.name, '') AS agency, q.created_at, q.updated_at, q.deadline_at, q.address, q.latitude, q.longitude"))
            .from(SQLAlias(SQLIdentifier("requests"), as: SQLIdentifier("q")))
            .join(SQLAlias(SQLIdentifier("request_categories"), as: SQLIdentifier("c")), on: SQLRaw("c.id = q.category_code"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("ru")), method: SQLJoinMethod.left, on: SQLRaw("ru.id = q.responsible_unit_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("st")), method: SQLJoinMethod.left, on: SQLRaw("st.path = q.unit_path"))
            .where(SQLRaw("q.channel = '\(RequestChannel.open311.rawValue)'"))   // a literal: the partial index's own condition
        if let path = q.stationPath { s = s.where(Jurisdiction.subtree(path: path).predicate(pathColumn: "q.unit_path", householdColumn: "q.id")) }
        if let ids = q.ids {
            s = s.where(SQLColumn("id", table: "q"), .in, SQLBind.group(ids))
        } else {
            s = s.where(SQLColumn("created_at", table: "q"), .greaterThanOrEqual, SQLBind(q.start)).where(SQLColumn("created_at", table: "q"), .lessThanOrEqual, SQLBind(q.end))
                .where(SQLColumn("status", table: "q"), .in, SQLBind.group(q.statuses.map(\.rawValue)))
            if let codes = q.serviceCodes { s = s.where(SQLColumn("category_code", table: "q"), .in, SQLBind.group(codes)) }
        }
        return try await s.orderBy(SQLColumn("id", table: "q"), SQLDirection.descending).limit(Open311.maxRecords).all().map { r in
            Open311Request(id: try r.decode(column: "id", as: Int64.self), status: RequestStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .new,
                           outcome: try r.decode(column: "outcome", as: String.self), serviceCode: try r.decode(column: "category_code", as: String.self),
                           serviceName: try r.decode(column: "category_name", as: String.self), description: try r.decode(column: "description", as: String.self),
                           agency: try r.decode(column: "agency", as: String.self), requestedAt: try r.decode(column: "created_at", as: Date.self),
                           updatedAt: try r.decode(column: "updated_at", as: Date.self), expectedAt: try r.decode(column: "deadline_at", as: Date?.self),
                           address: try r.decode(column: "address", as: String.self), latitude: try r.decode(column: "latitude", as: Double?.self),
                           longitude: try r.decode(column: "longitude", as: Double?.self))
        }
    }
}
