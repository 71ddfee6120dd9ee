import Domain
import Foundation
import SQLKit

extension Store {
    public struct ImportResult: Sendable, Equatable {
        public var households: Int
        public var residents: Int
    }

    /// 导入基础台账: validates every row first; on any problem nothing is written and every
    /// problem is returned with its row. Otherwise all rows land in one transaction, written in
    /// bulk: households found or added per grid, residents, then the must-visit tasks their tags call for.
    public func importRegister(csv: String, _ caller: Caller, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportResult {
        guard caller.role.mayWriteRegister, case .subtree = caller.jurisdiction else { throw Forbidden() }
        let grids = try await units(caller).filter { $0.kind == .grid }
        let gridByCode = Dictionary(uniqueKeysWithValues: grids.map { ($0.code, $0) })
        let table = try RegisterImport.read(csv).get()
        let candidates = RegisterImport.idNumberCandidates(in: table), cipher = cipher
        let hashOf = Dictionary(zip(candidates, try candidates.concurrentMap { cipher.blindIndex($0) }), uniquingKeysWith: { a, _ in a })
        let existing = try await existingIDNumbers(hashOf)
        let plan = try RegisterImport.plan(table, gridCodes: Set(gridByCode.keys), existingIDNumbers: existing).get()
        let total = plan.rows.count, t = now()
        // Sealed outside the transaction, on every core: the writer is held only for the writes.
        let sealed = try plan.rows.map(\.resident).concurrentRuns { part in
            let ids = try cipher.seal(part.map(\.idNumber)), phones = try cipher.seal(part.map(\.phone))
            return part.indices.map { i in
                (id: ids[i], idHash: hashOf[part[i].idNumber] ?? cipher.blindIndex(part[i].idNumber), phone: phones[i], phoneHash: part[i].phone.map(cipher.blindIndex))
            }
        }
        return try await write { tx in
            let householdIDs = try await self.householdIDs(tx, for: plan.households, grids: gridByCode, at: t)
            var rows: [[any Encodable & Sendable]] = []
            rows.reserveCapacity(total)
            for (r, s) in zip(plan.rows, sealed) {
                let v = r.resident, key = RegisterImport.HouseholdKey(gridCode: r.gridCode, address: r.address)
                rows.append([householdIDs[key]!, v.name, v.gender.rawValue, v.birthDate, s.id, s.idHash, s.phone, s.phoneHash,
                             ResidentTag.storageString(v.tags), gridByCode[r.gridCode]!.path, t, t])
            }
            var residentOf: [String: Int64] = [:]
            for (i, chunk) in rows.chunked(Self.residentInsert.rowsPerStatement).enumerated() {
                for r in try await Self.residentInsert.run(tx, chunk) {
                    residentOf[try r.decode(column: "id_number_hash", as: String.self)] = try r.decode(column: "id", as: Int64.self)
                }
                progress?(min(total, (i + 1) * Self.residentInsert.rowsPerStatement), total)
            }
            try await self.audit(tx, caller, "register.import", "register", "-", "\(plan.households.count) households, \(total) residents",
                                 at: Jurisdiction.commonPath(plan.households.map { gridByCode[$0.gridCode]!.path }))
            // Imported people carrying a must-visit tag get their task like anyone registered by hand.
            let rules = try await self.rules(on: tx)
            var tasks: [NewTask] = []
            for (r, s) in zip(plan.rows, sealed) {
                let grid = gridByCode[r.gridCode]!, household = householdIDs[.init(gridCode: r.gridCode, address: r.address)]!
                for rule in MustVisitRule.triggered(by: r.resident.tags, previously: [], rules: rules) {
                    tasks.append(NewTask(rule: rule, title: "\(rule.name)：\(r.resident.name)", target: .resident(residentOf[s.idHash]!, household: household),
                                         assigneeID: grid.responsibleOfficerID, unitPath: grid.path, due: rule.due(from: t)))
                }
            }
            try await self.openTasks(tx, tasks, caller)
            return ImportResult(households: plan.households.count, residents: total)
        }
    }

    private static let residentInsert = BulkInsert(
        table: "residents", columns: ["household_id", "name", "gender", "birth_date", "id_number_cipher", "id_number_hash", "phone_cipher", "phone_hash",
                                      "tags", "unit_path", "created_at", "updated_at"],
        returning: ["id", "id_number_hash"])
    private static let householdInsert = BulkInsert(table: "households", columns: ["grid_id", "address", "unit_path", "created_at", "updated_at"],
                                                    returning: ["id", "grid_id", "address"])

    /// The id of each (grid, address): the household already there, or a new one.
    private func householdIDs(_ tx: any SQLDatabase, for keys: [RegisterImport.HouseholdKey], grids: [String: Domain.Unit],
                              at t: Date) async throws -> [RegisterImport.HouseholdKey: Int64] {
        let codeOf = Dictionary(uniqueKeysWithValues: grids.values.map { ($0.id, $0.code) })
        var ids: [RegisterImport.HouseholdKey: Int64] = [:]
        func note(_ r: any SQLRow) throws {
            let code = codeOf[try r.decode(column: "grid_id", as: Int64.self)]!
            ids[.init(gridCode: code, address: try r.decode(column: "address", as: String.self))] = try r.decode(column: "id", as: Int64.self)
        }
        for (code, inGrid) in Dictionary(grouping: keys, by: \.gridCode) {
            for chunk in inGrid.map(\.address).chunked(BulkInsert.maxBinds - 1) {
                for r in try await tx.select().columns("id", "grid_id", "address").from("households")
                    .where("grid_id", .equal, grids[code]!.id).where("address", .in, chunk).all() { try note(r) }
            }
        }
        let new: [[any Encodable & Sendable]] = keys.filter { ids[$0] == nil }.map { key in
            let grid = grids[key.gridCode]!
            return [grid.id, key.address, grid.path, t, t]
        }
        for r in try await Self.householdInsert.run(tx, new) { try note(r) }
        return ids
    }

    /// Which of the ID numbers (with their blind index) the register already holds.
    private func existingIDNumbers(_ hashOf: [String: String]) async throws -> Set<String> {
        let byHash = Dictionary(hashOf.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return Set(try await residents(withHashes: Array(byHash.keys)).keys.compactMap { byHash[$0] })
    }

    /// The registered resident of each ID number's blind index, where there is one.
    func residents(withHashes hashes: [String]) async throws -> [String: Int64] {
        var residentOf: [String: Int64] = [:]
        for chunk in hashes.chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("id", "id_number_hash").from("residents").where("id_number_hash", .in, chunk).all() {
                residentOf[try r.decode(column: "id_number_hash", as: String.self)] = try r.decode(column: "id", as: Int64.self)
            }
        }
        return residentOf
    }

    /// 导出基础台账 in the import format, so an export can be imported elsewhere. Full ID numbers
    /// leave the system here, so the export is audited like a reveal.
    public func exportRegister(_ caller: Caller, write: (String) throws -> Void) async throws -> Int {
        guard caller.role.mayExportRegister, case .subtree = caller.jurisdiction else { throw Forbidden() }
        try write(CSV.line(RegisterImport.columns))
        var lastID: Int64 = 0, count = 0
        while true {
            let rows = try await sql.select()
                .columns(SQLRaw("r.id, u.code, h.address, r.name, r.gender, r.birth_date, r.id_number_cipher, r.phone_cipher, r.tags, (SELECT i.contact_officer_id FROM informants i WHERE i.resident_id = r.id) AS informant_officer"))
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
                    ResidentTag.storageString(InformantRules.visibleTags(ResidentTag.parseList(try r.decode(column: "tags", as: String.self)).tags, caller,
                                                                         contactOfficerID: try r.decode(column: "informant_officer", as: Int64?.self))),
                ].map(CSV.neutralised)))
                count += 1
            }
        }
        try await auditEvent(caller, "register.export", "register", "-", "\(count) residents, full ID numbers")
        return count
    }
}
