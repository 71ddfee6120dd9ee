import Domain
import Foundation
import SQLKit

public struct InformantView: Sendable, Equatable, Codable {
    public var residentID: Int64
    public var name: String
    public var householdID: Int64
    public var address: String
    public var areaUnitID: Int64
    public var areaName: String
    public var contactOfficerID: Int64
    public var contactOfficerName: String
    public var cadenceDays: Int
    public var since: Date
    /// The last contact logged, or the contact officer's last visit to the household.
    public var lastContact: Date?
    public var due: Date
    public var clues: Int
    public var recognitions: Int
}

public struct InformantContactView: Sendable, Equatable, Codable {
    public var kind: InformantContactKind
    public var note: String
    public var by: String
    public var at: Date
}

public struct RecognitionView: Sendable, Equatable, Codable {
    public var kind: RecognitionKind
    public var note: String
    public var amountFen: Int64?
    public var by: String
    public var at: Date
}

public struct InformantDetail: Sendable, Equatable, Codable {
    public var informant: InformantView
    public var contacts: [InformantContactView]
    public var recognitions: [RecognitionView]
    public var clues: [ClueView]
}

extension Store {
    /// 登记信息员 (leaders): the resident, their area (a grid or community of the caller's) and the
    /// officer of that station who keeps contact; saving again changes them. The resident is
    /// tagged 信息员 if not already. The audit names the resident by number only.
    public func saveInformant(_ input: InformantInput, _ caller: Caller) async throws -> InformantView {
        guard caller.role.seesConfidential else { throw Forbidden() }
        var errors: [FieldError] = []
        let resident = try? await residentRow(input.residentID, caller)
        if resident == nil { errors.append(FieldError(field: "residentID", problem: .unknownResident)) }
        let area = try? await unit(id: input.areaUnitID, caller)
        if area.map({ ![.grid, .community, .village].contains($0.kind) }) ?? true { errors.append(FieldError(field: "areaUnitID", problem: .unknownUnit)) }
        let officer = try await account(id: input.contactOfficerID, caller)
        if !(officer.map { o in o.role.mayAnswerForGrid && !o.disabled && area.map { Self.stationPath(of: o.unitPath) == Self.stationPath(of: $0.path) } ?? true } ?? false) {
            errors.append(FieldError(field: "contactOfficerID", problem: .unknownOfficer))
        }
        var cadence = InformantRules.defaultCadenceDays
        switch InformantRules.cadence(input.cadenceDays) {
        case .success(let d): cadence = d
        case .failure(let f): errors += f.errors
        }
        guard errors.isEmpty, let resident, let area else { throw ValidationFailure(errors) }
        let t = now(), days = cadence
        try await write { tx in
            try await tx.raw("""
                INSERT INTO informants (resident_id, area_unit_id, unit_path, contact_officer_id, cadence_days, created_by, created_at, updated_at)
                VALUES (\(bind: input.residentID), \(bind: area.id), \(bind: area.path), \(bind: input.contactOfficerID), \(bind: days), \(bind: caller.userID), \(bind: t), \(bind: t))
                ON CONFLICT (resident_id) DO UPDATE SET area_unit_id = excluded.area_unit_id, unit_path = excluded.unit_path,
                    contact_officer_id = excluded.contact_officer_id, cadence_days = excluded.cadence_days, updated_at = excluded.updated_at
                """).run()
            let tags = ResidentTag.parseList(resident.tags).tags
            if !tags.contains(.informant) {
                try await tx.update("residents").set("tags", to: ResidentTag.storageString(tags + [.informant])).set("updated_at", to: t).where("id", .equal, input.residentID).run()
            }
            try await self.audit(tx, caller, "informant.save", "informant", String(input.residentID), "area=\(area.code) officer=\(input.contactOfficerID) every \(days) days", at: area.path)
        }
        return try await informant(residentID: input.residentID, caller).informant
    }

    private func informantQuery(_ caller: Caller) -> SQLSelectBuilder {
        var q = sql.select().columns(SQLRaw("""
            i.resident_id, r.name, r.household_id, h.address, i.area_unit_id, a.name AS area_name, i.contact_officer_id, u.display_name AS officer_name, \
            i.cadence_days, i.created_at, \
            (SELECT MAX(c.contacted_at) FROM informant_contacts c WHERE c.resident_id = i.resident_id) AS last_contact, \
            (SELECT MAX(v.visited_at) FROM visits v WHERE v.household_id = r.household_id AND v.created_by = i.contact_officer_id) AS last_visit, \
            (SELECT COUNT(*) FROM clues k WHERE k.informant_id = i.resident_id) AS clues, \
            (SELECT COUNT(*) FROM informant_recognitions g WHERE g.resident_id = i.resident_id) AS recognitions
            """))
            .from(SQLAlias(SQLIdentifier("informants"), as: SQLIdentifier("i")))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), on: SQLRaw("r.id = i.resident_id"))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = r.household_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("a")), on: SQLRaw("a.id = i.area_unit_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLRaw("u.id = i.contact_officer_id"))
            .where(workRecords(caller, "i"))
        // Officers see the informants they keep in touch with; auxiliaries and the administrator none.
        if !caller.role.seesConfidential { q = q.where(SQLColumn("contact_officer_id", table: "i"), .equal, SQLBind(caller.userID ?? -1)) }
        return q
    }

    private struct InformantRow: Decodable {
        var residentId: Int64; var name: String; var householdId: Int64; var address: String; var areaUnitId: Int64; var areaName: String
        var contactOfficerId: Int64; var officerName: String; var cadenceDays: Int; var createdAt: Date; var lastContact: Date?; var lastVisit: Date?
        var clues: Int; var recognitions: Int
        var view: InformantView {
            let last = [lastContact, lastVisit].compactMap { $0 }.max()
            return InformantView(residentID: residentId, name: name, householdID: householdId, address: address, areaUnitID: areaUnitId, areaName: areaName,
                                 contactOfficerID: contactOfficerId, contactOfficerName: officerName, cadenceDays: cadenceDays, since: createdAt, lastContact: last,
                                 due: CareCadence.due(lastVisit: last, registered: createdAt, cadenceDays: cadenceDays), clues: clues, recognitions: recognitions)
        }
    }

    /// 信息员名单: the caller's informants (all in reach for leaders, their own for an officer),
    /// the most overdue contact first.
    public func informants(_ caller: Caller) async throws -> [InformantView] {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return try await informantQuery(caller).limit(5000).all(decoding: InformantRow.self, with: Store.rowDecoder).map(\.view).sorted { $0.due < $1.due }
    }

    public func informant(residentID: Int64, _ caller: Caller) async throws -> InformantDetail {
        guard let i = try await informantQuery(caller).where(SQLColumn("resident_id", table: "i"), .equal, SQLBind(residentID))
            .first(decoding: InformantRow.self, with: Store.rowDecoder)?.view else { throw NotFound() }
        let contacts = try await sql.select().columns(SQLRaw("c.kind, c.note, c.contacted_at, w.display_name"))
            .from(SQLAlias(SQLIdentifier("informant_contacts"), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = c.contacted_by"))
            .where(SQLColumn("resident_id", table: "c"), .equal, SQLBind(residentID)).orderBy(SQLColumn("contacted_at", table: "c"), SQLDirection.descending).limit(200).all()
            .map { r in
                InformantContactView(kind: InformantContactKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .visit, note: try r.decode(column: "note", as: String.self),
                                     by: try r.decode(column: "display_name", as: String?.self) ?? "", at: try r.decode(column: "contacted_at", as: Date.self))
            }
        let recognitions = try await sql.select().columns(SQLRaw("g.kind, g.note, g.amount_fen, g.given_at, w.display_name"))
            .from(SQLAlias(SQLIdentifier("informant_recognitions"), as: SQLIdentifier("g")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = g.given_by"))
            .where(SQLColumn("resident_id", table: "g"), .equal, SQLBind(residentID)).orderBy(SQLColumn("given_at", table: "g"), SQLDirection.descending).limit(200).all()
            .map { r in
                RecognitionView(kind: RecognitionKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .thanks, note: try r.decode(column: "note", as: String.self),
                                amountFen: try r.decode(column: "amount_fen", as: Int64?.self), by: try r.decode(column: "display_name", as: String?.self) ?? "",
                                at: try r.decode(column: "given_at", as: Date.self))
            }
        let clues = try await clueQuery(caller).where(SQLColumn("informant_id", table: "c"), .equal, SQLBind(residentID))
            .orderBy(SQLColumn("created_at", table: "c"), SQLDirection.descending).limit(200).all(decoding: ClueRow.self, with: Store.rowDecoder).map { $0.view(for: caller) }
        return InformantDetail(informant: i, contacts: contacts, recognitions: recognitions, clues: clues)
    }

    /// 联系信息员: a visit, a meeting or a call, by the contact officer or a leader.
    public func recordInformantContact(residentID: Int64, _ input: InformantContactInput, _ caller: Caller) async throws -> InformantDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let i = try await informant(residentID: residentID, caller).informant
        let (kind, note) = try InformantRules.contact(input).get()
        let path = try await informantPath(residentID)
        try await write { tx in
            try await tx.insert(into: "informant_contacts").columns("resident_id", "unit_path", "kind", "note", "contacted_by", "contacted_at")
                .values(SQLBind(i.residentID), SQLBind(path), SQLBind(kind.rawValue), SQLBind(note), SQLBind(caller.userID), SQLBind(self.now())).run()
            try await self.audit(tx, caller, "informant.contact", "informant", String(residentID), kind.rawValue, at: path)
        }
        return try await informant(residentID: residentID, caller)
    }

    /// 表彰: a note of thanks or a reward (with its amount), recorded and audited.
    public func recognizeInformant(residentID: Int64, _ input: RecognitionInput, _ caller: Caller) async throws -> InformantDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        _ = try await informant(residentID: residentID, caller)
        let (kind, note, fen) = try InformantRules.recognition(input).get()
        let path = try await informantPath(residentID)
        try await write { tx in
            try await tx.insert(into: "informant_recognitions").columns("resident_id", "unit_path", "kind", "note", "amount_fen", "given_by", "given_at")
                .values(SQLBind(residentID), SQLBind(path), SQLBind(kind.rawValue), SQLBind(note), SQLBind(fen), SQLBind(caller.userID), SQLBind(self.now())).run()
            try await self.audit(tx, caller, "informant.recognition", "informant", String(residentID), "\(kind.rawValue)\(fen.map { " \(Yuan.text($0))" } ?? "")", at: path)
        }
        return try await informant(residentID: residentID, caller)
    }

    private func informantPath(_ residentID: Int64) async throws -> String {
        try await sql.select().column("unit_path").from("informants").where("resident_id", .equal, residentID).first()!.decode(column: "unit_path", as: String.self)
    }
}
