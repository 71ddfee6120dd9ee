import Domain
import Foundation
import SQLKit

extension Store {
    public func disputeTypes() async throws -> [DisputeType] {
        try await sql.select().columns("id", "name", "active").from("dispute_types").orderBy("sort_order").all().map {
            DisputeType(code: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "name", as: String.self),
                        active: try $0.decode(column: "active", as: Bool.self))
        }
    }

    /// 纠纷类型设置: the administrator renames, retires (inactive: no longer offered, still shown on
    /// its disputes) or adds a type. Audited.
    public func saveDisputeType(_ type: DisputeType, _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        try await write { tx in
            if let before = try await tx.select().columns("name", "active").from("dispute_types").where("id", .equal, type.code).first() {
                try await tx.update("dispute_types").set("name", to: type.name).set("active", to: type.active).where("id", .equal, type.code).run()
                try await self.audit(tx, caller, "dispute_type.update", "dispute_type", type.code,
                                     "\(try before.decode(column: "name", as: String.self)) active=\(try before.decode(column: "active", as: Bool.self)) -> \(type.name) active=\(type.active)", at: "")
            } else {
                let order = try await tx.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("dispute_types").first()?.decode(column: "n", as: Int.self) ?? 0
                try await tx.insert(into: "dispute_types").columns("id", "name", "active", "sort_order")
                    .values(SQLBind(type.code), SQLBind(type.name), SQLBind(type.active), SQLBind(order)).run()
                try await self.audit(tx, caller, "dispute_type.create", "dispute_type", type.code, type.name, at: "")
            }
        }
    }

    /// 排查登记: a dispute of a grid in the caller's reach, from a visit's 纠纷 finding, a request,
    /// a meeting, a call or a walk-in. Registered parties get the `dispute_party` tag (and so a
    /// 五必访 task); a 高 dispute tells the station leaders at once. One transaction.
    public func createDispute(_ input: DisputeInput, _ caller: Caller) async throws -> DisputeDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        var errors: [FieldError] = []
        var valid: ValidDispute?
        switch DisputeRules.validate(input, types: try await disputeTypes()) {
        case .success(let v): valid = v
        case .failure(let f): errors = f.errors
        }
        let grid = try? await unit(id: input.gridID, caller)
        if grid?.kind != .grid { errors.append(FieldError(field: "gridID", problem: .unknownGrid)) }
        var officerID = grid?.responsibleOfficerID
        if let id = input.officerID {
            if let grid, let a = try await account(id: id, caller), a.role.doesFieldWork, a.worksAt(grid.path) { officerID = id }
            else { errors.append(FieldError(field: "officerID", problem: .outOfJurisdiction)) }
        }
        // The linked record: in the caller's reach, and a finding of the kind 纠纷 not yet a dispute.
        if let f = input.findingID, valid?.source == .visit, let problem = try await findingProblem(f, kind: .dispute, becoming: "disputes", caller) {
            errors.append(FieldError(field: "findingID", problem: problem))
        }
        if let r = input.requestID, valid?.source == .request, (try? await request(id: r, caller)) == nil { errors.append(FieldError(field: "requestID", problem: .invalidChoice)) }
        if let m = input.meetingID, valid?.source == .meeting, (try? await meeting(id: m, caller)) == nil { errors.append(FieldError(field: "meetingID", problem: .invalidChoice)) }
        if let p = input.patrolID, valid?.source == .patrol, (try? await patrol(id: p, caller)) == nil { errors.append(FieldError(field: "patrolID", problem: .unknownPatrol)) }
        for (i, p) in (valid?.parties ?? []).enumerated() {
            if case .resident(let r) = p.who, (try? await resident(id: r, caller)) == nil { errors.append(FieldError(field: "parties.\(i).residentID", problem: .unknownResident)) }
        }
        guard errors.isEmpty, let d = valid, let grid else { throw ValidationFailure(errors) }
        let phones = try d.parties.map { p -> String? in
            if case .outside(_, let phone?) = p.who { return try cipher.seal(phone) }
            return nil
        }
        let t = now(), officer = officerID
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "disputes")
                .columns("type_code", "summary", "source", "finding_id", "request_id", "meeting_id", "patrol_id", "grid_id", "unit_path", "officer_id", "risk", "status",
                         "reopen_count", "created_by", "created_at", "updated_at")
                .values(SQLBind(d.type.code), SQLBind(d.summary), SQLBind(d.source.rawValue),
                        SQLBind(d.source == .visit ? input.findingID : nil), SQLBind(d.source == .request ? input.requestID : nil),
                        SQLBind(d.source == .meeting ? input.meetingID : nil), SQLBind(d.source == .patrol ? input.patrolID : nil), SQLBind(grid.id), SQLBind(grid.path), SQLBind(officer),
                        SQLBind(d.risk.rawValue), SQLBind(DisputeStatus.open.rawValue), SQLBind(0), SQLBind(caller.userID), SQLBind(t), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            for (p, phone) in zip(d.parties, phones) {
                var resident: Int64?, name: String?
                switch p.who {
                case .resident(let r): resident = r
                case .outside(let n, _): name = n
                }
                try await tx.insert(into: "dispute_parties").columns("dispute_id", "resident_id", "name", "phone_cipher", "side")
                    .values(SQLBind(id), SQLBind(resident), SQLBind(name), SQLBind(phone), SQLBind(p.side.rawValue)).run()
                if let resident { try await self.tagDisputeParty(tx, residentID: resident, caller) }
            }
            try await self.disputeEvent(tx, id, .registered, "\(d.type.name) · \(d.risk.rawValue)", caller)
            try await self.audit(tx, caller, "dispute.create", "dispute", String(id),
                                 "\(d.type.code) \(d.source.rawValue) risk=\(d.risk.rawValue) parties=\(d.parties.count)", at: grid.path)
            if DisputeWorkflow.notifiesLeaders(from: nil, to: d.risk) { try await self.notifyHighRisk(tx, id, summary: d.summary, path: grid.path) }
            return id
        }
        return try await dispute(id: id, caller)
    }

    /// 风险研判: raising a dispute to 高 tells the station leaders; every change is in its history.
    public func setDisputeRisk(id: Int64, risk raw: String, _ caller: Caller) async throws -> DisputeDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let before = try await dispute(id: id, caller).dispute
        guard let risk = DisputeRisk(rawValue: raw) else { throw ValidationFailure(field: "risk", .invalidChoice) }
        guard before.status.isOpen else { throw ValidationFailure(field: "risk", .disputeClosed) }
        guard risk != before.risk else { return try await dispute(id: id, caller) }
        try await write { tx in
            let path = try await self.updatingDispute(tx, id, tx.update("disputes").set("risk", to: risk.rawValue).set("updated_at", to: self.now()), else: ("risk", .disputeClosed))
            try await self.disputeEvent(tx, id, .risk, "\(before.risk.rawValue) → \(risk.rawValue)", caller)
            try await self.audit(tx, caller, "dispute.risk", "dispute", String(id), "risk: \(before.risk.rawValue) -> \(risk.rawValue)", at: path)
            if DisputeWorkflow.notifiesLeaders(from: before.risk, to: risk) { try await self.notifyHighRisk(tx, id, summary: before.summary, path: path) }
        }
        return try await dispute(id: id, caller)
    }

    func notifyHighRisk(_ tx: any SQLDatabase, _ id: Int64, summary: String, path: String) async throws {
        try await notify(tx, userIDs: try await leaders(tx, of: .stationLeader, over: path), NoticeFacts(kind: .disputeHighRisk, objectID: id, subject: summary),
                         dedupeKey: "dispute:\(id):high:\(now().timeIntervalSince1970)")
    }

    /// What must still hold when a step is written, against a step taken at the same moment.
    enum DisputeGuard { case stillOpen, followUpPending }

    /// Runs a dispute's update if `guard` still holds and returns where the dispute sits, for the
    /// audit; else refuses with `problem` on its field.
    func updatingDispute(_ tx: any SQLDatabase, _ id: Int64, _ update: SQLUpdateBuilder, while guarded: DisputeGuard = .stillOpen,
                         else problem: (field: String, FieldProblem)) async throws -> String {
        let q = switch guarded {
        case .stillOpen: update.where("id", .equal, id).where("status", .equal, DisputeStatus.open.rawValue)
        case .followUpPending: update.where("id", .equal, id).where(SQLRaw("followed_up_at IS NULL"))
        }
        guard let row = try await q.returning("unit_path").first() else { throw ValidationFailure(field: problem.field, problem.1) }
        return try row.decode(column: "unit_path", as: String.self)
    }

    func disputeEvent(_ tx: any SQLDatabase, _ id: Int64, _ kind: DisputeEventView.Kind, _ note: String, _ caller: Caller) async throws {
        try await tx.insert(into: "dispute_events").columns("dispute_id", "kind", "note", "created_by", "created_at")
            .values(SQLBind(id), SQLBind(kind.rawValue), SQLBind(note), SQLBind(caller.userID), SQLBind(now())).run()
    }

    /// 矛盾纠纷当事人: the tag that puts the party on the 五必访 list (a task for the grid officer).
    func tagDisputeParty(_ tx: any SQLDatabase, residentID: Int64, _ caller: Caller) async throws {
        guard let r = try await tx.select().columns(SQLColumn("name", table: "r"), SQLColumn("tags", table: "r"), SQLColumn("household_id", table: "r"),
                                                    SQLColumn("unit_path", table: "r"), SQLColumn("grid_id", table: "h"))
            .from(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = r.household_id"))
            .where(SQLColumn("id", table: "r"), .equal, SQLBind(residentID)).first() else { return }
        let old = ResidentTag.parseList(try r.decode(column: "tags", as: String.self)).tags
        guard !old.contains(.disputeParty) else { return }
        let new = old + [.disputeParty], path = try r.decode(column: "unit_path", as: String.self)
        try await tx.update("residents").set("tags", to: ResidentTag.storageString(new)).set("updated_at", to: now()).where("id", .equal, residentID).run()
        try await audit(tx, caller, "resident.update", "resident", String(residentID), "tags: +\(ResidentTag.disputeParty.rawValue)", at: path)
        try await createMustVisitTasks(tx, residentID: residentID, name: try r.decode(column: "name", as: String.self),
                                       householdID: try r.decode(column: "household_id", as: Int64.self), gridID: try r.decode(column: "grid_id", as: Int64.self),
                                       unitPath: path, newTags: new, oldTags: old, caller)
    }

    // MARK: Reading

    static let disputeColumns = """
        d.id, d.type_code, t.name AS type_name, d.summary, d.source, d.finding_id, f.visit_id, d.request_id, d.meeting_id, d.patrol_id, d.grid_id, g.name AS grid_name, \
        d.officer_id, o.display_name AS officer_name, d.risk, d.status, d.reopen_count, d.created_at, d.resolved_at, d.follow_up_due_at, d.followed_up_at, \
        (SELECT COUNT(*) FROM dispute_parties p WHERE p.dispute_id = d.id) AS party_count
        """

    struct DisputeRow: Decodable {
        var id: Int64; var typeCode: String; var typeName: String; var summary: String; var source: String; var findingId: Int64?; var visitId: Int64?
        var requestId: Int64?; var meetingId: Int64?; var patrolId: Int64?; var gridId: Int64; var gridName: String; var officerId: Int64?; var officerName: String?
        var risk: String; var status: String; var reopenCount: Int; var createdAt: Date; var resolvedAt: Date?; var followUpDueAt: Date?
        var followedUpAt: Date?; var partyCount: Int
        var view: DisputeView {
            DisputeView(id: id, typeCode: typeCode, typeName: typeName, summary: summary, source: DisputeSource(rawValue: source) ?? .walkIn, findingID: findingId,
                        visitID: visitId, requestID: requestId, meetingID: meetingId, patrolID: patrolId, gridID: gridId, gridName: gridName, officerID: officerId, officerName: officerName,
                        risk: DisputeRisk(rawValue: risk) ?? .low, status: DisputeStatus(rawValue: status) ?? .open, reopenCount: reopenCount, registeredAt: createdAt,
                        resolvedAt: resolvedAt, followUpDueAt: followUpDueAt, followedUpAt: followedUpAt, partyCount: partyCount)
        }
    }

    /// Disputes in the caller's jurisdiction; residents see none.
    func disputeQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw(Self.disputeColumns))
            .from(SQLAlias(SQLIdentifier("disputes"), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier("dispute_types"), as: SQLIdentifier("t")), on: SQLRaw("t.id = d.type_code"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = d.grid_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("o")), method: SQLJoinMethod.left, on: SQLRaw("o.id = d.officer_id"))
            .join(SQLAlias(SQLIdentifier("visit_findings"), as: SQLIdentifier("f")), method: SQLJoinMethod.left, on: SQLRaw("f.id = d.finding_id"))
            .where(workRecords(caller, "d"))
    }

    public func disputes(_ filter: DisputeFilter, _ caller: Caller, limit: Int = 500) async throws -> [DisputeView] {
        var q = disputeQuery(caller)
        q = try await narrowed(q, "d", unitID: filter.unitID, period: filter.period,
                               time: SQLColumn(filter.show == .followedUp ? "followed_up_at" : "created_at", table: "d"), caller)
        let status = { (s: DisputeStatus) in SQLBinaryExpression(SQLColumn("status", table: "d"), .equal, SQLBind(s.rawValue)) }
        switch filter.show {
        case .all, .followedUp: break
        case .open: q = q.where(status(.open))
        case .resolved: q = q.where(status(.resolved))
        case .referred: q = q.where(status(.referred))
        case .terminated: q = q.where(status(.terminated))
        case .highRisk: q = q.where(status(.open)).where(SQLColumn("risk", table: "d"), .equal, SQLBind(DisputeRisk.high.rawValue))
        case .followUpDue: q = q.where(status(.resolved)).where(SQLRaw("d.followed_up_at IS NULL")).where(SQLColumn("follow_up_due_at", table: "d"), .lessThanOrEqual, SQLBind(now()))
        }
        return try await q.orderBy(SQLColumn("created_at", table: "d"), SQLDirection.descending).orderBy(SQLColumn("id", table: "d"), SQLDirection.descending)
            .limit(limit).all(decoding: DisputeRow.self, with: Store.rowDecoder).map(\.view)
    }

    public func dispute(id: Int64, _ caller: Caller) async throws -> DisputeDetail {
        guard let d = try await disputeQuery(caller).where(SQLColumn("id", table: "d"), .equal, SQLBind(id))
            .first(decoding: DisputeRow.self, with: Store.rowDecoder)?.view else { throw NotFound() }
        let parties = try await sql.select().columns(SQLRaw("p.id, p.resident_id, COALESCE(r.name, p.name) AS name, p.phone_cipher, p.side"))
            .from(SQLAlias(SQLIdentifier("dispute_parties"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), method: SQLJoinMethod.left, on: SQLRaw("r.id = p.resident_id"))
            .where(SQLColumn("dispute_id", table: "p"), .equal, SQLBind(id)).orderBy(SQLColumn("id", table: "p")).all().map { r in
                DisputePartyView(id: try r.decode(column: "id", as: Int64.self), residentID: try r.decode(column: "resident_id", as: Int64?.self),
                                 name: try r.decode(column: "name", as: String?.self) ?? "",
                                 phoneMasked: try r.decode(column: "phone_cipher", as: String?.self).map { PhoneNumber.mask(try cipher.open($0)) },
                                 side: PartySide(rawValue: try r.decode(column: "side", as: String.self)) ?? .other)
            }
        let sessions = try await sql.select().columns(SQLRaw("s.*, w.display_name AS recorded_by, sc.id AS scan_id"))
            .from(SQLAlias(SQLIdentifier("dispute_sessions"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = s.created_by"))
            .join(SQLAlias(SQLIdentifier("dispute_scans"), as: SQLIdentifier("sc")), method: SQLJoinMethod.left, on: SQLRaw("sc.session_id = s.id"))
            .where(SQLColumn("dispute_id", table: "s"), .equal, SQLBind(id)).orderBy(SQLColumn("held_at", table: "s")).orderBy(SQLColumn("id", table: "s"))
            .all(decoding: SessionRow.self, with: Store.rowDecoder).map(\.view)
        let events = try await sql.select().columns(SQLRaw("e.kind, e.note, e.created_at, w.display_name AS by_name"))
            .from(SQLAlias(SQLIdentifier("dispute_events"), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = e.created_by"))
            .where(SQLColumn("dispute_id", table: "e"), .equal, SQLBind(id)).orderBy(SQLColumn("id", table: "e")).all().map { r in
                DisputeEventView(kind: DisputeEventView.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .registered,
                                 note: try r.decode(column: "note", as: String.self), at: try r.decode(column: "created_at", as: Date.self),
                                 by: try r.decode(column: "by_name", as: String?.self))
            }
        return DisputeDetail(dispute: d, parties: parties, sessions: sessions, events: events)
    }
}
