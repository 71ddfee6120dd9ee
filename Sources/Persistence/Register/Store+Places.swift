import Domain
import Foundation
import SQLKit

extension Store {
    public func places(gridID: Int64?, _ caller: Caller) async throws -> [Place] {
        guard caller.role.seesWorkRecords else { return [] }
        var q = sql.select().column("*").from("places").where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "id"))
        if let gridID { q = q.where("grid_id", .equal, gridID) }
        return try await q.orderBy("name").limit(500).all(decoding: PlaceRow.self, with: Store.rowDecoder).map { $0.domain() }
    }

    public func place(id: Int64, _ caller: Caller) async throws -> Place {
        guard caller.role.seesWorkRecords,
              let row = try await sql.select().column("*").from("places").where("id", .equal, id)
                .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "id"))
                .first(decoding: PlaceRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return row.domain()
    }

    public func savePlace(id: Int64?, gridID: Int64, name: String, kind: String, address: String, _ caller: Caller) async throws -> Place {
        guard caller.role.mayWriteRegister else { throw Forbidden() }
        let before = try await id.asyncMap { try await place(id: $0, caller) }
        var errors: [FieldError] = []
        let grid = try? await gridInScope(gridID, caller)
        if grid == nil { errors.append(FieldError(field: "gridID", problem: .unknownGrid)) }
        let name = name.trimmed
        if name.isEmpty { errors.append(FieldError(field: "name", problem: .required)) }
        let placeKind = PlaceKind(rawValue: kind)
        if placeKind == nil { errors.append(FieldError(field: "kind", problem: .invalidChoice)) }
        let addr = (try? Self.validAddress(address))
        if addr == nil { errors.append(FieldError(field: "address", problem: address.isEmpty ? .required : .tooLong)) }
        guard errors.isEmpty, let grid, let placeKind, let addr else { throw ValidationFailure(errors) }
        return try await write { tx in
            let t = now()
            if let before {
                try await tx.update("places").set("grid_id", to: grid.id).set("name", to: name).set("kind", to: placeKind.rawValue)
                    .set("address", to: addr).set("unit_path", to: grid.path).set("updated_at", to: t).where("id", .equal, before.id).run()
                try await audit(tx, caller, "place.update", "place", String(before.id), "\(before.name) -> \(name); \(before.kind.rawValue) -> \(placeKind.rawValue)", at: grid.path)
                try await createPlaceTasks(tx, placeID: before.id, name: name, kind: placeKind, oldKind: before.kind, gridID: grid.id, unitPath: grid.path, caller)
                return Place(id: before.id, gridID: grid.id, name: name, kind: placeKind, address: addr, unitPath: grid.path)
            }
            let row = PlaceRow(id: nil, gridId: grid.id, name: name, kind: placeKind.rawValue, address: addr, unitPath: grid.path, createdAt: t, updatedAt: t)
            let newID = try await insertReturningID(tx, "places", row)
            try await audit(tx, caller, "place.create", "place", String(newID), "\(placeKind.rawValue) \(name) grid=\(grid.code)", at: grid.path)
            try await createPlaceTasks(tx, placeID: newID, name: name, kind: placeKind, oldKind: nil, gridID: grid.id, unitPath: grid.path, caller)
            return row.domain(id: newID)
        }
    }
}

extension PlaceRow {
    func domain(id: Int64) -> Place { var r = self; r.id = id; return r.domain() }
}

extension Optional {
    public func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}
