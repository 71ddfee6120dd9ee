import Domain
import Foundation
import SQLKit

public struct GridCoverage: Sendable, Equatable, Codable {
    public var gridID: Int64
    public var gridName: String
    public var communityName: String
    public var stationName: String
    public var coverage: Coverage
}

extension Sequence<GridCoverage> {
    /// The grids' households and households visited added up (rates are never averaged).
    public var total: Coverage { reduce(Coverage(households: 0, visited: 0)) { $0 + $1.coverage } }
}

public struct CareSubject: Sendable, Equatable, Codable {
    public var residentID: Int64
    public var name: String
    public var householdID: Int64
    public var address: String
    public var gridID: Int64
    public var unitPath: String
    public var tags: [ResidentTag]
    public var lastVisit: Date?
    public var due: Date
}

extension Store {
    /// 覆盖率 per grid in the caller's jurisdiction for a period, counted in SQL. Residents have
    /// no such page (404).
    public func coverage(_ caller: Caller, period: Period) async throws -> [GridCoverage] {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        guard case .subtree = caller.jurisdiction else { return [] }
        let rows = try await sql.select()
            .columns(SQLRaw("g.id, g.name, c.name AS community_name, s.name AS station_name"))
            .column(SQLAlias(SQLRaw("(SELECT COUNT(*) FROM households h WHERE h.grid_id = g.id)"), as: SQLIdentifier("households")))
            .column(SQLAlias(SQLQueryString("(SELECT COUNT(DISTINCT v.household_id) FROM visits v WHERE v.unit_path = g.path AND v.household_id IS NOT NULL AND v.visited_at >= \(bind: period.start) AND v.visited_at < \(bind: period.end))"), as: SQLIdentifier("visited")))
            .from(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("c")), on: SQLRaw("c.id = g.parent_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("s")), on: SQLRaw("s.id = c.parent_id"))
            .where(SQLColumn("kind", table: "g"), .equal, SQLBind(UnitKind.grid.rawValue))
            .where(caller.jurisdiction.predicate(pathColumn: "g.path", householdColumn: "g.id"))
            .orderBy(SQLColumn("path", table: "g")).all()
        return try rows.map { r in
            GridCoverage(gridID: try r.decode(column: "id", as: Int64.self), gridName: try r.decode(column: "name", as: String.self),
                         communityName: try r.decode(column: "community_name", as: String.self), stationName: try r.decode(column: "station_name", as: String.self),
                         coverage: Coverage(households: try r.decode(column: "households", as: Int.self), visited: try r.decode(column: "visited", as: Int.self)))
        }
    }

    /// Households of a grid not visited in the period — the gaps to close.
    public func unvisitedHouseholds(gridID: Int64, period: Period, _ caller: Caller) async throws -> [HouseholdView] {
        let grid = try await unit(id: gridID, caller)
        guard grid.kind == .grid else { throw NotFound() }
        let visited = try await visitedHouseholdIDs(gridPath: grid.path, period: period)
        return try await households(gridID: gridID, caller, limit: 5000).filter { !visited.contains($0.id) }
    }

    private func visitedHouseholdIDs(gridPath: String, period: Period) async throws -> Set<Int64> {
        Set(try await sql.select().distinct().column("household_id").from("visits").where("unit_path", .equal, gridPath)
            .where("visited_at", .greaterThanOrEqual, period.start).where("visited_at", .lessThan, period.end)
            .where(SQLRaw("household_id IS NOT NULL")).all().map { try $0.decode(column: "household_id", as: Int64.self) })
    }

    /// 关爱对象: tagged residents in scope with their last visit and next due date, most urgent
    /// first. Residents have no care list (404).
    public func careSubjects(_ caller: Caller) async throws -> [CareSubject] {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        guard case .subtree = caller.jurisdiction else { return [] }
        return try await careSubjects(where: caller.jurisdiction.predicate(pathColumn: "r.unit_path", householdColumn: "r.household_id"),
                                      settings: try await workSettings())
    }

    /// Residents carrying a care tag (with a cadence in `settings`) that also match `filter`,
    /// each with the date their next visit falls due.
    func careSubjects(where filter: any SQLExpression, settings: WorkSettings) async throws -> [CareSubject] {
        let tags = settings.careTagsInUse
        guard !tags.isEmpty else { return [] }
        let rows = try await sql.select()
            .columns(SQLRaw("r.id, r.name, r.household_id, r.tags, r.created_at, h.address, h.grid_id, h.unit_path, (SELECT MAX(v.visited_at) FROM visits v WHERE v.household_id = r.household_id) AS last_visit"))
            .from(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = r.household_id"))
            .where(filter)
            .where(Self.anyTag(tags, column: "r.tags"))
            .all()
        return try rows.compactMap { r -> CareSubject? in
            let tags = ResidentTag.parseList(try r.decode(column: "tags", as: String.self)).tags
            guard let cadence = settings.cadence(for: tags) else { return nil }
            let last = try r.decode(column: "last_visit", as: Date?.self)
            return CareSubject(residentID: try r.decode(column: "id", as: Int64.self), name: try r.decode(column: "name", as: String.self),
                               householdID: try r.decode(column: "household_id", as: Int64.self), address: try r.decode(column: "address", as: String.self),
                               gridID: try r.decode(column: "grid_id", as: Int64.self), unitPath: try r.decode(column: "unit_path", as: String.self),
                               tags: tags.filter { settings.careCadenceDays[$0] != nil }, lastVisit: last,
                               due: CareCadence.due(lastVisit: last, registered: try r.decode(column: "created_at", as: Date.self), cadenceDays: cadence))
        }.sorted { $0.due < $1.due }
    }
}
