import Domain
import Foundation
import SQLKit

/// A patrol as its list and page show it.
public struct PatrolView: Sendable, Equatable, Codable {
    public var id: Int64
    public var mode: PatrolMode
    public var gridIDs: [Int64]
    public var gridNames: [String]
    public var startedBy: String?
    public var companions: [String]
    /// 人次: the starter and every officer or auxiliary along.
    public var officers: Int
    public var residents: Int
    public var residentNames: String
    public var note: String
    public var startedAt: Date
    public var endedAt: Date?
    public var help: [HelpView]
    /// What was found on the way (on the patrol's own page; empty in lists).
    public var findings: [PatrolFinding]
}

/// A hazard, dispute, clue or need found on a patrol.
public struct PatrolFinding: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: FindingKind
    public var description: String
    public var recordedBy: String?
    public var at: Date
}

/// One act of help: people rescued or found, property or money recovered, thanks received.
public struct HelpView: Sendable, Equatable, Codable {
    public var id: Int64
    /// Where it came from: one of a patrol, a visit or a request.
    public var patrolID: Int64?
    public var visitID: Int64?
    public var requestID: Int64?
    public var kind: HelpKind
    public var detail: String
    public var count: Int
    public var item: String
    /// Exact, in fen; `amount` is the same in yuan as the pages show it ("3,050.00").
    public var amountFen: Int64
    public var amount: String
    public var recordedBy: String?
    public var at: Date
}

/// Where help was given: on a patrol, on a visit, or answering a request.
public enum HelpSource: Sendable, Equatable {
    case patrol(Int64), visit(Int64), request(Int64)

    var column: String {
        switch self {
        case .patrol: "patrol_id"
        case .visit: "visit_id"
        case .request: "request_id"
        }
    }
    var id: Int64 {
        switch self {
        case .patrol(let id), .visit(let id), .request(let id): id
        }
    }
}

/// Which patrols or help records a list shows: each figure's drill-down is one of these.
public struct PatrolFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case all, joint, open }
    public var show: Show
    public var unitID: Int64?
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

public struct HelpFilter: Sendable, Equatable {
    /// `all`, or one kind of help (the raw values are the kinds').
    public enum Show: String, Sendable, CaseIterable { case all, rescue, personFound = "person_found", property, money, thanks }
    public var show: Show
    public var unitID: Int64?
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

extension Store {
    /// Officers and auxiliaries of the caller's station, who may go along on a patrol.
    public func colleagues(_ caller: Caller) async throws -> [Account] {
        guard caller.role.mayRecordWork, case .subtree(let path) = caller.jurisdiction else { return [] }
        return try await staff(under: Self.stationPath(of: path))
    }

    /// `/B/S/C/G/` → `/B/S/`: the station a unit belongs to (the bureau itself for the bureau, the root for the root).
    static func stationPath(of path: String) -> String { ancestorPath(of: path, depth: 2) }

    /// The path of the unit `depth` levels down that `path` lies in: 1 bureau, 2 station, 3 community.
    static func ancestorPath(of path: String, depth: Int) -> String {
        let parts = path.split(separator: "/").prefix(depth)
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }

    /// 开始巡逻: the grids must be in the caller's reach, the companions of the caller's station.
    /// Now, or `at` the time a patrol started offline says (`queued`: its item in the phone's queue).
    public func startPatrol(_ input: PatrolStart, _ caller: Caller) async throws -> PatrolView {
        try await startPatrol(input, caller, at: nil, queued: nil)
    }

    func startPatrol(_ input: PatrolStart, _ caller: Caller, at: Date?, queued: QueueKey?) async throws -> PatrolView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        var errors: [FieldError] = []
        var valid: ValidPatrolStart?
        switch PatrolRules.validateStart(input, starter: caller.userID) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        let reach = Dictionary(uniqueKeysWithValues: try await units(caller).filter { $0.kind == .grid }.map { ($0.id, $0) })
        var grids: [Domain.Unit] = []
        for (i, id) in (valid?.gridIDs ?? []).enumerated() {
            if let g = reach[id] { grids.append(g) } else { errors.append(FieldError(field: "gridIDs.\(i)", problem: .unknownGrid)) }
        }
        let colleagues = Set(try await self.colleagues(caller).map(\.id))
        for (i, id) in (valid?.companionIDs ?? []).enumerated() where !colleagues.contains(id) {
            errors.append(FieldError(field: "companionIDs.\(i)", problem: .unknownOfficer))
        }
        guard errors.isEmpty, let p = valid else { throw ValidationFailure(errors) }
        let t = at ?? now(), path = Jurisdiction.commonPath(grids.map(\.path)), label = grids.map(\.name).joined(separator: "、")
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "patrols")
                .columns("mode", "grid_ids", "unit_path", "started_by", "companion_ids", "officers", "residents", "resident_names", "note", "started_at")
                .values(SQLBind(p.mode.rawValue), SQLBind(p.gridIDs.map(String.init).joined(separator: ";")), SQLBind(path), SQLBind(caller.userID),
                        SQLBind(p.companionIDs.map(String.init).joined(separator: ";")), SQLBind(p.officers), SQLBind(p.residents),
                        SQLBind(p.residentNames), SQLBind(""), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "patrol.start", "patrol", String(id),
                                 "\(p.mode.rawValue) grids=\(p.gridIDs.count) officers=\(p.officers) residents=\(p.residents)\(queued.auditNote)", at: path)
            try await self.fileReceipt(tx, queued, recordID: id, unitPath: path, label: label, recordedAt: t, caller)
            return id
        }
        return try await patrol(id: id, caller)
    }

    /// 结束巡逻, once, with what is worth noting.
    public func endPatrol(id: Int64, endedAt: Date?, note raw: String, _ caller: Caller) async throws -> PatrolView {
        try await endPatrol(id: id, endedAt: endedAt, note: raw, caller, queued: nil)
    }

    func endPatrol(id: Int64, endedAt: Date?, note raw: String, _ caller: Caller, queued: QueueKey?) async throws -> PatrolView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let p = try await patrol(id: id, caller)
        let at = endedAt ?? now(), note = raw.trimmed
        var errors: [FieldError] = []
        if let e = PatrolRules.validateEnd(startedAt: p.startedAt, endedAt: at, alreadyEnded: p.endedAt != nil, now: now()) { errors.append(e) }
        if note.count > PatrolRules.maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let endAt = max(at, p.startedAt)   // a form's minute may fall just before the start's second
        try await write { tx in
            let ended = try await tx.update("patrols").set("ended_at", to: endAt).set("note", to: note)
                .where("id", .equal, id).where("ended_at", .is, SQLLiteral.null).returning("unit_path").all()
            guard let path = try ended.first?.decode(column: "unit_path", as: String.self) else { throw ValidationFailure(field: "endedAt", .notAllowedNow) }
            try await self.audit(tx, caller, "patrol.end", "patrol", String(id),
                                 "minutes=\(Int(endAt.timeIntervalSince(p.startedAt) / 60))\(queued.auditNote)", at: path)
            try await self.fileReceipt(tx, queued, recordID: id, unitPath: path, label: p.gridNames.joined(separator: "、"), recordedAt: endAt, caller)
        }
        return try await patrol(id: id, caller)
    }

    /// 救助 / 帮助 recorded on a patrol (while it runs or after).
    /// 救助 / 帮助 on a patrol, a visit or a request in the caller's reach; it counts where its source is.
    @discardableResult
    public func addHelp(_ source: HelpSource, _ input: HelpInput, _ caller: Caller) async throws -> HelpView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let table: String
        switch source {
        case .patrol(let id): _ = try await patrol(id: id, caller); table = "patrols"
        case .visit(let id): _ = try await visit(id: id, caller); table = "visits"
        case .request(let id): _ = try await request(id: id, caller); table = "requests"
        }
        let h = try HelpRules.validate(input).get()
        let id: Int64 = try await write { tx in
            let path = try await tx.select().column("unit_path").from(table).where("id", .equal, source.id).first()!.decode(column: "unit_path", as: String.self)
            let id = try await tx.insert(into: "help_records").columns(source.column, "kind", "detail", "count", "item", "amount_fen", "unit_path", "created_by", "created_at")
                .values(SQLBind(source.id), SQLBind(h.kind.rawValue), SQLBind(h.detail), SQLBind(h.count), SQLBind(h.item), SQLBind(h.amountFen),
                        SQLBind(path), SQLBind(caller.userID), SQLBind(self.now()))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "help.create", "help", String(id),
                                 "\(h.kind.rawValue) \(source.column)=\(source.id) count=\(h.count) item=\(h.item) fen=\(h.amountFen)", at: path)
            return id
        }
        return try await helpQuery(caller).where(SQLColumn("id", table: "h"), .equal, SQLBind(id)).first(decoding: HelpRow.self, with: Store.rowDecoder)!.view
    }

    /// The help given on one patrol, visit or request, in the order it was recorded.
    public func help(of source: HelpSource, _ caller: Caller) async throws -> [HelpView] {
        try await helpQuery(caller).where(SQLColumn(source.column, table: "h"), .equal, SQLBind(source.id)).orderBy(SQLColumn("id", table: "h"))
            .all(decoding: HelpRow.self, with: Store.rowDecoder).map(\.view)
    }

    struct PatrolRow: Decodable {
        var id: Int64; var mode: String; var gridIds: String; var startedByName: String?; var companionIds: String; var officers: Int
        var residents: Int; var residentNames: String; var note: String; var startedAt: Date; var endedAt: Date?
    }

    struct HelpRow: Decodable {
        var id: Int64; var patrolId: Int64?; var visitId: Int64?; var requestId: Int64?; var kind: String; var detail: String; var count: Int; var item: String; var amountFen: Int64
        var recordedBy: String?; var createdAt: Date
        var view: HelpView {
            HelpView(id: id, patrolID: patrolId, visitID: visitId, requestID: requestId, kind: HelpKind(rawValue: kind) ?? .rescue, detail: detail, count: count, item: item, amountFen: amountFen,
                     amount: Yuan.text(amountFen), recordedBy: recordedBy, at: createdAt)
        }
    }

    private func patrolQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("p.id, p.mode, p.grid_ids, w.display_name AS started_by_name, p.companion_ids, p.officers, p.residents, p.resident_names, p.note, p.started_at, p.ended_at"))
            .from(SQLAlias(SQLIdentifier("patrols"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = p.started_by"))
            .where(workRecords(caller, "p"))
    }

    /// Grid and people names for the rows, in two lookups for the whole list.
    private func views(_ rows: [PatrolRow], help: [Int64: [HelpView]]) async throws -> [PatrolView] {
        let ids = { (s: String) in s.split(separator: ";").compactMap { Int64($0) } }
        let gridIDs = Array(Set(rows.flatMap { ids($0.gridIds) })), userIDs = Array(Set(rows.flatMap { ids($0.companionIds) }))
        var gridName: [Int64: String] = [:], userName: [Int64: String] = [:]
        for chunk in gridIDs.chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("id", "name").from("units").where("id", .in, chunk).all() {
                gridName[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "name", as: String.self)
            }
        }
        for chunk in userIDs.chunked(BulkInsert.maxBinds) {
            for r in try await sql.select().columns("id", "display_name").from("users").where("id", .in, chunk).all() {
                userName[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "display_name", as: String.self)
            }
        }
        return rows.map { r in
            PatrolView(id: r.id, mode: PatrolMode(rawValue: r.mode) ?? .foot, gridIDs: ids(r.gridIds), gridNames: ids(r.gridIds).compactMap { gridName[$0] },
                       startedBy: r.startedByName, companions: ids(r.companionIds).compactMap { userName[$0] }, officers: r.officers, residents: r.residents,
                       residentNames: r.residentNames, note: r.note, startedAt: r.startedAt, endedAt: r.endedAt, help: help[r.id] ?? [], findings: [])
        }
    }

    public func patrols(_ filter: PatrolFilter, _ caller: Caller, limit: Int = 500) async throws -> [PatrolView] {
        var q = try await narrowed(patrolQuery(caller), "p", unitID: filter.unitID, period: filter.period, time: SQLColumn("started_at", table: "p"), caller)
        switch filter.show {
        case .all: break
        case .joint: q = q.where(SQLColumn("residents", table: "p"), .greaterThan, SQLBind(0))
        case .open: q = q.where(SQLColumn("ended_at", table: "p"), .is, SQLLiteral.null)
        }
        let rows = try await q.orderBy(SQLColumn("started_at", table: "p"), SQLDirection.descending).orderBy(SQLColumn("id", table: "p"), SQLDirection.descending)
            .limit(limit).all(decoding: PatrolRow.self, with: Store.rowDecoder)
        return try await views(rows, help: [:])
    }

    public func patrol(id: Int64, _ caller: Caller) async throws -> PatrolView {
        guard let row = try await patrolQuery(caller).where(SQLColumn("id", table: "p"), .equal, SQLBind(id))
            .first(decoding: PatrolRow.self, with: Store.rowDecoder) else { throw NotFound() }
        let help = try await help(of: .patrol(id), caller)
        var view = try await views([row], help: [id: help])[0]
        view.findings = try await sql.select().columns(SQLRaw("f.id, f.kind, f.description, w.display_name AS recorded_by, f.created_at"))
            .from(SQLAlias(SQLIdentifier("patrol_findings"), as: SQLIdentifier("f")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = f.created_by"))
            .where(SQLColumn("patrol_id", table: "f"), .equal, SQLBind(id)).orderBy(SQLColumn("id", table: "f")).all().map { r in
                PatrolFinding(id: try r.decode(column: "id", as: Int64.self), kind: FindingKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .hazard,
                              description: try r.decode(column: "description", as: String.self), recordedBy: try r.decode(column: "recorded_by", as: String?.self),
                              at: try r.decode(column: "created_at", as: Date.self))
            }
        return view
    }

    /// 巡逻发现: a hazard, dispute, clue or need noted on the way, on a patrol in the caller's reach.
    public func addPatrolFinding(patrolID: Int64, _ input: FindingInput, _ caller: Caller) async throws -> PatrolView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let p = try await patrol(id: patrolID, caller)
        let f = try PatrolRules.validateFinding(input).get()
        try await write { tx in
            let path = try await tx.select().column("unit_path").from("patrols").where("id", .equal, p.id).first()!.decode(column: "unit_path", as: String.self)
            let id = try await tx.insert(into: "patrol_findings").columns("patrol_id", "kind", "description", "unit_path", "created_by", "created_at")
                .values(SQLBind(p.id), SQLBind(f.kind.rawValue), SQLBind(f.description), SQLBind(path), SQLBind(caller.userID), SQLBind(self.now()))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "patrol.finding", "patrol_finding", String(id), "\(f.kind.rawValue) patrol=\(p.id)", at: path)
        }
        return try await patrol(id: patrolID, caller)
    }

    private func helpQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("h.id, h.patrol_id, h.visit_id, h.request_id, h.kind, h.detail, h.count, h.item, h.amount_fen, w.display_name AS recorded_by, h.created_at"))
            .from(SQLAlias(SQLIdentifier("help_records"), as: SQLIdentifier("h")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = h.created_by"))
            .where(workRecords(caller, "h"))
    }

    /// The help records behind the help figures.
    public func helpRecords(_ filter: HelpFilter, _ caller: Caller, limit: Int = 500) async throws -> [HelpView] {
        var q = try await narrowed(helpQuery(caller), "h", unitID: filter.unitID, period: filter.period, time: SQLColumn("created_at", table: "h"), caller)
        if let k = HelpKind(rawValue: filter.show.rawValue) { q = q.where(SQLColumn("kind", table: "h"), .equal, SQLBind(k.rawValue)) }
        return try await q.orderBy(SQLColumn("created_at", table: "h"), SQLDirection.descending).orderBy(SQLColumn("id", table: "h"), SQLDirection.descending)
            .limit(limit).all(decoding: HelpRow.self, with: Store.rowDecoder).map(\.view)
    }
}
