import Domain
import Foundation
import SQLKit

extension Store {
    /// With the informant's contact officer, who (with leaders) may see the 信息员 tag.
    static let residentColumns = """
        r.id, r.household_id, r.name, r.gender, r.birth_date, r.id_number_cipher, r.phone_cipher, r.tags, h.address, h.grid_id, \
        (SELECT i.contact_officer_id FROM informants i WHERE i.resident_id = r.id) AS informant_officer
        """

    func residentQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select()
            .columns(SQLRaw(Store.residentColumns))
            .from(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = r.household_id"))
            .where(caller.jurisdiction.predicate(pathColumn: "r.unit_path", householdColumn: "r.household_id"))
    }

    private struct ResidentListRow: Decodable {
        var id: Int64; var householdId: Int64; var name: String; var gender: String; var birthDate: String
        var idNumberCipher: String; var phoneCipher: String?; var tags: String; var address: String; var gridId: Int64; var informantOfficer: Int64?
    }

    func views(_ q: SQLSelectBuilder, _ caller: Caller) async throws -> [ResidentView] {
        try await q.all(decoding: ResidentListRow.self, with: Store.rowDecoder).map { r in
            ResidentView(id: r.id, householdID: r.householdId, name: r.name, gender: Gender(rawValue: r.gender) ?? .male,
                         birthDate: r.birthDate, idNumberMasked: IDNumber.mask(try cipher.open(r.idNumberCipher)),
                         phoneMasked: try r.phoneCipher.map { PhoneNumber.mask(try cipher.open($0)) },
                         tags: InformantRules.visibleTags(ResidentTag.parseList(r.tags).tags, caller, contactOfficerID: r.informantOfficer),
                         address: r.address, gridID: r.gridId)
        }
    }

    public func residents(householdID: Int64, _ caller: Caller) async throws -> [ResidentView] {
        try await views(residentQuery(caller).where(SQLColumn("household_id", table: "r"), .equal, SQLBind(householdID)).orderBy(SQLColumn("id", table: "r")), caller)
    }

    public func resident(id: Int64, _ caller: Caller) async throws -> ResidentView {
        guard let v = try await views(residentQuery(caller).where(SQLColumn("id", table: "r"), .equal, SQLBind(id)), caller).first else { throw NotFound() }
        return v
    }

    /// 查看完整身份证号/电话: only roles that may, only inside the jurisdiction, always audited.
    public func reveal(residentID: Int64, _ caller: Caller) async throws -> RevealedPersonalData {
        let row = try await residentRow(residentID, caller)   // 404 outside scope, before anything else
        guard caller.mayReveal else { throw Forbidden() }
        let data = RevealedPersonalData(idNumber: try cipher.open(row.idNumberCipher), phone: try row.phoneCipher.map(cipher.open))
        try await auditEvent(caller, "resident.reveal", "resident", String(residentID), "id_number, phone", at: row.unitPath)
        return data
    }

    /// The stored row, still encrypted, if the caller may see it.
    func residentRow(_ id: Int64, _ caller: Caller) async throws -> ResidentRow {
        guard let row = try await sql.select().column("*").from("residents").where("id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id"))
            .first(decoding: ResidentRow.self, with: Store.rowDecoder) else { throw NotFound() }
        return row
    }

    public func createResident(householdID: Int64, _ input: ResidentInput, _ caller: Caller) async throws -> ResidentView {
        guard caller.role.mayWriteRegister else { throw Forbidden() }
        let household = try await household(id: householdID, caller)
        let valid = try ResidentRules.validate(input).get()
        let id: Int64 = try await write { tx in
            try await requireUniqueIDNumber(tx, valid.idNumber, except: nil)
            let t = now()
            let row = ResidentRow(id: nil, householdId: household.id, name: valid.name, gender: valid.gender.rawValue, birthDate: valid.birthDate,
                                  idNumberCipher: try cipher.seal(valid.idNumber), idNumberHash: cipher.blindIndex(valid.idNumber),
                                  phoneCipher: try valid.phone.map(cipher.seal), phoneHash: valid.phone.map(cipher.blindIndex),
                                  tags: ResidentTag.storageString(valid.tags), unitPath: household.unitPath, createdAt: t, updatedAt: t)
            let id = try await insertReturningID(tx, "residents", row)
            try await audit(tx, caller, "resident.create", "resident", String(id),
                            "name=\(valid.name) household=\(household.id) id=\(IDNumber.mask(valid.idNumber)) tags=\(row.tags)", at: household.unitPath)
            try await createMustVisitTasks(tx, residentID: id, name: valid.name, householdID: household.id, gridID: household.gridID,
                                           unitPath: household.unitPath, newTags: valid.tags, oldTags: [], caller)
            return id
        }
        return try await resident(id: id, caller)
    }

    /// - Parameter keepBlankPersonalData: a blank ID number or phone means "unchanged" — for
    ///   people who may edit a resident but may not see the full numbers (auxiliary officers).
    public func updateResident(id: Int64, _ input: ResidentInput, _ caller: Caller, keepBlankPersonalData: Bool = false) async throws -> ResidentView {
        guard caller.role.mayWriteRegister else { throw Forbidden() }
        let before = try await residentRow(id, caller)
        var input = input
        if keepBlankPersonalData {
            if input.idNumber.trimmed.isEmpty { input.idNumber = try cipher.open(before.idNumberCipher) }
            if (input.phone ?? "").trimmed.isEmpty { input.phone = try before.phoneCipher.map(cipher.open) }
        }
        var valid = try ResidentRules.validate(input).get()
        // A 信息员 tag the editor was not shown stays.
        let keeper = try await sql.select().column("contact_officer_id").from("informants").where("resident_id", .equal, id).first()?.decode(column: "contact_officer_id", as: Int64.self)
        valid.tags = InformantRules.savedTags(valid.tags, before: ResidentTag.parseList(before.tags).tags, caller, contactOfficerID: keeper)
        let household = try await self.household(id: before.householdId, caller)
        try await write { [valid] tx in
            try await requireUniqueIDNumber(tx, valid.idNumber, except: id)
            try await tx.update("residents")
                .set("name", to: valid.name).set("gender", to: valid.gender.rawValue).set("birth_date", to: valid.birthDate)
                .set("id_number_cipher", to: try cipher.seal(valid.idNumber)).set("id_number_hash", to: cipher.blindIndex(valid.idNumber))
                .set("phone_cipher", to: try valid.phone.map(cipher.seal)).set("phone_hash", to: valid.phone.map(cipher.blindIndex))
                .set("tags", to: ResidentTag.storageString(valid.tags)).set("updated_at", to: now())
                .where("id", .equal, id).run()
            try await audit(tx, caller, "resident.update", "resident", String(id),
                            Self.diff(before: before, after: valid, idChanged: before.idNumberHash != cipher.blindIndex(valid.idNumber),
                                      phoneChanged: before.phoneHash != valid.phone.map(cipher.blindIndex)), at: household.unitPath)
            try await createMustVisitTasks(tx, residentID: id, name: valid.name, householdID: household.id, gridID: household.gridID,
                                           unitPath: household.unitPath, newTags: valid.tags, oldTags: ResidentTag.parseList(before.tags).tags, caller)
        }
        return try await resident(id: id, caller)
    }

    /// ID numbers are unique across the whole register, checked unscoped so a person registered
    /// at another station is not created twice; the answer does not say where.
    func requireUniqueIDNumber(_ tx: any SQLDatabase, _ idNumber: String, except: Int64?) async throws {
        var q = tx.select().column("id").from("residents").where("id_number_hash", .equal, cipher.blindIndex(idNumber))
        if let except { q = q.where("id", .notEqual, except) }
        if try await q.first() != nil { throw ValidationFailure(field: "idNumber", .duplicateIDNumber) }
    }

    /// Before/after for the audit line, with personal data only as "changed".
    static func diff(before: ResidentRow, after: ValidResident, idChanged: Bool, phoneChanged: Bool) -> String {
        var parts: [String] = []
        if before.name != after.name { parts.append("name: \(before.name) -> \(after.name)") }
        if before.gender != after.gender.rawValue { parts.append("gender: \(before.gender) -> \(after.gender.rawValue)") }
        if before.birthDate != after.birthDate { parts.append("birth_date: \(before.birthDate) -> \(after.birthDate)") }
        let tags = ResidentTag.storageString(after.tags)
        if before.tags != tags { parts.append("tags: \(before.tags) -> \(tags)") }
        if idChanged { parts.append("id_number changed") }
        if phoneChanged { parts.append("phone changed") }
        return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
    }
}
