import Domain
import Foundation
import SQLKit

/// A request as lists and its page show it. The requester's phone is masked here; the full
/// number is only ever shown through `revealRequestContact`, which is audited.
public struct RequestView: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: RequestKind
    public var categoryCode: String
    public var categoryName: String
    public var channel: RequestChannel
    public var status: RequestStatus
    public var description: String
    public var address: String
    public var gridID: Int64?
    public var unitPath: String
    public var responsibleUnitID: Int64?
    public var responsibleUnitName: String?
    public var assigneeID: Int64?
    public var assigneeName: String?
    public var deadlineAt: Date?
    public var escalation: VisitTask.Escalation
    public var atRisk: Bool
    public var reopenCount: Int
    public var satisfaction: Satisfaction?
    public var outcome: String
    public var contactName: String
    public var contactPhone: String
    public var requesterUserID: Int64?
    public var visitID: Int64?
    public var meetingID: Int64?
    public var latitude: Double?
    public var longitude: Double?
    public var createdAt: Date
    public var updatedAt: Date
}

/// One line of a request's timeline.
public struct RequestEventView: Sendable, Equatable, Codable {
    public var at: Date
    public var actorName: String
    public var step: String
    public var fromStatus: RequestStatus?
    public var toStatus: RequestStatus
    public var note: String
    public var satisfaction: Satisfaction?
    public var deadlineAt: Date?
    public var assigneeName: String?
    public var unitName: String?
}

public struct RequestDetail: Sendable, Equatable, Codable {
    public var request: RequestView
    public var timeline: [RequestEventView]
    public var photoIDs: [Int64]
}

/// Which requests a list shows. Everything is inside the caller's scope anyway.
public struct RequestFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case open, mine, unassigned, overdue, atRisk = "at_risk", resolved, closed, all }
    public var show: Show
    public var unitID: Int64?
    public var meetingID: Int64?
    /// Received in this period (a dashboard's drill-down keeps its period).
    public var period: Period?
    public var limit: Int
    /// Paging: only requests older than this one, newest first (whatever the list's usual order),
    /// so a client can walk a whole list page by page without missing or repeating one.
    public var beforeID: Int64?
    public init(show: Show = .open, unitID: Int64? = nil, meetingID: Int64? = nil, period: Period? = nil, limit: Int = 200, beforeID: Int64? = nil) {
        self.show = show; self.unitID = unitID; self.meetingID = meetingID; self.period = period; self.limit = limit; self.beforeID = beforeID
    }
    /// Lists by id, newest first: paging, the finished lists, and a resident's own requests.
    public func newestFirst(_ caller: Caller) -> Bool {
        beforeID != nil || show == .all || show == .closed || show == .resolved || caller.role.usesPortal
    }
}

/// Where a request came from, beyond its channel.
public struct RequestOrigin: Sendable {
    public var channel: RequestChannel
    public var visitID: Int64? = nil
    public var findingID: Int64? = nil
    public var meetingID: Int64? = nil
    public var open311KeyID: Int64? = nil
    public init(channel: RequestChannel, visitID: Int64? = nil, findingID: Int64? = nil, meetingID: Int64? = nil, open311KeyID: Int64? = nil) {
        self.channel = channel; self.visitID = visitID; self.findingID = findingID; self.meetingID = meetingID; self.open311KeyID = open311KeyID
    }
}

extension Store {
    static let requestColumns = """
        q.id, q.kind, q.category_code, c.name AS category_name, q.channel, q.status, q.description, q.address, q.grid_id, q.unit_path, \
        q.responsible_unit_id, ru.name AS responsible_unit_name, q.assignee_id, au.display_name AS assignee_name, q.deadline_at, \
        q.reopen_count, q.satisfaction, q.outcome, q.contact_name, q.contact_phone_cipher, q.requester_user_id, q.visit_id, q.meeting_id, \
        q.latitude, q.longitude, q.created_at, q.updated_at
        """

    struct RequestRow: Decodable {
        var id: Int64; var kind: String; var categoryCode: String; var categoryName: String; var channel: String; var status: String
        var description: String; var address: String; var gridId: Int64?; var unitPath: String; var responsibleUnitId: Int64?
        var responsibleUnitName: String?; var assigneeId: Int64?; var assigneeName: String?; var deadlineAt: Date?; var reopenCount: Int
        var satisfaction: String?; var outcome: String; var contactName: String; var contactPhoneCipher: String?; var requesterUserId: Int64?
        var visitId: Int64?; var meetingId: Int64?; var latitude: Double?; var longitude: Double?; var createdAt: Date; var updatedAt: Date

        func view(cipher: FieldCipher, now: Date, bureauAfterDays: Int) -> RequestView {
            let status = RequestStatus(rawValue: status) ?? .new
            let phone = contactPhoneCipher.flatMap { try? cipher.open($0) }.map(PhoneNumber.mask) ?? ""
            return RequestView(id: id, kind: RequestKind(rawValue: kind) ?? .request, categoryCode: categoryCode, categoryName: categoryName,
                               channel: RequestChannel(rawValue: channel) ?? .hotline, status: status, description: description, address: address,
                               gridID: gridId, unitPath: unitPath, responsibleUnitID: responsibleUnitId, responsibleUnitName: responsibleUnitName,
                               assigneeID: assigneeId, assigneeName: assigneeName, deadlineAt: deadlineAt,
                               escalation: RequestSupervision.level(deadline: deadlineAt, status: status, reopened: reopenCount > 0, now: now, bureauAfterDays: bureauAfterDays),
                               atRisk: RequestSupervision.isAtRisk(deadline: deadlineAt, status: status, now: now),
                               reopenCount: reopenCount, satisfaction: satisfaction.flatMap(Satisfaction.init(rawValue:)), outcome: outcome,
                               contactName: contactName, contactPhone: phone, requesterUserID: requesterUserId, visitID: visitId, meetingID: meetingId,
                               latitude: latitude, longitude: longitude, createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    /// How SQLite should read a request list when its own choice is known to be poor (see `requests(_:_:)`).
    enum RequestAccess {
        case planner
        /// Down the ids only (`NOT INDEXED`): a newest-first list whose filter keeps most rows.
        case walkingIDs
        /// Through the unit path index: a station's or smaller unit's open requests.
        case byUnitPath
    }

    func requestQuery(_ db: any SQLDatabase, _ access: RequestAccess = .planner) -> SQLSelectBuilder {
        let table: any SQLExpression = switch access {
        case .planner: SQLAlias(SQLIdentifier("requests"), as: SQLIdentifier("q"))
        case .walkingIDs: SQLRaw("requests AS q NOT INDEXED")
        case .byUnitPath: SQLRaw("requests AS q INDEXED BY requests_unit_path_idx")
        }
        return db.select().columns(SQLRaw(Self.requestColumns))
            .from(table)
            .join(SQLAlias(SQLIdentifier("request_categories"), as: SQLIdentifier("c")), on: SQLRaw("c.id = q.category_code"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("ru")), method: SQLJoinMethod.left, on: SQLRaw("ru.id = q.responsible_unit_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("au")), method: SQLJoinMethod.left, on: SQLRaw("au.id = q.assignee_id"))
    }

    /// Residents see the requests they made; everyone else those of their jurisdiction.
    func requestScope(_ caller: Caller) -> any SQLExpression {
        caller.role.usesPortal
            ? SQLBinaryExpression(SQLColumn("requester_user_id", table: "q"), .equal, SQLBind(caller.userID ?? -1))
            : caller.jurisdiction.predicate(pathColumn: "q.unit_path", householdColumn: "q.id")
    }

    func requestViews(_ q: SQLSelectBuilder) async throws -> [RequestView] {
        let settings = try await workSettings(), t = now()
        return try await q.all(decoding: RequestRow.self, with: Store.rowDecoder).map { $0.view(cipher: cipher, now: t, bureauAfterDays: settings.bureauAfterDays) }
    }

    public func requests(_ filter: RequestFilter, _ caller: Caller) async throws -> [RequestView] {
        var scopePath: String?   // nil for a resident: their own requests, by the requester index
        if case .subtree(let path) = caller.jurisdiction { scopePath = path }
        var unitFilter: (any SQLExpression)?
        if let unitID = filter.unitID, caller.role.seesWorkRecords {
            let unit = try await unit(id: unitID, caller)
            scopePath = unit.path
            unitFilter = Jurisdiction.subtree(path: unit.path).predicate(pathColumn: "q.unit_path", householdColumn: "q.id")
        }
        // SQLite has no statistics here, and two lists go astray without them (PostgreSQL plans
        // these from its own). A bureau's or a station's requests are a large share of the table:
        // walking the ids down from the newest fills a page after a few hundred rows, where SQLite
        // would collect every request of the subtree through the path index and sort them (a
        // bureau's page at district scale: 212 ms that way, under 1 ms this way). A station's or
        // smaller unit's open or overdue requests, the other way round: SQLite would walk every open
        // request of the city in deadline order for the few in the unit (city fraction: a station's
        // open list 18.6 → 5.6 ms, a community's overdue 7.2 → 0.9 ms through the path index).
        let depth = scopePath.map { $0.split(separator: "/").count }
        var access = RequestAccess.planner
        if !isPostgres, filter.meetingID == nil, filter.period == nil, let depth {
            if filter.newestFirst(caller) { access = depth <= 2 ? .walkingIDs : .planner }
            else if filter.show == .open || filter.show == .overdue { access = depth >= 2 ? .byUnitPath : .planner }
        }
        var q = requestQuery(sql, access).where(requestScope(caller))
        let open = SQLBinaryExpression(SQLColumn("status", table: "q"), .in, SQLBind.group(RequestStatus.allCases.filter(\.isOpen).map(\.rawValue)))
        let t = now()
        switch filter.show {
        case .open: q = q.where(open)
        case .mine: q = q.where(open).where(SQLColumn("assignee_id", table: "q"), .equal, SQLBind(caller.userID ?? -1))
        case .unassigned: q = q.where(SQLColumn("status", table: "q"), .equal, SQLBind(RequestStatus.new.rawValue))
        case .overdue: q = q.where(open).where(SQLColumn("deadline_at", table: "q"), .lessThan, SQLBind(t))
        case .atRisk: q = q.where(open).where(SQLColumn("deadline_at", table: "q"), .greaterThanOrEqual, SQLBind(t))
            .where(SQLColumn("deadline_at", table: "q"), .lessThanOrEqual, SQLBind(t.addingTimeInterval(RequestSupervision.atRiskWindow)))
        case .resolved: q = q.where(SQLColumn("status", table: "q"), .equal, SQLBind(RequestStatus.resolved.rawValue))
        case .closed: q = q.where(SQLColumn("status", table: "q"), .equal, SQLBind(RequestStatus.closed.rawValue))
        case .all: break
        }
        if let unitFilter { q = q.where(unitFilter) }
        if let m = filter.meetingID { q = q.where(SQLColumn("meeting_id", table: "q"), .equal, SQLBind(m)) }
        if let p = filter.period {
            q = q.where(SQLColumn("created_at", table: "q"), .greaterThanOrEqual, SQLBind(p.start)).where(SQLColumn("created_at", table: "q"), .lessThan, SQLBind(p.end))
        }
        if let b = filter.beforeID { q = q.where(SQLColumn("id", table: "q"), .lessThan, SQLBind(b)) }
        q = filter.newestFirst(caller) ? q.orderBy(SQLColumn("id", table: "q"), SQLDirection.descending) : q.orderBy(SQLRaw("q.deadline_at IS NULL")).orderBy(SQLColumn("deadline_at", table: "q"))
        return try await requestViews(q.limit(filter.limit))
    }

    public func request(id: Int64, _ caller: Caller) async throws -> RequestDetail {
        guard let view = try await requestViews(requestQuery(sql).where(SQLColumn("id", table: "q"), .equal, SQLBind(id)).where(requestScope(caller))).first
        else { throw NotFound() }
        var events = try await sql.select().column("*").from("request_events").where("request_id", .equal, id).orderBy("id").all().map { r in
            RequestEventView(at: try r.decode(column: "at", as: Date.self), actorName: try r.decode(column: "actor_name", as: String.self),
                             step: try r.decode(column: "step", as: String.self),
                             fromStatus: try r.decode(column: "from_status", as: String?.self).flatMap(RequestStatus.init(rawValue:)),
                             toStatus: RequestStatus(rawValue: try r.decode(column: "to_status", as: String.self)) ?? .new,
                             note: try r.decode(column: "note", as: String.self),
                             satisfaction: try r.decode(column: "satisfaction", as: String?.self).flatMap(Satisfaction.init(rawValue:)),
                             deadlineAt: try r.decode(column: "deadline_at", as: Date?.self), assigneeName: try r.decode(column: "assignee_name", as: String?.self),
                             unitName: try r.decode(column: "unit_name", as: String?.self))
        }
        // Supervision notes and escalations are the station's internal business.
        if caller.role.usesPortal { events.removeAll { $0.step == "supervise" || $0.step == "escalate" } }
        let photos = try await sql.select().column("id").from("request_photos").where("request_id", .equal, id).orderBy("id").all()
            .map { try $0.decode(column: "id", as: Int64.self) }
        return RequestDetail(request: view, timeline: events, photoIDs: photos)
    }

    /// A photo of a request the caller may see.
    public func requestPhoto(id: Int64, _ caller: Caller) async throws -> (contentType: String, bytes: [UInt8]) {
        guard let row = try await sql.select().columns(SQLRaw("p.content_type, p.bytes"))
            .from(SQLAlias(SQLIdentifier("request_photos"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("requests"), as: SQLIdentifier("q")), on: SQLRaw("q.id = p.request_id"))
            .where(SQLColumn("id", table: "p"), .equal, SQLBind(id)).where(requestScope(caller)).first() else { throw NotFound() }
        return (try row.decode(column: "content_type", as: String.self), Array(try row.decode(column: "bytes", as: Data.self)))
    }

    /// The requester's full phone, for the officer who must call back; every look is audited.
    public func revealRequestContact(id: Int64, _ caller: Caller) async throws -> String {
        guard caller.role.mayRevealPersonalData else { throw Forbidden() }
        guard let row = try await sql.select().columns(SQLRaw("q.contact_phone_cipher, q.unit_path"))
            .from(SQLAlias(SQLIdentifier("requests"), as: SQLIdentifier("q"))).where(SQLColumn("id", table: "q"), .equal, SQLBind(id))
            .where(requestScope(caller)).first() else { throw NotFound() }
        let phone = try row.decode(column: "contact_phone_cipher", as: String?.self).map { try cipher.open($0) } ?? ""
        try await auditEvent(caller, "request.contact.reveal", "request", String(id), "", at: try row.decode(column: "unit_path", as: String.self))
        return phone
    }

    // MARK: categories

    public func requestCategories(includeInactive: Bool = false) async throws -> [RequestCategory] {
        try await requestCategories(on: sql, includeInactive: includeInactive)
    }

    func requestCategories(on db: any SQLDatabase, includeInactive: Bool = false) async throws -> [RequestCategory] {
        var q = db.select().column("*").from("request_categories")
        if !includeInactive { q = q.where("active", .equal, true) }
        return try await q.orderBy("sort_order").orderBy("id").all().map { r in
            RequestCategory(code: try r.decode(column: "id", as: String.self), name: try r.decode(column: "name", as: String.self),
                            deadlineDays: try r.decode(column: "deadline_days", as: Int.self), active: try r.decode(column: "active", as: Bool.self))
        }
    }

    /// An administrator adds a category or changes one (name, deadline, on/off). New deadlines
    /// apply to requests created from now on.
    public func saveRequestCategory(_ c: RequestCategory, _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        try await write { tx in
            let before = try await tx.select().columns("name", "deadline_days", "active").from("request_categories").where("id", .equal, c.code).first()
            if let before {
                try await tx.update("request_categories").set("name", to: c.name).set("deadline_days", to: c.deadlineDays).set("active", to: c.active)
                    .where("id", .equal, c.code).run()
                try await audit(tx, caller, "request_category.update", "request_category", c.code,
                                "\(try before.decode(column: "name", as: String.self)) \(try before.decode(column: "deadline_days", as: Int.self))d active=\(try before.decode(column: "active", as: Bool.self)) -> \(c.name) \(c.deadlineDays)d active=\(c.active)", at: "")
            } else {
                let order = try await tx.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("request_categories").first()?.decode(column: "n", as: Int.self) ?? 0
                try await tx.insert(into: "request_categories").columns("id", "name", "deadline_days", "active", "sort_order")
                    .values(SQLBind(c.code), SQLBind(c.name), SQLBind(c.deadlineDays), SQLBind(c.active), SQLBind(order)).run()
                try await audit(tx, caller, "request_category.create", "request_category", c.code, "\(c.name) \(c.deadlineDays)d", at: "")
            }
        }
    }
}

/// 督办 per unit: open, overdue and at-risk requests, for each unit one level below the caller's.
public struct SupervisionLine: Sendable, Equatable, Codable {
    public var unitID: Int64
    public var name: String
    public var open: Int
    public var overdue: Int
    public var atRisk: Int
    public var reopened: Int
}

extension Store {
    /// Counted in SQL per unit path, rolled up here to the units just below the caller's own.
    public func requestSupervision(_ caller: Caller) async throws -> [SupervisionLine] {
        guard caller.role.mayDirectWork, case .subtree(let root) = caller.jurisdiction else { return [] }
        let t = now()
        let rows = try await sql.select()
            .column(SQLColumn("unit_path", table: "q"))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("open")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN q.deadline_at < \(bind: t) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue")))
            .column(SQLAlias(SQLQueryString("SUM(CASE WHEN q.deadline_at >= \(bind: t) AND q.deadline_at <= \(bind: t.addingTimeInterval(RequestSupervision.atRiskWindow)) THEN 1 ELSE 0 END)"), as: SQLIdentifier("at_risk")))
            .column(SQLAlias(SQLRaw("SUM(CASE WHEN q.reopen_count > 0 THEN 1 ELSE 0 END)"), as: SQLIdentifier("reopened")))
            .from(SQLAlias(SQLIdentifier("requests"), as: SQLIdentifier("q")))
            .where(requestScope(caller))
            .where(SQLColumn("status", table: "q"), .in, SQLBind.group(RequestStatus.allCases.filter(\.isOpen).map(\.rawValue)))
            .groupBy(SQLColumn("unit_path", table: "q")).all()
        let all = try await units(caller)
        guard let top = all.first(where: { $0.path == root }) else { return [] }
        let children = all.filter { $0.parentID == top.id }
        var lines = children.map { SupervisionLine(unitID: $0.id, name: $0.name, open: 0, overdue: 0, atRisk: 0, reopened: 0) }
        for r in rows {
            let path = try r.decode(column: "unit_path", as: String.self)
            guard let i = children.firstIndex(where: { path.hasPrefix($0.path) }) else { continue }
            lines[i].open += try r.decode(column: "open", as: Int.self)
            lines[i].overdue += try r.decode(column: "overdue", as: Int?.self) ?? 0
            lines[i].atRisk += try r.decode(column: "at_risk", as: Int?.self) ?? 0
            lines[i].reopened += try r.decode(column: "reopened", as: Int?.self) ?? 0
        }
        return lines
    }
}
