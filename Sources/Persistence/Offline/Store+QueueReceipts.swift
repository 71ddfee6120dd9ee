import Domain
import Foundation
import SQLKit

/// One item that came through the field pages' queue, as its list shows it: what it made, when
/// it happened by the officer's word and when the server had it.
public struct QueueReceiptView: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: QueuedKind
    /// The visit, patrol or consultation it made.
    public var recordID: Int64
    /// The address, grids or topic.
    public var label: String
    public var officer: String?
    public var recordedAt: Date
    public var receivedAt: Date
    public var delaySeconds: Int64
    public var late: Bool
}

/// Which receipts a list shows: the two queue figures' drill-down.
public struct QueueReceiptFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case all, late }
    public var show: Show
    public var unitID: Int64?
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

/// What a write from the queue files beside its record, in the same transaction.
struct QueueKey: Sendable {
    var kind: QueuedKind
    var clientID: String
}

extension Optional<QueueKey> {
    /// The end of an audit summary: which queue item the write came from, if any.
    var auditNote: String { map { " queued=\($0.clientID)" } ?? "" }
}

extension Store {
    /// Files the receipt of a write that came from the queue (`key`); nothing for any other write.
    func fileReceipt(_ tx: any SQLDatabase, _ key: QueueKey?, recordID: Int64, unitPath: String, label: String, recordedAt: Date, _ caller: Caller) async throws {
        guard let key else { return }
        let t = now()
        try await tx.insert(into: "queue_receipts")
            .columns("kind", "client_id", "record_id", "unit_path", "label", "officer_id", "recorded_at", "received_at", "delay_seconds")
            .values(SQLBind(key.kind.rawValue), SQLBind(key.clientID), SQLBind(recordID), SQLBind(unitPath), SQLBind(String(label.prefix(200))), SQLBind(caller.userID),
                    SQLBind(recordedAt), SQLBind(t), SQLBind(QueueRules.delay(recordedAt: recordedAt, receivedAt: t)))
            .run()
    }

    /// The record an item made, if it has been stored.
    private func receivedRecord(_ kind: QueuedKind, _ clientID: String) async throws -> Int64? {
        try await sql.select().column("record_id").from("queue_receipts").where("kind", .equal, kind.rawValue).where("client_id", .equal, clientID)
            .first()?.decode(column: "record_id", as: Int64.self)
    }

    /// Stores an item once: an item stored before is answered with its record (`created` false);
    /// the same item sent twice at once meets the first one's key and is answered the same way.
    private func once<T: Sendable>(_ key: QueueKey, stored: (Int64) async throws -> T, create: () async throws -> T) async throws -> (T, created: Bool) {
        if let p = QueueRules.clientIDProblem(key.clientID) { throw ValidationFailure(field: "clientID", p) }
        if let id = try await receivedRecord(key.kind, key.clientID) { return (try await stored(id), false) }
        do {
            return (try await create(), true)
        } catch {
            if let id = try await receivedRecord(key.kind, key.clientID) { return (try await stored(id), false) }
            throw error
        }
    }

    /// 开始巡逻 from the queue, at the time the officer started it.
    public func queuedPatrolStart(_ q: QueuedPatrolStart, _ caller: Caller) async throws -> (PatrolView, created: Bool) {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let key = QueueKey(kind: .patrolStart, clientID: q.clientID.trimmed)
        return try await once(key, stored: { try await patrol(id: $0, caller) }) {
            if let p = QueueRules.timeProblem(q.startedAt, now: now()) { throw ValidationFailure(field: "startedAt", p) }
            return try await startPatrol(q.patrol, caller, at: q.startedAt, queued: key)
        }
    }

    /// 结束巡逻 from the queue: the patrol is the one its start item made.
    public func queuedPatrolEnd(_ q: QueuedPatrolEnd, _ caller: Caller) async throws -> (PatrolView, created: Bool) {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let key = QueueKey(kind: .patrolEnd, clientID: q.clientID.trimmed)
        return try await once(key, stored: { try await patrol(id: $0, caller) }) {
            // A start never sent, or another station's: the same refusal, naming no one's patrol.
            let unknown = ValidationFailure(field: "startClientID", .unknownPatrol)
            guard let id = try await receivedRecord(.patrolStart, q.startClientID.trimmed) else { throw unknown }
            do { return try await endPatrol(id: id, endedAt: q.endedAt, note: q.note, caller, queued: key) } catch is NotFound { throw unknown }
        }
    }

    /// 接待登记 from the queue, at the time the officer gives.
    public func queuedConsultation(_ q: QueuedConsultation, _ caller: Caller) async throws -> (ConsultationView, created: Bool) {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let key = QueueKey(kind: .consultation, clientID: q.clientID.trimmed)
        let stored = { (id: Int64) async throws -> ConsultationView in
            guard let c = try await self.consultations(ConsultationFilter(), caller, id: id).first else { throw NotFound() }
            return c
        }
        return try await once(key, stored: stored) {
            if let p = QueueRules.timeProblem(q.at, now: now()) { throw ValidationFailure(field: "at", p) }
            return try await recordConsultation(q.consultation, caller, at: q.at, queued: key)
        }
    }

    struct QueueReceiptRow: Decodable {
        var id: Int64; var kind: String; var recordId: Int64; var label: String; var officer: String?; var recordedAt: Date; var receivedAt: Date; var delaySeconds: Int64
        var view: QueueReceiptView {
            QueueReceiptView(id: id, kind: QueuedKind(rawValue: kind) ?? .visit, recordID: recordId, label: label, officer: officer, recordedAt: recordedAt,
                             receivedAt: receivedAt, delaySeconds: delaySeconds, late: QueueRules.isLate(delaySeconds: delaySeconds))
        }
    }

    /// What came through the queue in the caller's reach, newest first.
    public func queueReceipts(_ filter: QueueReceiptFilter, _ caller: Caller, limit: Int = 500) async throws -> [QueueReceiptView] {
        var q = sql.select().columns(SQLRaw("r.id, r.kind, r.record_id, r.label, w.display_name AS officer, r.recorded_at, r.received_at, r.delay_seconds"))
            .from(SQLAlias(SQLIdentifier("queue_receipts"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = r.officer_id"))
            .where(workRecords(caller, "r"))
        q = try await narrowed(q, "r", unitID: filter.unitID, period: filter.period, time: SQLColumn("recorded_at", table: "r"), caller)
        if filter.show == .late { q = q.where(SQLColumn("delay_seconds", table: "r"), .greaterThan, SQLBind(Int64(QueueRules.lateAfter))) }
        return try await q.orderBy(SQLColumn("recorded_at", table: "r"), SQLDirection.descending).orderBy(SQLColumn("id", table: "r"), SQLDirection.descending)
            .limit(limit).all(decoding: QueueReceiptRow.self, with: Store.rowDecoder).map(\.view)
    }
}
