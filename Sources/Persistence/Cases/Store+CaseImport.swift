import Domain
import Foundation
import SQLKit

/// What an import of cases did. Importing the same file again gives zeros.
public struct CaseImportResult: Sendable, Equatable, Codable {
    public var casesAdded: Int
    public var casesUpdated: Int
    public var victimsAdded: Int
    public init(casesAdded: Int, casesUpdated: Int, victimsAdded: Int) { self.casesAdded = casesAdded; self.casesUpdated = casesUpdated; self.victimsAdded = victimsAdded }
}

extension Store {
    /// 警情导入: cases and their victims from the records system. Every row is checked before
    /// anything is written; then, in one transaction, new cases are added, changed ones updated
    /// (each change audited), and each new victim gets its return-visit task for the grid's officer.
    public func importCases(csv: String, _ caller: Caller) async throws -> CaseImportResult {
        guard caller.role.mayDirectWork, case .subtree = caller.jurisdiction else { throw Forbidden() }
        let units = try await units(caller)
        let grids = Dictionary(uniqueKeysWithValues: units.filter { $0.kind == .grid }.map { ($0.code, $0) })
        let caseUnits = Dictionary(uniqueKeysWithValues: units.filter { $0.kind != .grid }.map { ($0.code, $0) })
        let table = try CaseImport.read(csv).get()
        let reach = CaseImport.Reach(gridCodes: Set(grids.keys), unitCodes: Set(caseUnits.keys),
                                     gridOfAddress: try await gridsOfAddresses(CaseImport.addressesWithoutGrid(in: table), grids: grids, caller))
        let plan = try CaseImport.plan(table, reach: reach).get()
        let days = try await workSettings().victimVisitDays
        let t = now(), due = VictimVisitRules.due(importedAt: t, days: days)
        // Sealed, and matched to the register, outside the transaction while the cases are written:
        // the writer is held only for the writes, and the two cores seal and insert at once
        // (Benchmarks/cases_import.sh). The register is read beside the writer, so a resident added
        // during the import is not linked to their case.
        let cipher = cipher
        let sealing = Task.detached {
            // Each run of sealed victims is looked up in the register while the next is sealed.
            var sealed: [(CaseImport.Victim, hash: String, id: String, phone: String?)] = [], lookups: [Task<[String: Int64], any Error>] = []
            for run in plan.victims.chunked(BulkInsert.maxBinds) {
                let done = try run.concurrentRuns { part in
                    let ids = try cipher.seal(part.map(\.idNumber)), phones = try cipher.seal(part.map(\.phone))
                    return part.indices.map { i in (part[i], hash: cipher.blindIndex(part[i].idNumber), id: ids[i], phone: phones[i]) }
                }
                sealed += done
                lookups.append(Task { try await self.residents(withHashes: done.map(\.hash)) })
            }
            var residentOf: [String: Int64] = [:]
            for lookup in lookups { residentOf.merge(try await lookup.value) { a, _ in a } }
            return (sealed, residentOf: residentOf)
        }
        defer { sealing.cancel() }
        return try await write { tx in
            var result = CaseImportResult(casesAdded: 0, casesUpdated: 0, victimsAdded: 0)
            var caseIDs: [String: Int64] = [:], knownIDs: [Int64] = []
            var audits: [AuditLine] = []
            for chunk in plan.cases.chunked(BulkInsert.maxBinds) {
                let existing = try await tx.select().columns("id", "case_number", "case_type", "occurred_at", "address", "grid_id", "case_unit_id").from("cases")
                    .where("case_number", .in, chunk.map(\.number)).all()
                var known: [String: (id: Int64, same: Bool)] = [:]
                let inChunk = Dictionary(chunk.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
                for r in existing {
                    let number = try r.decode(column: "case_number", as: String.self)
                    guard let c = inChunk[number] else { continue }
                    let same = try r.decode(column: "case_type", as: String.self) == c.type.rawValue
                        && abs(try r.decode(column: "occurred_at", as: Date.self).timeIntervalSince(c.occurredAt)) < 1
                        && r.decode(column: "address", as: String.self) == c.address && r.decode(column: "grid_id", as: Int64.self) == grids[c.gridCode]!.id
                        && r.decode(column: "case_unit_id", as: Int64.self) == caseUnits[c.unitCode]!.id
                    known[number] = (try r.decode(column: "id", as: Int64.self), same)
                }
                let fresh: [[any Encodable & Sendable]] = chunk.filter { known[$0.number] == nil }.map { c in
                    let grid = grids[c.gridCode]!
                    return [c.number, c.type.rawValue, c.type.isSensitive, c.occurredAt, c.address, grid.id, grid.path, caseUnits[c.unitCode]!.id, t, t]
                }
                for r in try await Self.caseInsert.run(tx, fresh) {
                    caseIDs[try r.decode(column: "case_number", as: String.self)] = try r.decode(column: "id", as: Int64.self)
                }
                result.casesAdded += fresh.count
                for c in chunk {
                    guard let k = known[c.number] else { continue }
                    caseIDs[c.number] = k.id
                    knownIDs.append(k.id)
                    guard !k.same else { continue }
                    let grid = grids[c.gridCode]!
                    try await tx.update("cases").set("case_type", to: c.type.rawValue).set("sensitive", to: c.type.isSensitive).set("occurred_at", to: c.occurredAt)
                        .set("address", to: c.address).set("grid_id", to: grid.id).set("unit_path", to: grid.path).set("case_unit_id", to: caseUnits[c.unitCode]!.id)
                        .set("updated_at", to: t).where("id", .equal, k.id).run()
                    try await tx.update("case_victims").set("unit_path", to: grid.path).where("case_id", .equal, k.id).run()
                    audits.append(AuditLine(caller: caller, action: "case.update", objectType: "case", objectID: String(k.id),
                                            summary: "\(c.number): \(c.type.rawValue) \(ChinaTime.minute(c.occurredAt)) grid=\(c.gridCode) unit=\(c.unitCode)", unitPath: grid.path))
                    result.casesUpdated += 1
                }
            }
            let (victims, residentOf) = try await sealing.value
            // Victims already on file (by case and ID number) stay as they are, task and visit included.
            var onFile = Set<String>()
            // (A case added just now has none: only the cases already on file are looked up.)
            for chunk in knownIDs.chunked(BulkInsert.maxBinds) {
                for r in try await tx.select().columns("case_id", "id_number_hash").from("case_victims").where("case_id", .in, chunk).all() {
                    onFile.insert("\(try r.decode(column: "case_id", as: Int64.self))|\(try r.decode(column: "id_number_hash", as: String.self))")
                }
            }
            let new = onFile.isEmpty ? victims : victims.filter { !onFile.contains("\(caseIDs[$0.0.caseNumber]!)|\($0.hash)") }
            let officerOf = Dictionary(uniqueKeysWithValues: grids.values.map { ($0.code, $0.responsibleOfficerID) })
            let caseOf = Dictionary(uniqueKeysWithValues: plan.cases.map { ($0.number, $0) })
            try await Self.victimInsert.run(tx, new.lazy.map { v, hash, id, phone -> [any Encodable & Sendable] in
                let c = caseOf[v.caseNumber]!
                return [caseIDs[v.caseNumber]!, v.name, id, hash, phone, v.address, residentOf[hash], grids[c.gridCode]!.path, officerOf[c.gridCode] ?? nil,
                        due, false, "", "", t]
            })
            result.victimsAdded = new.count
            guard result != CaseImportResult(casesAdded: 0, casesUpdated: 0, victimsAdded: 0) else { return result }
            audits.append(AuditLine(caller: caller, action: "cases.import", objectType: "cases", objectID: "-",
                                    summary: "\(result.casesAdded) cases added, \(result.casesUpdated) updated, \(result.victimsAdded) victims added",
                                    unitPath: Jurisdiction.commonPath(Array(Set(plan.cases.map { grids[$0.gridCode]!.path })))))
            try await self.audit(tx, audits)
            return result
        }
    }

    private static let caseInsert = BulkInsert(
        table: "cases", columns: ["case_number", "case_type", "sensitive", "occurred_at", "address", "grid_id", "unit_path", "case_unit_id", "created_at", "updated_at"],
        returning: ["id", "case_number"])
    private static let victimInsert = BulkInsert(
        table: "case_victims", columns: ["case_id", "name", "id_number_cipher", "id_number_hash", "phone_cipher", "address", "resident_id",
                                         "unit_path", "assignee_id", "due_at", "leader_led", "advice", "notes", "created_at"])

    func gridsOfAddresses(_ addresses: [String], grids: [String: Domain.Unit], _ caller: Caller) async throws -> [String: String] {
        let codeOf = Dictionary(uniqueKeysWithValues: grids.values.map { ($0.id, $0.code) })
        var found: [String: Set<String>] = [:]
        for chunk in addresses.chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("address", "grid_id").from("households").where("address", .in, chunk)
                .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "id")).all() {
                if let code = codeOf[try r.decode(column: "grid_id", as: Int64.self)] { found[try r.decode(column: "address", as: String.self), default: []].insert(code) }
            }
        }
        return found.compactMapValues { $0.count == 1 ? $0.first : nil }
    }
}

