import Domain
import Foundation
import SQLKit

/// Which alarms a ledger lists.
public enum AlarmShow: String, Sendable, CaseIterable {
    case all
    case falseAlarms = "false"
    case drills
}

public struct AlarmFilter: Sendable {
    public var show: AlarmShow
    public var unitID: Int64?
    public var period: Period?
    public init(show: AlarmShow = .all, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

/// A resident's group as the press page names it: its name and how many other households it reaches.
public struct OwnAlarmGroup: Sendable, Equatable {
    public var name: String
    public var neighbours: Int
}

extension Store {
    // MARK: Reading

    /// The open alarms the caller's live page shows, newest first: a resident's, those of the
    /// groups their household is in (so every page of a group shows the same); staff's, those of
    /// their reach, read through the open alarms' own index by station.
    public func openAlarms(_ caller: Caller, limit: Int = 100) async throws -> [AlarmView] {
        var q = alarmQuery(caller).where(SQLRaw("a.closed_at IS NULL"))
        switch caller.jurisdiction {
        case .household(let id):
            q = q.where(SQLQueryString("a.group_id IN (SELECT m.group_id FROM alarm_group_members m WHERE m.household_id = \(bind: id))"))
        case .subtree(let path):
            q = q.where(Jurisdiction.subtree(path: Self.stationPath(of: path)).predicate(pathColumn: "a.station_path", householdColumn: "a.id"))
        case .nothing: return []
        }
        return try await q.orderBy(SQLColumn("pressed_at", table: "a"), SQLDirection.descending).limit(limit)
            .all(decoding: AlarmRow.self, with: AlarmRow.decoder).map(\.view)
    }

    /// The desk's list: the open alarms, then those closed in the last `closedWithin` seconds.
    public func recentAlarms(_ caller: Caller, closedWithin: TimeInterval = 86_400) async throws -> [AlarmView] {
        try await alarmQuery(caller).where(SQLGroupExpression(SQLBinaryExpression(SQLRaw("a.closed_at IS NULL"), .or,
                                                                                   SQLBinaryExpression(SQLColumn("closed_at", table: "a"), .greaterThan, SQLBind(now().addingTimeInterval(-closedWithin))))))
            .orderBy(SQLColumn("pressed_at", table: "a"), SQLDirection.descending).limit(200)
            .all(decoding: AlarmRow.self, with: AlarmRow.decoder).map(\.view)
    }

    public func alarm(id: Int64, _ caller: Caller) async throws -> AlarmView {
        guard caller.role.seesWorkRecords || caller.role.usesPortal,
              var view = try await alarmQuery(caller).where(SQLColumn("id", table: "a"), .equal, SQLBind(id)).first(decoding: AlarmRow.self, with: AlarmRow.decoder)?.view
        else { throw NotFound() }
        view.events = try await sql.select().columns("at", "step", "actor_name", "detail").from("alarm_events").where("alarm_id", .equal, id).orderBy("id").all().map { r in
            AlarmEvent(at: try r.decode(column: "at", as: Date.self), step: AlarmStep(rawValue: try r.decode(column: "step", as: String.self)) ?? .raised,
                       actorName: try r.decode(column: "actor_name", as: String.self), detail: try r.decode(column: "detail", as: String.self))
        }
        if caller.role.seesWorkRecords { view.deliveries = try await deliveries(alarmID: id) }
        return view
    }

    /// The alarms behind the figures: pressed in the period within the unit, newest first.
    /// `all`: those counted (drills left out); `false`: those closed as 误报; `drills`: the drills.
    public func alarmLedger(_ filter: AlarmFilter, _ caller: Caller, limit: Int = 2_000) async throws -> [AlarmView] {
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let counted = SQLRaw("a.drill = \(false) AND (a.outcome IS NULL OR a.outcome <> 'drill')")
        var q = alarmQuery(caller)
        switch filter.show {
        case .all: q = q.where(counted)
        case .falseAlarms: q = q.where(counted).where(SQLColumn("outcome", table: "a"), .equal, SQLBind(AlarmOutcome.falseAlarm.rawValue))
        case .drills: q = q.where(SQLRaw("(a.drill = \(true) OR a.outcome = 'drill')"))
        }
        q = try await narrowed(q, "a", unitID: filter.unitID, period: filter.period, time: SQLColumn("pressed_at", table: "a"), caller)
        return try await q.orderBy(SQLColumn("pressed_at", table: "a"), SQLDirection.descending).limit(limit).all(decoding: AlarmRow.self, with: AlarmRow.decoder).map(\.view)
    }

    /// The topics the caller's live page listens on: a resident, their household's group;
    /// staff, their station (or bureau) desk.
    public func alarmTopics(for caller: Caller) async throws -> [String] {
        switch caller.jurisdiction {
        case .household(let id):
            return try await sql.select().column("group_id").from("alarm_group_members").where("household_id", .equal, id).all()
                .map { "g\(try $0.decode(column: "group_id", as: Int64.self))" }
        case .subtree(let path): return caller.role.seesWorkRecords ? [Self.stationPath(of: path)] : []
        case .nothing: return []
        }
    }

    // MARK: Raising

    /// The resident's own household's group: who a press will reach.
    public func ownAlarmGroup(_ caller: Caller) async throws -> OwnAlarmGroup? {
        guard case .household(let id) = caller.jurisdiction,
              let r = try await sql.select().columns(SQLRaw("ag.name, (SELECT COUNT(*) FROM alarm_group_members o WHERE o.group_id = ag.id) AS households"))
                .from(SQLAlias(SQLIdentifier("alarm_group_members"), as: SQLIdentifier("m")))
                .join(SQLAlias(SQLIdentifier("alarm_groups"), as: SQLIdentifier("ag")), on: SQLRaw("ag.id = m.group_id"))
                .where(SQLColumn("household_id", table: "m"), .equal, SQLBind(id)).first() else { return nil }
        return OwnAlarmGroup(name: try r.decode(column: "name", as: String.self), neighbours: try r.decode(column: "households", as: Int.self) - 1)
    }

    /// A resident presses for their own household.
    public func raiseAlarm(_ input: AlarmInput, _ caller: Caller) async throws -> (alarm: AlarmView, created: Bool) {
        guard caller.role.usesPortal, case .household(let household) = caller.jurisdiction else { throw Forbidden() }
        return try await raise(householdID: household, input, source: .portal, by: caller, name: caller.displayName, device: nil)
    }

    /// One press: refused for a household in no group or over the rate limit; while the
    /// household's alarm is open, that alarm (a bell pressed twice is one alarm). Reaches the
    /// group, the station's desk and the grid's officer on commit.
    func raise(householdID: Int64, _ input: AlarmInput, source: AlarmSource, by caller: Caller, name: String,
               device: (id: Int64, timestampMs: Int64)?) async throws -> (alarm: AlarmView, created: Bool) {
        let v = try AlarmRules.validate(input).get()
        guard let g = try await sql.select().columns(SQLRaw("m.group_id, ag.name, ag.grid_id, ag.unit_path"))
            .from(SQLAlias(SQLIdentifier("alarm_group_members"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("alarm_groups"), as: SQLIdentifier("ag")), on: SQLRaw("ag.id = m.group_id"))
            .where(SQLColumn("household_id", table: "m"), .equal, SQLBind(householdID)).first()
        else { throw ValidationFailure(field: "household", .notInGroup) }
        let groupID = try g.decode(column: "group_id", as: Int64.self), groupName = try g.decode(column: "name", as: String.self)
        let gridID = try g.decode(column: "grid_id", as: Int64.self), path = try g.decode(column: "unit_path", as: String.self)
        let station = Self.stationPath(of: path), t = now(), limit = AlarmRateLimit()
        let (id, created): (Int64, Bool) = try await write { tx in
            if let device {
                // The device's clock only moves forward: a timestamp not later than the last is a replay.
                let fresh = try await tx.update("alarm_devices").set("last_timestamp_ms", to: device.timestampMs).where("id", .equal, device.id)
                    .where(SQLGroupExpression(SQLBinaryExpression(SQLRaw("last_timestamp_ms IS NULL"), .or,
                                                                  SQLBinaryExpression(SQLColumn("last_timestamp_ms"), .lessThan, SQLBind(device.timestampMs)))))
                    .returning("id").first()
                if fresh == nil { throw DeviceSignature.Refusal.replayed }
            }
            if let open = try await tx.select().column("id").from("alarms").where("household_id", .equal, householdID).where(SQLRaw("closed_at IS NULL")).first() {
                return (try open.decode(column: "id", as: Int64.self), false)
            }
            let recent = try await tx.select().column("pressed_at").from("alarms").where("household_id", .equal, householdID)
                .where("pressed_at", .greaterThan, t.addingTimeInterval(-limit.window)).all().map { try $0.decode(column: "pressed_at", as: Date.self) }
            if limit.blockedUntil(recent: recent, now: t) != nil { throw ValidationFailure(field: "household", .tooFrequent) }
            let row = try await tx.insert(into: "alarms")
                .columns("household_id", "group_id", "group_name", "grid_id", "unit_path", "station_path", "kind", "note", "drill", "source",
                         "raised_by", "raised_by_name", "device_id", "pressed_at")
                .values(SQLBind(householdID), SQLBind(groupID), SQLBind(groupName), SQLBind(gridID), SQLBind(path), SQLBind(station), SQLBind(v.kind.rawValue),
                        SQLBind(v.note), SQLBind(v.drill), SQLBind(source.rawValue), SQLBind(caller.userID), SQLBind(name), SQLBind(device?.id), SQLBind(t))
                .ignoringConflicts().returning("id").first()
            // Two presses at the same instant: the one-open-alarm index lets one through; the other is it.
            guard let row else {
                let open = try await tx.select().column("id").from("alarms").where("household_id", .equal, householdID).where(SQLRaw("closed_at IS NULL")).first()!
                return (try open.decode(column: "id", as: Int64.self), false)
            }
            let id = try row.decode(column: "id", as: Int64.self)
            try await self.queueDeliveries(tx, alarmID: id, groupID: groupID, householdID: householdID, path: path, at: t)
            try await self.alarmEvent(tx, id, .raised, caller.userID, name, [v.kind.rawValue, v.drill ? "drill" : "", v.note].filter { !$0.isEmpty }.joined(separator: " · "))
            try await self.audit(tx, caller, "alarm.raise", "alarm", String(id), "\(v.kind.rawValue)\(v.drill ? " drill" : "") household \(householdID) via \(source.rawValue)", at: path)
            try await self.alarmBus.announce(tx, Self.alarmTopics(groupID: groupID, stationPath: station), postgres: self.isPostgres)
            return (id, true)
        }
        return (try await alarm(id: id, Self.systemCaller(path)), created)
    }

    // MARK: Responding

    /// 受理, 派警, 到场, 请求增援, 结案 by staff of the alarm's station; 收到 and 我去看看 by its
    /// neighbours. Each step lands once, in order, on an open alarm (a step already taken, or an
    /// alarm closed meanwhile, is refused and changes nothing), on the timeline and in the audit.
    public func actOnAlarm(id: Int64, _ action: AlarmAction, _ input: AlarmActionInput = AlarmActionInput(), _ caller: Caller) async throws -> AlarmView {
        guard action.byNeighbour ? caller.role.usesPortal : caller.role.mayRecordWork else { throw Forbidden() }
        let alarm = try await self.alarm(id: id, caller)
        let path = try await alarmPath(id), station = Self.stationPath(of: path)
        let officer: (id: Int64, name: String)? = try await {
            guard action == .dispatch || (action == .acknowledge && input.officerID != nil) else { return nil }
            guard let oid = input.officerID else { throw ValidationFailure(field: "officerID", .required) }
            guard let o = try await staff(under: station).first(where: { $0.id == oid }) else { throw ValidationFailure(field: "officerID", .unknownOfficer) }
            return (o.id, o.displayName)
        }()
        let closing = action == .close ? try AlarmRules.close(outcome: input.outcome, notes: input.notes).get() : nil
        guard alarm.isOpen else { throw ValidationFailure(field: "action", .notAllowedNow) }
        let t = now(), who = caller.displayName
        try await write { tx in
            let update = tx.update("alarms").where("id", .equal, id).where(SQLRaw("closed_at IS NULL"))
            var steps: [(AlarmStep, String)] = []
            switch action {
            case .acknowledge:
                _ = update.set("acknowledged_at", to: t).where(SQLRaw("acknowledged_at IS NULL"))
                if let officer { _ = update.set("dispatched_to", to: officer.id) }
                steps = [(.acknowledged, "")] + (officer.map { [(.dispatched, $0.name)] } ?? [])
            case .dispatch:
                _ = update.set("dispatched_to", to: officer!.id).where(SQLRaw("acknowledged_at IS NOT NULL"))
                steps = [(.dispatched, officer!.name)]
            case .arrive:
                _ = update.set("arrived_at", to: t).where(SQLRaw("arrived_at IS NULL"))
                steps = [(.arrived, "")]
            case .reinforce:
                _ = update.set("reinforced_at", to: t).where(SQLRaw("reinforced_at IS NULL"))
                steps = [(.reinforced, input.notes?.trimmed ?? "")]
            case .close:
                _ = update.set("closed_at", to: t).set("outcome", to: closing!.0.rawValue).set("close_notes", to: closing!.1)
                steps = [(.closed, [closing!.0.rawValue, closing!.1].filter { !$0.isEmpty }.joined(separator: " · "))]
            case .seen, .going:
                // Once per neighbour and answer.
                let done = try await tx.select().column("id").from("alarm_events").where("alarm_id", .equal, id).where("step", .equal, action.rawValue)
                    .where("actor_id", .equal, caller.userID).first()
                if done != nil { throw ValidationFailure(field: "action", .notAllowedNow) }
                // An update that changes nothing: the alarm must still be open, checked like the other steps.
                _ = update.set("pressed_at", to: SQLColumn("pressed_at"))
                steps = [(AlarmStep(rawValue: action.rawValue)!, "")]
            }
            guard try await update.returning("id").first() != nil else { throw ValidationFailure(field: "action", .notAllowedNow) }
            for (step, detail) in steps { try await self.alarmEvent(tx, id, step, caller.userID, who, detail) }
            try await self.audit(tx, caller, "alarm.\(action.rawValue)", "alarm", String(id), steps.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: "; "), at: path)
            try await self.alarmBus.announce(tx, Self.alarmTopics(groupID: alarm.groupID, stationPath: station), postgres: self.isPostgres)
        }
        return try await self.alarm(id: id, caller)
    }

    // MARK: Following up

    /// What a 真实警情 can be followed up as: a request, a dispute.
    public enum AlarmFollowUp: String, Sendable { case request, dispute }

    /// The alarm a request or dispute is about to be made from: closed as 真实警情 and not yet
    /// followed up that way (else refused, before anything is made).
    public func alarmToFollowUp(id: Int64, as kind: AlarmFollowUp, _ caller: Caller) async throws -> AlarmView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let a = try await alarm(id: id, caller)
        guard a.outcome == .real, (kind == .request ? a.requestID : a.disputeID) == nil else { throw ValidationFailure(field: "alarmID", .notAllowedNow) }
        return a
    }

    /// Links the request or dispute made from the alarm, on its timeline and in the audit.
    public func linkAlarm(id: Int64, _ kind: AlarmFollowUp, recordID: Int64, _ caller: Caller) async throws {
        let path = try await alarmPath(id)
        try await write { tx in
            guard try await tx.update("alarms").set("\(kind.rawValue)_id", to: recordID).where("id", .equal, id).where(SQLRaw("\(kind.rawValue)_id IS NULL"))
                .returning("id").first() != nil else { return }
            try await self.alarmEvent(tx, id, .converted, caller.userID, caller.displayName, "\(kind.rawValue) \(recordID)")
            try await self.audit(tx, caller, "alarm.follow_up", "alarm", String(id), "\(kind.rawValue) \(recordID)", at: path)
        }
    }

    // MARK: Escalating

    /// Alarms not acknowledged within their station's limit: marked once, put on the timeline,
    /// the desk woken again and the station leaders told. Safe to run on several instances at
    /// once: only the run whose update finds the alarm still unmarked does anything.
    public func escalateAlarms() async throws -> Int {
        let t = now(), caller = Self.systemCaller("/")
        let rows = try await sql.select().columns(SQLRaw("a.id, a.pressed_at, a.unit_path, a.station_path, a.group_id, a.household_id, a.kind, h.address, s.acknowledge_seconds, s.arrive_seconds, s.handle_seconds"))
            .from(SQLAlias(SQLIdentifier("alarms"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = a.household_id"))
            .join(SQLAlias(SQLIdentifier("alarm_standards"), as: SQLIdentifier("s")), method: SQLJoinMethod.left, on: SQLRaw("s.station_path = a.station_path"))
            .where(SQLRaw("a.closed_at IS NULL AND a.acknowledged_at IS NULL AND a.escalated_at IS NULL"))
            .where(SQLColumn("pressed_at", table: "a"), .lessThan, SQLBind(t.addingTimeInterval(-10))).all()
        var escalated = 0
        for r in rows {
            let id = try r.decode(column: "id", as: Int64.self), path = try r.decode(column: "unit_path", as: String.self)
            let standard = AlarmStandard(stored: try r.decode(column: "acknowledge_seconds", as: Int?.self), try r.decode(column: "arrive_seconds", as: Int?.self),
                                         try r.decode(column: "handle_seconds", as: Int?.self))
            let ack = standard.acknowledgeSeconds
            guard AlarmTiming.shouldEscalate(AlarmTimes(pressedAt: try r.decode(column: "pressed_at", as: Date.self)), escalatedAt: nil, standard, now: t) else { continue }
            let topics = Self.alarmTopics(groupID: try r.decode(column: "group_id", as: Int64.self), stationPath: try r.decode(column: "station_path", as: String.self))
            let subject = "\(try r.decode(column: "address", as: String.self)) \(try r.decode(column: "kind", as: String.self))"
            let done: Bool = try await write { tx in
                guard try await tx.update("alarms").set("escalated_at", to: t).where("id", .equal, id)
                    .where(SQLRaw("escalated_at IS NULL AND acknowledged_at IS NULL AND closed_at IS NULL")).returning("id").first() != nil else { return false }
                try await self.alarmEvent(tx, id, .escalated, nil, caller.username, String(ack))
                try await self.notify(tx, userIDs: try await self.leaders(tx, of: .stationLeader, over: path),
                                      NoticeFacts(kind: .alarmEscalated, objectID: id, subject: subject), dedupeKey: "alarm.escalated.\(id)")
                try await self.audit(tx, caller, "alarm.escalate", "alarm", String(id), "not acknowledged within \(ack) s", at: path)
                try await self.alarmBus.announce(tx, topics, postgres: self.isPostgres)
                return true
            }
            if done { escalated += 1 }
        }
        return escalated
    }

    // MARK: Helpers

    func alarmEvent(_ tx: any SQLDatabase, _ alarmID: Int64, _ step: AlarmStep, _ actorID: Int64?, _ actorName: String, _ detail: String) async throws {
        try await tx.insert(into: "alarm_events").columns("alarm_id", "at", "step", "actor_id", "actor_name", "detail")
            .values(SQLBind(alarmID), SQLBind(now()), SQLBind(step.rawValue), SQLBind(actorID), SQLBind(actorName), SQLBind(detail)).run()
    }

    func alarmPath(_ id: Int64) async throws -> String {
        guard let r = try await sql.select().column("unit_path").from("alarms").where("id", .equal, id).first() else { throw NotFound() }
        return try r.decode(column: "unit_path", as: String.self)
    }

    /// Reads an alarm for whoever raised it (a device has no account of its own).
    static func systemCaller(_ path: String) -> Caller {
        Caller(userID: nil, username: "system:alarm", role: .admin, jurisdiction: .subtree(path: path), clientAddress: "")
    }
}
