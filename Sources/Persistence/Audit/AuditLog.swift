import Domain
import Foundation
import SQLKit

extension Store {
    /// One line for the audit log: who did what to which object.
    /// `unitPath`: where the object lives; "" for installation-wide things (settings, rules);
    /// when nil, the caller's own unit (the command line and the scheduler: installation-wide).
    struct AuditLine: Sendable {
        var caller: Caller, action: String, objectType: String, objectID: String, summary: String, unitPath: String? = nil

        var scope: String? {
            if let unitPath { return unitPath.isEmpty || unitPath == "/" ? nil : unitPath }
            if case .subtree(let path) = caller.jurisdiction, path != "/" { return path }
            return nil
        }
    }

    /// Appends one chained line inside the caller's transaction.
    func audit(_ tx: any SQLDatabase, _ caller: Caller, _ action: String, _ objectType: String, _ objectID: String, _ summary: String,
               at unitPath: String? = nil) async throws {
        try await audit(tx, [AuditLine(caller: caller, action: action, objectType: objectType, objectID: objectID, summary: summary, unitPath: unitPath)])
    }

    private static let auditInsert = BulkInsert(table: "audit_log", columns: [
        "id", "at", "actor", "action", "object_type", "object_id", "summary", "client_address", "prev_hash", "hash", "unit_path"])

    /// Appends lines in order, reading and moving the chain's head once for all of them.
    func audit(_ tx: any SQLDatabase, _ lines: [AuditLine]) async throws {
        guard !lines.isEmpty else { return }
        if isPostgres {
            // One chain across instances: concurrent writers queue here until commit.
            try await tx.raw("SELECT pg_advisory_xact_lock(7240001)").run()
        }
        let head = try await tx.select().columns("last_seq", "last_hash").from("audit_head").where("id", .equal, 1).first()
        var seq = try head?.decode(column: "last_seq", as: Int64.self) ?? 0
        var hash = try head?.decode(column: "last_hash", as: String.self) ?? AuditEntry.genesisHash
        // Stored time is rounded to milliseconds so the hash survives both databases' precision.
        let at = Date(timeIntervalSince1970: (now().timeIntervalSince1970 * 1000).rounded() / 1000)
        var rows: [[any Encodable & Sendable]] = []
        rows.reserveCapacity(lines.count)
        for line in lines {
            seq += 1
            var entry = AuditEntry(seq: seq, at: at, actor: line.caller.username, action: line.action, objectType: line.objectType,
                                   objectID: line.objectID, summary: line.summary, clientAddress: line.caller.clientAddress, prevHash: hash, hash: "")
            entry.hash = cipher.auditHash(entry.canonical)
            hash = entry.hash
            rows.append([entry.seq, entry.at, entry.actor, entry.action, entry.objectType, entry.objectID, entry.summary,
                         entry.clientAddress, entry.prevHash, entry.hash, line.scope])
        }
        try await Self.auditInsert.run(tx, rows)
        if head == nil {
            try await tx.insert(into: "audit_head").columns("id", "last_seq", "last_hash").values(SQLBind(1), SQLBind(seq), SQLBind(hash)).run()
        } else {
            try await tx.update("audit_head").set("last_seq", to: seq).set("last_hash", to: hash).where("id", .equal, 1).run()
        }
    }

    /// Records an event that changes nothing else (a login, a reveal).
    public func auditEvent(_ caller: Caller, _ action: String, _ objectType: String, _ objectID: String, _ summary: String, at unitPath: String? = nil) async throws {
        try await write { tx in try await audit(tx, caller, action, objectType, objectID, summary, at: unitPath) }
    }

    public struct AuditQuery: Sendable {
        public var actor: String?
        public var action: String?
        public var objectType: String?
        public var limit = 100
        public var beforeSeq: Int64?
        public init(actor: String? = nil, action: String? = nil, objectType: String? = nil, limit: Int = 100, beforeSeq: Int64? = nil) {
            self.actor = actor; self.action = action; self.objectType = objectType; self.limit = limit; self.beforeSeq = beforeSeq
        }
    }

    /// Lines within the caller's jurisdiction; administrators also read installation-wide lines.
    public func auditEntries(_ q: AuditQuery, _ caller: Caller) async throws -> [AuditEntry] {
        guard caller.role.mayReadAudit, case .subtree = caller.jurisdiction else { return [] }
        let within = caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "unit_path")
        var s = sql.select().column("*").from("audit_log")
            .where(caller.role.mayConfigure ? SQLGroupExpression(SQLBinaryExpression(within, .or, SQLRaw("unit_path IS NULL"))) : within)
        if let a = q.actor, !a.isEmpty { s = s.where("actor", .equal, a) }
        if let a = q.action, !a.isEmpty { s = s.where("action", .like, a + "%") }
        if let t = q.objectType, !t.isEmpty { s = s.where("object_type", .equal, t) }
        if let b = q.beforeSeq { s = s.where("id", .lessThan, b) }
        return try await s.orderBy("id", .descending).limit(min(max(q.limit, 1), 500))
            .all(decoding: AuditRow.self, with: Store.rowDecoder).map(\.entry)
    }

    /// `jingmin audit verify`: walks the whole chain in pages and checks the head.
    public func verifyAudit() async throws -> (checked: Int64, problem: String?) {
        try await verifyAudit(on: sql)
    }

    /// The same check on any database holding Jingmin's tables (a backup file, a restored copy).
    func verifyAudit(on sql: any SQLDatabase) async throws -> (checked: Int64, problem: String?) {
        var prev = AuditEntry.genesisHash, lastSeq: Int64 = 0
        while true {
            let page = try await sql.select().column("*").from("audit_log").where("id", .greaterThan, lastSeq)
                .orderBy("id").limit(5000).all(decoding: AuditRow.self, with: Store.rowDecoder).map(\.entry)
            if page.isEmpty { break }
            if let b = AuditChain.verify(page, after: lastSeq, prevHash: prev, hash: cipher.auditHash) {
                return (lastSeq, describe(b))
            }
            lastSeq = page[page.count - 1].seq; prev = page[page.count - 1].hash
        }
        let head = try await sql.select().columns("last_seq", "last_hash").from("audit_head").where("id", .equal, 1).first()
        let headSeq = try head?.decode(column: "last_seq", as: Int64.self) ?? 0
        let headHash = try head?.decode(column: "last_hash", as: String.self) ?? AuditEntry.genesisHash
        if headSeq != lastSeq || headHash != prev {
            return (lastSeq, "audit_head says last entry is #\(headSeq) but the log ends at #\(lastSeq): entries were removed")
        }
        return (lastSeq, nil)
    }

    private func describe(_ b: AuditChain.Break) -> String {
        switch b {
        case .hashMismatch(let s): "entry #\(s) was changed after it was written"
        case .linkBroken(let s): "entry #\(s) does not link to the entry before it"
        case .gap(let a, let n): "entries between #\(a) and #\(n) are missing"
        }
    }
}

