import Domain
import Foundation
import SQLKit

extension Store {
    public struct ImportResult: Sendable, Equatable {
        public var households: Int
        public var residents: Int
    }

    /// 导入基础台账: validates every row first; on any problem nothing is written and every
    /// problem is returned with its row. Otherwise all rows land in one transaction.
    public func importRegister(csv: String, _ caller: Caller, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportResult {
        guard caller.role.mayWriteRegister, case .subtree = caller.jurisdiction else { throw Forbidden() }
        let grids = try await units(caller).filter { $0.kind == .grid }
        let gridByCode = Dictionary(uniqueKeysWithValues: grids.map { ($0.code, $0) })
        let existing = try await existingIDNumbers(among: RegisterImport.idNumberCandidates(csv: csv))
        let plan = try RegisterImport.plan(csv: csv, gridCodes: Set(gridByCode.keys), existingIDNumbers: existing).get()
        let total = plan.rows.count
        return try await write { tx in
            var householdIDs: [RegisterImport.HouseholdKey: Int64] = [:]
            let t = now()
            for key in plan.households {
                let grid = gridByCode[key.gridCode]!
                if let found = try await tx.select().column("id").from("households").where("grid_id", .equal, grid.id)
                    .where("address", .equal, key.address).first() {
                    householdIDs[key] = try found.decode(column: "id", as: Int64.self)
                } else {
                    householdIDs[key] = try await insertReturningID(tx, "households",
                        HouseholdRow(id: nil, gridId: grid.id, address: key.address, unitPath: grid.path, createdAt: t, updatedAt: t))
                }
            }
            var done = 0
            for chunk in stride(from: 0, to: total, by: 200).map({ Array(plan.rows[$0..<min($0 + 200, total)]) }) {
                let rows = try chunk.map { r -> ResidentRow in
                    let key = RegisterImport.HouseholdKey(gridCode: r.gridCode, address: r.address)
                    let v = r.resident
                    return ResidentRow(id: nil, householdId: householdIDs[key]!, name: v.name, gender: v.gender.rawValue, birthDate: v.birthDate,
                                       idNumberCipher: try cipher.seal(v.idNumber), idNumberHash: cipher.blindIndex(v.idNumber),
                                       phoneCipher: try v.phone.map(cipher.seal), phoneHash: v.phone.map(cipher.blindIndex),
                                       tags: ResidentTag.storageString(v.tags), unitPath: gridByCode[r.gridCode]!.path, createdAt: t, updatedAt: t)
                }
                try await insertBuilder(tx, "residents", rows).run()
                done += chunk.count
                progress?(done, total)
            }
            try await audit(tx, caller, "register.import", "register", "-", "\(plan.households.count) households, \(total) residents",
                            at: Jurisdiction.commonPath(plan.households.map { gridByCode[$0.gridCode]!.path }))
            // Imported people carrying a must-visit tag get their task like anyone registered by hand.
            let rules = try await self.rules(on: tx)
            for r in plan.rows where !MustVisitRule.triggered(by: r.resident.tags, previously: [], rules: rules).isEmpty {
                let id = try await tx.select().column("id").from("residents").where("id_number_hash", .equal, cipher.blindIndex(r.resident.idNumber))
                    .first()!.decode(column: "id", as: Int64.self)
                let grid = gridByCode[r.gridCode]!
                try await createMustVisitTasks(tx, residentID: id, name: r.resident.name, householdID: householdIDs[.init(gridCode: r.gridCode, address: r.address)]!,
                                               gridID: grid.id, unitPath: grid.path, newTags: r.resident.tags, oldTags: [], rules: rules, caller)
            }
            return ImportResult(households: plan.households.count, residents: total)
        }
    }

    private func existingIDNumbers(among ids: [String]) async throws -> Set<String> {
        var byHash: [String: String] = [:]
        for id in ids { byHash[cipher.blindIndex(id)] = id }
        var found = Set<String>()
        let hashes = Array(byHash.keys)
        for start in stride(from: 0, to: hashes.count, by: 500) {
            let rows = try await sql.select().column("id_number_hash").from("residents")
                .where("id_number_hash", .in, Array(hashes[start..<min(start + 500, hashes.count)])).all()
            for r in rows { if let id = byHash[try r.decode(column: "id_number_hash", as: String.self)] { found.insert(id) } }
        }
        return found
    }

    /// 导出基础台账 in the import format, so an export can be imported elsewhere. Full ID numbers
    /// leave the system here, so the export is audited like a reveal.
    public func exportRegister(_ caller: Caller, write: (String) throws -> Void) async throws -> Int {
        guard caller.role.mayExportRegister, case .subtree = caller.jurisdiction else { throw Forbidden() }
        try write(CSV.line(RegisterImport.columns))
        var lastID: Int64 = 0, count = 0
        while true {
            let rows = try await sql.select()
                .columns(SQLRaw("r.id, u.code, h.address, r.name, r.gender, r.birth_date, r.id_number_cipher, r.phone_cipher, r.tags"))
                .from(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")))
                .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = r.household_id"))
                .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), on: SQLRaw("u.id = h.grid_id"))
                .where(caller.jurisdiction.predicate(pathColumn: "r.unit_path", householdColumn: "r.household_id"))
                .where(SQLColumn("id", table: "r"), .greaterThan, SQLBind(lastID))
                .orderBy(SQLColumn("id", table: "r")).limit(1000).all()
            if rows.isEmpty { break }
            for r in rows {
                lastID = try r.decode(column: "id", as: Int64.self)
                try write(CSV.line([
                    try r.decode(column: "code", as: String.self), try r.decode(column: "address", as: String.self),
                    try r.decode(column: "name", as: String.self), try r.decode(column: "gender", as: String.self),
                    try r.decode(column: "birth_date", as: String.self),
                    try cipher.open(try r.decode(column: "id_number_cipher", as: String.self)),
                    try r.decode(column: "phone_cipher", as: String?.self).map(cipher.open) ?? "",
                    try r.decode(column: "tags", as: String.self),
                ].map(CSV.neutralised)))
                count += 1
            }
        }
        try await auditEvent(caller, "register.export", "register", "-", "\(count) residents, full ID numbers")
        return count
    }
}
