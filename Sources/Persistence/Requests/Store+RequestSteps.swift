import Domain
import Foundation
import SQLKit

extension Store {
    /// Files a request from any channel. Residents file for themselves (their account is the
    /// requester); staff file what they heard (hotline, visit, meeting) inside their
    /// jurisdiction; Open311 files for its station. Photos are checked before anything is written.
    public func createRequest(_ input: RequestInput, origin: RequestOrigin, photos: [[UInt8]] = [], _ caller: Caller) async throws -> RequestView {
        let categories = try await requestCategories()
        var errors: [FieldError] = []
        let valid: ValidRequest?
        switch RequestRules.validate(input, categories: categories, requireLocation: caller.role.seesWorkRecords) {
        case .success(let v): valid = v
        case .failure(let f): valid = nil; errors += f.errors
        }
        var types: [PhotoRules.ImageType] = []
        switch PhotoRules.check(photos) {
        case .success(let t): types = t
        case .failure(let f): errors += f.errors
        }
        // Where the request sits: a resident's own unit; staff name a grid of theirs or keep it at their unit.
        var unitPath = "", gridID: Int64?, requesterUser: Int64?, contactName = valid?.contactName ?? ""
        if caller.role.usesPortal {
            guard let me = caller.userID, let account = try await accountQuery().where(SQLColumn("id", table: "u"), .equal, SQLBind(me))
                .first(decoding: AccountRow.self, with: Store.rowDecoder)?.account else { throw Forbidden() }
            unitPath = account.unitPath; requesterUser = me
            if contactName.isEmpty { contactName = account.displayName }
            if let h = account.householdID, let household = try? await household(id: h, caller) { gridID = household.gridID; unitPath = household.unitPath }
        } else {
            guard case .subtree(let path) = caller.jurisdiction else { throw Forbidden() }
            unitPath = path
            if let g = input.gridID {
                if let grid = try? await unit(id: g, caller), grid.kind == .grid { gridID = g; unitPath = grid.path }
                else { errors.append(FieldError(field: "gridID", problem: .unknownGrid)) }
            }
            if let r = input.requesterResidentID {
                if let resident = try? await resident(id: r, caller) {
                    if contactName.isEmpty { contactName = resident.name }
                } else { errors.append(FieldError(field: "requesterResidentID", problem: .unknownResident)) }
            }
        }
        guard errors.isEmpty, let valid else { throw ValidationFailure(errors) }
        let phoneCipher = valid.contactPhone.isEmpty ? nil : try cipher.seal(valid.contactPhone)
        let place = (unitPath, gridID, requesterUser, contactName), attached = Array(zip(types, photos))
        let id: Int64 = try await write { tx in
            try await self.insertRequest(tx, valid, origin: origin, unitPath: place.0, gridID: place.1, requesterUser: place.2,
                                         contactName: place.3, phoneCipher: phoneCipher, photos: attached, caller)
        }
        return try await request(id: id, caller).request
    }

    /// Inserts one request with its first timeline line, its photos and its audit line, and tells
    /// the station leaders there is something to hand out (交办).
    func insertRequest(_ tx: any SQLDatabase, _ r: ValidRequest, origin: RequestOrigin, unitPath: String, gridID: Int64?, requesterUser: Int64?,
                       contactName: String, phoneCipher: String?, photos: [(PhotoRules.ImageType, [UInt8])] = [], _ caller: Caller) async throws -> Int64 {
        let t = now(), deadline = r.category.deadline(from: t)
        let id = try await tx.insert(into: "requests")
            .columns("kind", "category_code", "channel", "status", "description", "address", "grid_id", "latitude", "longitude", "unit_path",
                     "deadline_at", "escalated", "reopen_count", "outcome", "requester_resident_id", "requester_user_id", "contact_name",
                     "contact_phone_cipher", "visit_id", "finding_id", "meeting_id", "open311_key_id", "created_by", "created_at", "updated_at")
            .values(SQLBind(r.kind.rawValue), SQLBind(r.category.code), SQLBind(origin.channel.rawValue), SQLBind(RequestStatus.new.rawValue),
                    SQLBind(r.description), SQLBind(r.address), SQLBind(gridID), SQLBind(r.latitude), SQLBind(r.longitude), SQLBind(unitPath),
                    SQLBind(deadline), SQLBind(VisitTask.Escalation.none.rawValue), SQLBind(0), SQLBind(""), SQLBind(r.requesterResidentID),
                    SQLBind(requesterUser), SQLBind(contactName), SQLBind(phoneCipher), SQLBind(origin.visitID), SQLBind(origin.findingID),
                    SQLBind(origin.meetingID), SQLBind(origin.open311KeyID), SQLBind(caller.userID), SQLBind(t), SQLBind(t))
            .returning("id").first()!.decode(column: "id", as: Int64.self)
        try await event(tx, requestID: id, caller, step: "create", from: nil, to: .new, note: origin.channel.rawValue, deadline: deadline)
        for (type, bytes) in photos {
            try await tx.insert(into: "request_photos").columns("request_id", "content_type", "bytes", "size", "created_at")
                .values(SQLBind(id), SQLBind(type.rawValue), SQLBind(Data(bytes)), SQLBind(bytes.count), SQLBind(t)).run()
        }
        try await audit(tx, caller, "request.create", "request", String(id), "\(origin.channel.rawValue) \(r.category.code) photos=\(photos.count)", at: unitPath)
        try await notify(tx, userIDs: try await leaders(tx, of: .stationLeader, over: unitPath),
                         NoticeFacts(kind: .requestNew, objectID: id, subject: r.description, requestKind: r.kind), dedupeKey: "request:\(id):new")
        return id
    }

    public static func excerpt(_ s: String) -> String { s.count > 30 ? String(s.prefix(30)) + "…" : s }

    func event(_ tx: any SQLDatabase, requestID: Int64, _ caller: Caller, step: String, from: RequestStatus?, to: RequestStatus, note: String,
               satisfaction: Satisfaction? = nil, deadline: Date? = nil, assigneeName: String? = nil, unitName: String? = nil) async throws {
        try await tx.insert(into: "request_events")
            .columns("request_id", "at", "actor_id", "actor_name", "step", "from_status", "to_status", "note", "satisfaction", "deadline_at", "assignee_name", "unit_name")
            .values(SQLBind(requestID), SQLBind(now()), SQLBind(caller.userID), SQLBind(caller.displayName), SQLBind(step), SQLBind(from?.rawValue),
                    SQLBind(to.rawValue), SQLBind(note), SQLBind(satisfaction?.rawValue), SQLBind(deadline), SQLBind(assigneeName), SQLBind(unitName))
            .run()
    }

    // MARK: the workflow steps

    /// 交办 (or 改派 once assigned): a responsible unit inside the caller's jurisdiction and one
    /// named officer working there. A new category resets the deadline from the day the request came in.
    public func assignRequest(id: Int64, unitID: Int64, assigneeID: Int64, categoryCode: String? = nil, note: String? = nil, _ caller: Caller) async throws -> RequestView {
        let current = try await requestState(id, caller)
        let step: RequestStep = current.status == .new ? .assign : .reassign
        var errors: [FieldError] = []
        let unit = try? await unit(id: unitID, caller)
        if unit == nil { errors.append(FieldError(field: "unitID", problem: .unknownUnit)) }
        let officer = try await account(id: assigneeID, caller)
        if let unit, !(officer.map { $0.role.doesFieldWork && $0.worksAt(unit.path) } ?? false) { errors.append(FieldError(field: "assigneeID", problem: .outOfJurisdiction)) }
        var newCategory: RequestCategory?
        if let code = categoryCode, !code.isEmpty, code != current.categoryCode {
            newCategory = try await requestCategories().first { $0.code == code }
            if newCategory == nil { errors.append(FieldError(field: "categoryCode", problem: .invalidChoice)) }
        }
        let text = try RequestRules.note(note, field: "note", required: false).get()
        guard errors.isEmpty, let unit, let officer else { throw ValidationFailure(errors) }
        let category = newCategory, deadline = category?.deadline(from: current.createdAt)
        return try await take(step, on: current, caller, note: text, assigneeName: officer.displayName, unitName: unit.name, deadline: deadline) { u in
            var u = u.set("responsible_unit_id", to: unit.id).set("assignee_id", to: officer.id).set("unit_path", to: unit.path)
            if let category, let deadline { u = u.set("category_code", to: category.code).set("deadline_at", to: deadline).set("escalated", to: VisitTask.Escalation.none.rawValue) }
            return u
        } after: { tx in
            try await self.notify(tx, userIDs: [officer.id], NoticeFacts(kind: .requestAssigned, objectID: id, subject: current.description, requestKind: current.kind),
                                  dedupeKey: "request:\(id):assigned:\(officer.id):\(self.now().timeIntervalSince1970)")
        }
    }

    public func startRequest(id: Int64, _ caller: Caller) async throws -> RequestView {
        try await take(.start, on: try await requestState(id, caller), caller, note: "")
    }

    /// 办结: the written outcome is required; the resident who asked is told and asked to rate it.
    public func resolveRequest(id: Int64, outcome: String, _ caller: Caller) async throws -> RequestView {
        let current = try await requestState(id, caller)
        let text = try RequestRules.note(outcome, field: "outcome", required: true).get()
        return try await take(.resolve, on: current, caller, note: text) { $0.set("outcome", to: text).set("resolved_at", to: self.now()) }
    }

    /// 回访: 满意 / 基本满意 closes the request; 不满意 sends it back to work and to the station leader.
    public func recordReturnVisit(id: Int64, satisfaction: String, method: String, comment: String?, _ caller: Caller) async throws -> RequestView {
        let current = try await requestState(id, caller)
        var errors: [FieldError] = []
        let s = Satisfaction(rawValue: satisfaction)
        if s == nil { errors.append(FieldError(field: "satisfaction", problem: satisfaction.isEmpty ? .required : .invalidChoice)) }
        let methods = caller.role.returnVisitMethods
        if !methods.contains(method) { errors.append(FieldError(field: "method", problem: .invalidChoice)) }
        var text = ""
        switch RequestRules.note(comment, field: "comment", required: false) { case .success(let c): text = c; case .failure(let f): errors += f.errors }
        guard errors.isEmpty, let s else { throw ValidationFailure(errors) }
        let note = "[\(method)] " + text
        return try await take(.returnVisit(s), on: current, caller, note: note, satisfaction: s) { u in
            let u = u.set("satisfaction", to: s.rawValue)
            return s.isSatisfied ? u.set("closed_at", to: self.now())
                : u.set("reopen_count", to: current.reopenCount + 1).set("escalated", to: VisitTask.Escalation.station.rawValue).set(SQLIdentifier("resolved_at"), to: SQLLiteral.null)
        } after: { tx in
            guard !s.isSatisfied else { return }
            let leaders = try await self.leaders(tx, of: .stationLeader, over: current.unitPath)
            try await self.notify(tx, userIDs: leaders + [current.assigneeID].compactMap { $0 },
                                  NoticeFacts(kind: .requestReopened, objectID: id, subject: current.description, requestKind: current.kind),
                                  dedupeKey: "request:\(id):reopen:\(current.reopenCount + 1)")
        }
    }

    /// 督办: a leader's note, and perhaps a new deadline (which must lie ahead).
    public func superviseRequest(id: Int64, note: String, newDeadline: Date?, _ caller: Caller) async throws -> RequestView {
        let current = try await requestState(id, caller)
        let text = try RequestRules.note(note, field: "note", required: true).get()
        if let d = newDeadline, d <= now() { throw ValidationFailure(field: "deadlineAt", .invalidDate) }
        return try await take(.supervise, on: current, caller, note: text, deadline: newDeadline) { u in
            guard let d = newDeadline else { return u }
            return u.set("deadline_at", to: d).set("escalated", to: VisitTask.Escalation.none.rawValue)
        } after: { tx in
            try await self.notify(tx, userIDs: [current.assigneeID].compactMap { $0 },
                                  NoticeFacts(kind: .requestSupervised, objectID: id, subject: current.description, requestKind: current.kind),
                                  dedupeKey: "request:\(id):supervise:\(self.now().timeIntervalSince1970)")
        }
    }

    struct RequestState: Sendable {
        var id: Int64; var status: RequestStatus; var kind: RequestKind; var unitPath: String; var assigneeID: Int64?; var requesterUserID: Int64?
        var categoryCode: String; var description: String; var reopenCount: Int; var createdAt: Date
    }

    func requestState(_ id: Int64, _ caller: Caller) async throws -> RequestState {
        guard let r = try await sql.select().columns(SQLRaw("q.id, q.status, q.kind, q.unit_path, q.assignee_id, q.requester_user_id, q.category_code, q.description, q.reopen_count, q.created_at"))
            .from(SQLAlias(SQLIdentifier("requests"), as: SQLIdentifier("q"))).where(SQLColumn("id", table: "q"), .equal, SQLBind(id))
            .where(requestScope(caller)).first() else { throw NotFound() }
        return RequestState(id: id, status: RequestStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .new,
                            kind: RequestKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .request,
                            unitPath: try r.decode(column: "unit_path", as: String.self), assigneeID: try r.decode(column: "assignee_id", as: Int64?.self),
                            requesterUserID: try r.decode(column: "requester_user_id", as: Int64?.self),
                            categoryCode: try r.decode(column: "category_code", as: String.self), description: try r.decode(column: "description", as: String.self),
                            reopenCount: try r.decode(column: "reopen_count", as: Int.self), createdAt: try r.decode(column: "created_at", as: Date.self))
    }

    /// Takes one workflow step: who may, whether the status allows it, and — in one transaction —
    /// the change (only if nobody changed the status meanwhile), the timeline line, the audit
    /// line and the notices, including one to the resident who asked.
    func take(_ step: RequestStep, on current: RequestState, _ caller: Caller, note: String, satisfaction: Satisfaction? = nil,
              assigneeName: String? = nil, unitName: String? = nil, deadline: Date? = nil,
              change: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder = { $0 },
              after: @escaping @Sendable (any SQLDatabase) async throws -> Void = { _ in }) async throws -> RequestView {
        let isAssignee = caller.userID != nil && caller.userID == current.assigneeID
        let isRequester = caller.role.usesPortal && caller.userID != nil && caller.userID == current.requesterUserID
        guard RequestWorkflow.mayTake(step, role: caller.role, isAssignee: isAssignee, isRequester: isRequester) else { throw Forbidden() }
        guard let next = RequestWorkflow.next(current.status, step) else { throw ValidationFailure(field: "status", .notAllowedNow) }
        let id = current.id
        try await write { tx in
            // The unit path comes back from the update itself: an assignment may have moved it.
            guard let moved = try await change(tx.update("requests").set("status", to: next.rawValue).set("updated_at", to: self.now()))
                .where("id", .equal, id).where("status", .equal, current.status.rawValue).returning("unit_path").first()
            else { throw ValidationFailure(field: "status", .notAllowedNow) }
            let path = try moved.decode(column: "unit_path", as: String.self)
            try await self.event(tx, requestID: id, caller, step: step.code, from: current.status, to: next, note: note, satisfaction: satisfaction,
                                 deadline: deadline, assigneeName: assigneeName, unitName: unitName)
            try await self.audit(tx, caller, "request.\(step.code)", "request", String(id),
                                 "\(current.status.rawValue) -> \(next.rawValue)\(assigneeName.map { " assignee=\($0)" } ?? "")\(satisfaction.map { " \($0.rawValue)" } ?? "")", at: path)
            try await after(tx)
            if let requester = current.requesterUserID, step != .supervise, requester != caller.userID {
                try await self.notify(tx, userIDs: [requester],
                                      NoticeFacts(kind: .requestStatus, objectID: id, subject: current.description, requestKind: current.kind, status: next),
                                      dedupeKey: "request:\(id):status:\(step.code):\(self.now().timeIntervalSince1970)")
            }
        }
        return try await requestViews(requestQuery(sql).where(SQLColumn("id", table: "q"), .equal, SQLBind(id))).first!
    }
}

extension Store {
    /// 走访发现: a need or a suggestion found on a visit becomes a request linked to its visit and
    /// finding, handed straight to the officer who found it (进1次门、干多件事) — a leader may
    /// reassign it. Written in batch with the visits; returns the audit lines to add.
    func insertFindingRequests(_ tx: any SQLDatabase, _ found: [(visitID: Int64, finding: FindingView, visit: PendingVisit)]) async throws -> [AuditLine] {
        let raised = found.filter { $0.finding.kind == .need || $0.finding.kind == .suggestion }.sorted { $0.finding.id < $1.finding.id }
        guard !raised.isEmpty else { return [] }
        let categories = try await requestCategories(on: tx)
        func category(_ kind: FindingKind) -> RequestCategory {
            categories.first { $0.code == (kind == .suggestion ? "suggestion" : "help") } ?? categories[0]
        }
        let t = now()
        // Each request's category and deadline, for its row and its timeline line alike.
        let terms = raised.map { r in let c = category(r.finding.kind); return (category: c, deadline: c.deadline(from: t)) }
        let insert = tx.insert(into: "requests")
            .columns("kind", "category_code", "channel", "status", "description", "address", "grid_id", "unit_path", "responsible_unit_id", "assignee_id",
                     "deadline_at", "escalated", "reopen_count", "outcome", "contact_name", "visit_id", "finding_id", "created_by", "created_at", "updated_at")
        for (r, term) in zip(raised, terms) {
            let officer = r.visit.caller.role.doesFieldWork ? r.visit.caller.userID : nil
            _ = insert.values(SQLBind((r.finding.kind == .suggestion ? RequestKind.suggestion : .request).rawValue), SQLBind(term.category.code),
                              SQLBind(RequestChannel.visit.rawValue), SQLBind((officer == nil ? RequestStatus.new : .assigned).rawValue),
                              SQLBind(r.finding.description), SQLBind(r.visit.address), SQLBind(r.visit.gridID), SQLBind(r.visit.unitPath),
                              SQLBind(officer == nil ? nil : r.visit.gridID), SQLBind(officer), SQLBind(term.deadline),
                              SQLBind(VisitTask.Escalation.none.rawValue), SQLBind(0), SQLBind(""), SQLBind(""), SQLBind(r.visitID),
                              SQLBind(r.finding.id), SQLBind(r.visit.caller.userID), SQLBind(t), SQLBind(t))
        }
        var ids: [Int64: Int64] = [:]
        for row in try await insert.returning("id", "finding_id").all() {
            ids[try row.decode(column: "finding_id", as: Int64.self)] = try row.decode(column: "id", as: Int64.self)
        }
        let events = tx.insert(into: "request_events").columns("request_id", "at", "actor_id", "actor_name", "step", "from_status", "to_status", "note", "deadline_at", "assignee_name")
        var lines: [AuditLine] = []
        for (r, term) in zip(raised, terms) {
            let id = ids[r.finding.id]!, assigned = r.visit.caller.role.doesFieldWork
            _ = events.values(SQLBind(id), SQLBind(t), SQLBind(r.visit.caller.userID), SQLBind(r.visit.caller.displayName), SQLBind("create"),
                              SQLBind(nil as String?), SQLBind((assigned ? RequestStatus.assigned : .new).rawValue), SQLBind(RequestChannel.visit.rawValue),
                              SQLBind(term.deadline), SQLBind(assigned ? r.visit.caller.displayName : nil))
            lines.append(AuditLine(caller: r.visit.caller, action: "request.create", objectType: "request", objectID: String(id),
                                   summary: "visit=\(r.visitID) finding=\(r.finding.id)", unitPath: r.visit.unitPath))
        }
        try await events.run()
        return lines
    }
}
