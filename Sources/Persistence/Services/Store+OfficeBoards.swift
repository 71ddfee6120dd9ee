import Domain
import Foundation
import SQLKit

/// A community police office and who keeps it this week: what a resident sees in the portal,
/// and — once the station publishes it — anyone without signing in. No personal data.
public struct OfficeBoard: Sendable, Equatable, Codable {
    public struct Officer: Sendable, Equatable, Codable {
        public var name: String
        public var plan: WeeklyPlan
    }
    public var placeID: Int64
    public var name: String
    public var address: String
    public var phone: String
    public var published: Bool
    public var officers: [Officer]
}

extension Store {
    static let maxOfficePhone = 20

    /// The path of the community (or village) a unit path lies in: bureau / station / community.
    static func communityPath(of path: String) -> String { ancestorPath(of: path, depth: 3) }

    /// The offices under `path` with their officers: those planning office hours in the office's community.
    func officeBoards(under path: String, publishedOnly: Bool = false, placeID: Int64? = nil) async throws -> [OfficeBoard] {
        var q = sql.select().columns(SQLRaw("p.id, p.name, p.address, p.unit_path, o.phone, o.published"))
            .from(SQLAlias(SQLIdentifier("places"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("police_offices"), as: SQLIdentifier("o")), method: SQLJoinMethod.left, on: SQLRaw("o.place_id = p.id"))
            .where(SQLColumn("kind", table: "p"), .equal, SQLBind(PlaceKind.policeOffice.rawValue))
            .where(Jurisdiction.subtree(path: path).predicate(pathColumn: "p.unit_path", householdColumn: "p.id"))
        if publishedOnly { q = q.where(SQLColumn("published", table: "o"), .equal, SQLBind(true)) }
        if let placeID { q = q.where(SQLColumn("id", table: "p"), .equal, SQLBind(placeID)) }
        let offices = try await q.orderBy(SQLColumn("name", table: "p")).limit(100).all()
        guard !offices.isEmpty else { return [] }
        let plans = try await sql.select().columns(SQLRaw("pl.unit_path, pl.blocks, u.display_name"))
            .from(SQLAlias(SQLIdentifier("office_plans"), as: SQLIdentifier("pl"))).join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLRaw("u.id = pl.user_id"))
            .where(Jurisdiction.subtree(path: Self.stationPath(of: path)).predicate(pathColumn: "pl.unit_path", householdColumn: "pl.user_id"))
            .where(SQLColumn("disabled", table: "u"), .equal, SQLBind(false)).orderBy(SQLColumn("display_name", table: "u")).all()
        return try offices.map { r in
            let community = Self.communityPath(of: try r.decode(column: "unit_path", as: String.self))
            let officers = try plans.filter { try $0.decode(column: "unit_path", as: String.self).hasPrefix(community) }.compactMap { p -> OfficeBoard.Officer? in
                WeeklyPlan(text: try p.decode(column: "blocks", as: String.self)).map { OfficeBoard.Officer(name: try! p.decode(column: "display_name", as: String.self), plan: $0) }
            }
            return OfficeBoard(placeID: try r.decode(column: "id", as: Int64.self), name: try r.decode(column: "name", as: String.self),
                               address: try r.decode(column: "address", as: String.self), phone: try r.decode(column: "phone", as: String?.self) ?? "",
                               published: try r.decode(column: "published", as: Bool?.self) ?? false, officers: officers)
        }
    }

    /// The offices a caller may read: a resident's community's; the station's for its people.
    public func officeBoards(_ caller: Caller) async throws -> [OfficeBoard] {
        switch caller.jurisdiction {
        case .household(let id):
            guard let path = try await sql.select().column("unit_path").from("households").where("id", .equal, id).first()?.decode(column: "unit_path", as: String.self)
            else { return [] }
            return try await officeBoards(under: Self.communityPath(of: path))
        case .subtree(let path): return try await officeBoards(under: path)
        case .nothing: return []
        }
    }

    /// A station's offices, for its own people and the leaders above it.
    public func officeBoards(stationID: Int64?, _ caller: Caller) async throws -> [OfficeBoard] {
        try await officeBoards(under: try await dutyStation(id: stationID, caller).path)
    }

    /// The public page of an office: only once its station has published it.
    public func publicOfficeBoard(placeID: Int64) async throws -> OfficeBoard {
        guard let board = try await officeBoards(under: "/", publishedOnly: true, placeID: placeID).first else { throw NotFound() }
        return board
    }

    /// The office's phone, and whether its hours are published; the station's leaders.
    public func savePoliceOffice(placeID: Int64, phone: String, published: Bool, _ caller: Caller) async throws -> OfficeBoard {
        guard caller.role.keepsRoster, case .subtree(let reach) = dutyReach(caller) else { throw Forbidden() }
        guard let place = try? await place(id: placeID, caller), place.kind == .policeOffice, place.unitPath.hasPrefix(reach) else { throw NotFound() }
        let phone = phone.trimmed
        if phone.count > Self.maxOfficePhone || phone.contains(where: { !($0.isASCII && ($0.isNumber || $0 == "-" || $0 == " ")) }) {
            throw ValidationFailure(field: "phone", .invalidPhone)
        }
        let t = now()
        try await write { tx in
            try await tx.delete(from: "police_offices").where("place_id", .equal, placeID).run()
            try await tx.insert(into: "police_offices").columns("place_id", "phone", "published", "updated_by", "updated_at")
                .values(SQLBind(placeID), SQLBind(phone), SQLBind(published), SQLBind(caller.userID), SQLBind(t)).run()
            try await self.audit(tx, caller, "police_office.update", "place", String(placeID), "phone=\(phone) published=\(published)", at: place.unitPath)
        }
        return try await officeBoards(under: place.unitPath, placeID: placeID)[0]
    }
}
