import Domain
import Foundation
import SQLKit

extension Store {
    /// Units inside the caller's jurisdiction, in tree order (path sorts parents before children).
    public func units(_ caller: Caller) async throws -> [Domain.Unit] {
        guard case .subtree = caller.jurisdiction else { return [] }
        return try await sql.select().column("*").from("units")
            .where(caller.jurisdiction.predicate(pathColumn: "path", householdColumn: "id"))
            .orderBy("path").all(decoding: UnitRow.self, with: Store.rowDecoder).map { $0.domain() }
    }

    public func unit(id: Int64, _ caller: Caller) async throws -> Domain.Unit {
        guard let row = try await sql.select().column("*").from("units").where("id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "path", householdColumn: "id"))
            .first(decoding: UnitRow.self, with: Store.rowDecoder), case .subtree = caller.jurisdiction else { throw NotFound() }
        return row.domain()
    }

    public func unit(code: String, _ caller: Caller) async throws -> Domain.Unit {
        guard case .subtree = caller.jurisdiction,
              let row = try await sql.select().column("*").from("units").where("code", .equal, code)
            .where(caller.jurisdiction.predicate(pathColumn: "path", householdColumn: "id"))
            .first(decoding: UnitRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return row.domain()
    }

    /// Creates a unit under `parentCode` (nil only for the first bureau, from the command line).
    public func createUnit(code: String, name: String, kind: UnitKind, parentCode: String?, _ caller: Caller) async throws -> Domain.Unit {
        guard caller.role.mayConfigure else { throw Forbidden() }
        var errors: [FieldError] = []
        if !Domain.Unit.isValidCode(code) { errors.append(FieldError(field: "code", problem: .invalidCode)) }
        let trimmed = name.trimmed
        if trimmed.isEmpty { errors.append(FieldError(field: "name", problem: .required)) }
        var parent: Domain.Unit?
        if let parentCode {
            parent = try? await unit(code: parentCode, caller)
            if parent == nil { errors.append(FieldError(field: "parent", problem: .unknownUnit)) }
            else if !parent!.kind.childKinds.contains(kind) { errors.append(FieldError(field: "kind", problem: .wrongParentKind)) }
        } else if kind != .bureau {
            errors.append(FieldError(field: "parent", problem: .required))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let path = Domain.Unit.path(parentPath: parent?.path, code: code)
        let parentID = parent?.id
        return try await write { tx in
            if try await tx.select().column("id").from("units").where("code", .equal, code).first() != nil {
                throw ValidationFailure(field: "code", .duplicateCode)
            }
            let row = UnitRow(id: nil, code: code, name: trimmed, kind: kind.rawValue, parentId: parentID, path: path, responsibleOfficerId: nil)
            let id = try await insertReturningID(tx, "units", row)
            try await audit(tx, caller, "unit.create", "unit", String(id), "\(kind.rawValue) \(code) \(trimmed)", at: path)
            var created = row; created.id = id
            return created.domain()
        }
    }

    /// 一村一警: names the grid's one responsible officer.
    public func setResponsibleOfficer(gridID: Int64, userID: Int64?, _ caller: Caller) async throws {
        guard caller.role.mayDirectWork else { throw Forbidden() }
        let grid = try await unit(id: gridID, caller)
        guard grid.kind == .grid else { throw ValidationFailure(field: "gridID", .unknownGrid) }
        if let userID {
            guard let officer = try await account(id: userID, caller), officer.role.mayAnswerForGrid, officer.worksAt(grid.path)
            else { throw ValidationFailure(field: "officer", .outOfJurisdiction) }
        }
        try await write { tx in
            try await tx.update("units").set("responsible_officer_id", to: userID).where("id", .equal, gridID).run()
            // The grid's open work follows its officer; tasks someone else was given stay theirs.
            var moved = tx.update("tasks").set("assignee_id", to: userID).where("unit_path", .equal, grid.path).where("status", .equal, "open")
            moved = grid.responsibleOfficerID.map { old in moved.where(SQLQueryString("(assignee_id IS NULL OR assignee_id = \(bind: old))")) }
                ?? moved.where(SQLRaw("assignee_id IS NULL"))
            try await moved.run()
            try await audit(tx, caller, "unit.officer", "unit", String(gridID), "responsible_officer_id: \(grid.responsibleOfficerID.map(String.init) ?? "-") -> \(userID.map(String.init) ?? "-")", at: grid.path)
        }
    }
}

extension Store {
    /// Grid outlines from a GeoJSON FeatureCollection (`properties.code` = grid code). Every
    /// feature is checked first; any problem → nothing stored. A grid's new outline replaces its old one.
    public func importGridOutlines(geojson: Data, _ caller: Caller) async throws -> Int {
        guard caller.role.mayConfigure else { throw Forbidden() }
        let grids = Dictionary(uniqueKeysWithValues: try await units(caller).filter { $0.kind == .grid }.map { ($0.code, $0) })
        let features = try GridOutline.parseFeatureCollection(geojson, gridCodes: Set(grids.keys)).get()
        let ids = features.map { grids[$0.code]!.id }
        return try await write { tx in
            try await tx.delete(from: "grid_outlines").where("unit_id", .in, SQLBind.group(ids)).run()
            try await insertBuilder(tx, "grid_outlines", zip(ids, features).map { GridOutlineRow(unitId: $0, outline: $1.outline.encoded) }).run()
            try await audit(tx, caller, "grid.outlines", "unit", "-", "\(features.count) grids",
                            at: Jurisdiction.commonPath(features.map { grids[$0.code]!.path }))
            return features.count
        }
    }

    /// The imported outlines of the grids in the caller's jurisdiction, by grid id — for the
    /// coverage map only, so the coverage figures (page, export, API) never parse polygons.
    public func gridOutlines(_ caller: Caller) async throws -> [Int64: GridOutline] {
        guard case .subtree = caller.jurisdiction else { return [:] }
        var out: [Int64: GridOutline] = [:]
        for r in try await sql.select().columns(SQLRaw("o.unit_id, o.outline"))
            .from(SQLAlias(SQLIdentifier("grid_outlines"), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = o.unit_id"))
            .where(caller.jurisdiction.predicate(pathColumn: "g.path", householdColumn: "g.id")).all() {
            out[try r.decode(column: "unit_id", as: Int64.self)] = GridOutline(encoded: try r.decode(column: "outline", as: String.self))
        }
        return out
    }
}

private struct GridOutlineRow: Encodable { var unitId: Int64; var outline: String }
