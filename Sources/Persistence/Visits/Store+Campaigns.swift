import Domain
import Foundation
import SQLKit

/// A campaign as lists and its page show it; progress counts only tasks in the caller's
/// jurisdiction, so a station sees its own share of a bureau-wide campaign.
public struct CampaignView: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var startDate: String
    public var endDate: String
    public var dueAt: Date
    /// `CampaignTarget.kindCode`; residents and care drives list the tags they reach.
    public var target: String
    public var tags: [ResidentTag]
    public var placeKind: PlaceKind?
    public var scope: [String]          // unit names
    public var scopePaths: [String]
    public var progress: TaskProgress
}

/// The progress of one campaign broken down for its page.
public struct CampaignReport: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public var name: String
        public var kind: String          // a UnitKind code, or "officer"
        public var unitID: Int64?
        public var progress: TaskProgress
    }
    public var campaign: CampaignView
    public var units: [Line]             // stations, communities/villages, grids in tree order
    public var officers: [Line]
}

extension Store {
    /// 发起专项活动: a leader names the period, the units and the targets; every target in scope
    /// gets a task for its grid's officer, due at the end of the campaign, in one transaction.
    public func createCampaign(_ input: CampaignInput, _ caller: Caller) async throws -> CampaignView {
        guard caller.role.mayDirectWork else { throw Forbidden() }
        let valid: ValidCampaign
        switch CampaignRules.validate(input, today: now()) {
        case .success(let v): valid = v
        case .failure(let f): throw f
        }
        var units: [Domain.Unit] = []
        for id in valid.unitIDs {
            guard let u = try? await unit(id: id, caller) else { throw ValidationFailure(field: "unitIDs", .outOfJurisdiction) }
            units.append(u)
        }
        // Nested units would only repeat their parent: keep the outermost.
        let paths = units.map(\.path).filter { p in !units.contains { $0.path != p && p.hasPrefix($0.path) } }.sorted()
        // A festival drive reaches whoever is on the care list the day it starts.
        var tags: [ResidentTag] = []
        switch valid.target {
        case .careSubjects:
            tags = try await workSettings().careTagsInUse
            guard !tags.isEmpty else { throw ValidationFailure(field: "target", .invalidChoice) }
        case .residents(let t): tags = t
        case .households, .places: break
        }
        let campaign = valid, targetTags = tags, scopeUnits = units
        let row = CampaignRow(id: nil, name: campaign.name, startsOn: campaign.period.dayStrings().from, endsOn: campaign.period.dayStrings().to,
                              dueAt: campaign.dueAt, targetKind: campaign.target.kindCode, targetTags: ResidentTag.storageString(targetTags),
                              targetPlaceKind: Self.placeKind(of: campaign.target), scopePaths: paths.joined(separator: "\n"), createdBy: caller.userID, createdAt: now())
        return try await write { tx in
            var stored = row
            stored.id = try await insertReturningID(tx, "campaigns", row)
            let id = stored.id!
            try await expand(tx, campaignID: id, campaign, tags: targetTags, scope: paths, at: row.createdAt)
            let count = try await tx.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("tasks")
                .where("campaign_id", .equal, id).first()?.decode(column: "n", as: Int.self) ?? 0
            try await audit(tx, caller, "campaign.create", "campaign", String(id),
                            "\(campaign.name) \(row.startsOn)~\(row.endsOn) \(row.targetKind) scope=\(scopeUnits.map(\.code).joined(separator: ",")) tasks=\(count)",
                            at: Jurisdiction.commonPath(paths))
            let names = Dictionary(scopeUnits.map { ($0.path, $0.name) }, uniquingKeysWith: { a, _ in a })
            return stored.view(names: names, progress: TaskProgress(total: count, done: 0))
        }
    }

    /// One INSERT … SELECT per campaign: the rows never pass through Swift, so a district-wide
    /// campaign of 150 k households is one statement. The unique index on (campaign, target)
    /// keeps each household, person or place to one task.
    private func expand(_ tx: any SQLDatabase, campaignID: Int64, _ c: ValidCampaign, tags: [ResidentTag], scope: [String], at t: Date) async throws {
        let ruleCode = "campaign:\(campaignID)", prefix = c.name + "："
        let columns = SQLRaw("INSERT INTO tasks (rule_code, title, resident_id, household_id, place_id, assignee_id, unit_path, due_at, status, created_at, campaign_id, escalated)")
        let common = SQLQueryString("\(bind: ruleCode), CAST(\(bind: prefix) AS TEXT) ||")
        let tail = SQLQueryString("g.responsible_officer_id, g.path, \(bind: c.dueAt), 'open', \(bind: t), \(bind: campaignID), 'none'")
        func within(_ column: String) -> any SQLExpression {
            SQLGroupExpression(SQLList(scope.map { Jurisdiction.subtree(path: $0).predicate(pathColumn: column, householdColumn: column) },
                                       separator: SQLRaw(" OR ")))
        }
        let query: SQLQueryString = switch c.target {
        case .households:
            "\(columns) SELECT \(common) h.address, CAST(NULL AS BIGINT), h.id, CAST(NULL AS BIGINT), \(tail) FROM households h JOIN units g ON g.id = h.grid_id WHERE \(within("h.unit_path")) ON CONFLICT DO NOTHING"
        case .residents, .careSubjects:
            "\(columns) SELECT \(common) r.name, r.id, r.household_id, CAST(NULL AS BIGINT), \(tail) FROM residents r JOIN households h ON h.id = r.household_id JOIN units g ON g.id = h.grid_id WHERE \(within("r.unit_path")) AND \(Self.anyTag(tags, column: "r.tags")) ON CONFLICT DO NOTHING"
        case .places(let kind):
            "\(columns) SELECT \(common) p.name, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), p.id, \(tail) FROM places p JOIN units g ON g.id = p.grid_id WHERE \(within("p.unit_path")) AND p.kind = \(bind: kind.rawValue) ON CONFLICT DO NOTHING"
        }
        try await tx.raw(query).run()
    }

    /// Tags are stored `a;b`: match whole tags, not substrings.
    static func anyTag(_ tags: [ResidentTag], column: String) -> any SQLExpression {
        SQLGroupExpression(SQLList(tags.map { SQLQueryString("(';' || \(unsafeRaw: column) || ';') LIKE \(bind: "%;\($0.rawValue);%")") },
                                   separator: SQLRaw(" OR ")))
    }

    static func placeKind(of target: CampaignTarget) -> String? {
        if case .places(let kind) = target { kind.rawValue } else { nil }
    }

    /// Campaigns whose scope overlaps the caller's jurisdiction, newest first, each with the
    /// caller's share of its progress.
    public func campaigns(_ caller: Caller) async throws -> [CampaignView] {
        try await campaigns(caller, id: nil)
    }

    /// `id`: just that one (a campaign's page), still only when it reaches the caller.
    private func campaigns(_ caller: Caller, id: Int64?) async throws -> [CampaignView] {
        guard caller.role.seesWorkRecords, case .subtree(let mine) = caller.jurisdiction else { return [] }
        var query = sql.select().column("*").from("campaigns")
        if let id { query = query.where("id", .equal, id) }
        let rows = try await query.orderBy("id", .descending).limit(500)
            .all(decoding: CampaignRow.self, with: Store.rowDecoder)
            .filter { row in row.paths.contains { $0.hasPrefix(mine) || mine.hasPrefix($0) } }
        guard !rows.isEmpty else { return [] }
        let counts = try await sql.select().column("campaign_id").columns(Self.progressColumns(now: now()))
            .from("tasks").where("campaign_id", .in, rows.compactMap(\.id))
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id"))
            .groupBy("campaign_id").all()
        var progress: [Int64: TaskProgress] = [:]
        for r in counts { progress[try r.decode(column: "campaign_id", as: Int64.self)] = try Self.progress(r) }
        let names = try await unitNames(paths: Set(rows.flatMap(\.paths)))
        return rows.map { $0.view(names: names, progress: progress[$0.id!] ?? .zero) }
    }

    public func campaignReport(id: Int64, _ caller: Caller) async throws -> CampaignReport {
        guard let campaign = try await campaigns(caller, id: id).first else { throw NotFound() }
        let rows = try await sql.select().columns("unit_path", "assignee_id").columns(Self.progressColumns(now: now()))
            .from("tasks").where("campaign_id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id"))
            .groupBy("unit_path").groupBy("assignee_id").all()
        let counts = try rows.map { r in
            CampaignProgress.Count(gridPath: try r.decode(column: "unit_path", as: String.self),
                                   assigneeID: try r.decode(column: "assignee_id", as: Int64?.self), progress: try Self.progress(r))
        }
        let rollup = CampaignProgress(counts: counts)
        let units = try await sql.select().columns("id", "name", "kind", "path").from("units")
            .where("path", .in, Array(rollup.byUnit.keys)).orderBy("path").all()
        let unitLines = try units.map { u in
            CampaignReport.Line(name: try u.decode(column: "name", as: String.self), kind: try u.decode(column: "kind", as: String.self),
                                unitID: try u.decode(column: "id", as: Int64.self), progress: rollup.byUnit[try u.decode(column: "path", as: String.self)] ?? .zero)
        }
        let officerIDs = rollup.byOfficer.keys.compactMap { $0 }
        let officers = officerIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await sql.select().columns("id", "display_name").from("users")
            .where("id", .in, officerIDs).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "display_name", as: String.self)) })
        let officerLines = rollup.byOfficer.map { id, p in
            CampaignReport.Line(name: id.flatMap { officers[$0] } ?? "", kind: "officer", unitID: nil, progress: p)
        }.sorted { ($0.progress.rate ?? 0, $0.name) < ($1.progress.rate ?? 0, $1.name) }
        return CampaignReport(campaign: campaign, units: unitLines, officers: officerLines)
    }

    static func progressColumns(now: Date) -> [any SQLExpression] {
        [SQLRaw("COUNT(*) AS total"), SQLRaw("SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done"),
         SQLAlias(SQLQueryString("SUM(CASE WHEN status = 'open' AND due_at < \(bind: now) THEN 1 ELSE 0 END)"), as: SQLIdentifier("overdue"))]
    }

    static func progress(_ r: any SQLRow) throws -> TaskProgress {
        TaskProgress(total: try r.decode(column: "total", as: Int.self), done: try r.decode(column: "done", as: Int?.self) ?? 0,
                 overdue: try r.decode(column: "overdue", as: Int?.self) ?? 0)
    }

    /// Names of organisational units (not personal data), for scopes that reach beyond the caller.
    func unitNames(paths: Set<String>) async throws -> [String: String] {
        guard !paths.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await sql.select().columns("path", "name").from("units").where("path", .in, Array(paths)).all().map {
            (try $0.decode(column: "path", as: String.self), try $0.decode(column: "name", as: String.self))
        })
    }
}

struct CampaignRow: Codable, Sendable {
    var id: Int64?
    var name: String
    var startsOn: String
    var endsOn: String
    var dueAt: Date
    var targetKind: String
    var targetTags: String
    var targetPlaceKind: String?
    var scopePaths: String
    var createdBy: Int64?
    var createdAt: Date

    var paths: [String] { scopePaths.split(separator: "\n").map(String.init) }

    func view(names: [String: String], progress: TaskProgress) -> CampaignView {
        CampaignView(id: id ?? 0, name: name, startDate: startsOn, endDate: endsOn, dueAt: dueAt, target: targetKind,
                     tags: ResidentTag.parseList(targetTags).tags, placeKind: targetPlaceKind.flatMap(PlaceKind.init(rawValue:)),
                     scope: paths.map { names[$0] ?? $0 }, scopePaths: paths, progress: progress)
    }
}
