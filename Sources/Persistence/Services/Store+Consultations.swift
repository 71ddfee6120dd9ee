import Domain
import Foundation
import SQLKit

public struct ConsultationView: Sendable, Equatable, Codable {
    public var id: Int64
    public var topic: String
    public var topicName: String
    public var outcome: ConsultationOutcome
    public var residentID: Int64?
    public var residentName: String?
    public var householdID: Int64?
    public var note: String
    public var recordedBy: String?
    public var createdAt: Date
}

/// Which consultations a list shows: the consultation figure's drill-down.
public struct ConsultationFilter: Sendable, Equatable {
    public var unitID: Int64?
    public var period: Period?
    public init(unitID: Int64? = nil, period: Period? = nil) { self.unitID = unitID; self.period = period }
}

extension Store {
    /// 接待登记: where the resident lives when named, else the officer's own unit.
    /// Now, or `at` the time a note made offline gives (`queued`: its item in the phone's queue).
    public func recordConsultation(_ input: ConsultationInput, _ caller: Caller) async throws -> ConsultationView {
        try await recordConsultation(input, caller, at: nil, queued: nil)
    }

    func recordConsultation(_ input: ConsultationInput, _ caller: Caller, at: Date?, queued: QueueKey?) async throws -> ConsultationView {
        guard caller.role.mayRecordWork, case .subtree(let own) = caller.jurisdiction else { throw Forbidden() }
        let kinds = try await serviceKinds()
        var errors = ConsultationRules.errors(input, kinds: kinds)
        let resident = try await input.residentID.asyncMap { try? await self.resident(id: $0, caller) } ?? nil
        if input.residentID != nil, resident == nil { errors.append(FieldError(field: "residentID", problem: .unknownResident)) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let path = try await resident.asyncMap { try await household(id: $0.householdID, caller).unitPath } ?? own
        let t = at ?? now(), note = input.note.trimmed
        let topicName = kinds.first { $0.code == input.topic }?.name ?? input.topic
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "consultations").columns("unit_path", "topic", "outcome", "resident_id", "household_id", "note", "created_by", "created_at")
                .values(SQLBind(path), SQLBind(input.topic), SQLBind(input.outcome), SQLBind(resident?.id), SQLBind(resident?.householdID), SQLBind(note),
                        SQLBind(caller.userID), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "consultation.create", "consultation", String(id),
                                 "topic=\(input.topic) outcome=\(input.outcome)\(queued.auditNote)", at: path)
            try await self.fileReceipt(tx, queued, recordID: id, unitPath: path, label: topicName, recordedAt: t, caller)
            return id
        }
        return try await consultations(ConsultationFilter(), caller, id: id).first!
    }

    struct ConsultationRow: Decodable {
        var id: Int64; var topic: String; var topicName: String; var outcome: String; var residentId: Int64?; var residentName: String?; var householdId: Int64?
        var note: String; var recordedBy: String?; var createdAt: Date
        var view: ConsultationView {
            ConsultationView(id: id, topic: topic, topicName: topicName, outcome: ConsultationOutcome(rawValue: outcome) ?? .answered, residentID: residentId,
                             residentName: residentName, householdID: householdId, note: note, recordedBy: recordedBy, createdAt: createdAt)
        }
    }

    public func consultations(_ filter: ConsultationFilter, _ caller: Caller, id: Int64? = nil, limit: Int = 500) async throws -> [ConsultationView] {
        guard caller.role.seesWorkRecords else { return [] }
        var q = sql.select().columns(SQLRaw("c.id, c.topic, k.name AS topic_name, c.outcome, c.resident_id, r.name AS resident_name, c.household_id, c.note, w.display_name AS recorded_by, c.created_at"))
            .from(SQLAlias(SQLIdentifier("consultations"), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier("service_kinds"), as: SQLIdentifier("k")), on: SQLRaw("k.code = c.topic"))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), method: SQLJoinMethod.left, on: SQLRaw("r.id = c.resident_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = c.created_by"))
            .where(caller.jurisdiction.predicate(pathColumn: "c.unit_path", householdColumn: "c.household_id"))
        if let id { q = q.where(SQLColumn("id", table: "c"), .equal, SQLBind(id)) }
        q = try await narrowed(q, "c", unitID: filter.unitID, period: filter.period, time: SQLColumn("created_at", table: "c"), caller)
        return try await q.orderBy(SQLColumn("created_at", table: "c"), SQLDirection.descending).limit(limit)
            .all(decoding: ConsultationRow.self, with: Store.rowDecoder).map(\.view)
    }
}
