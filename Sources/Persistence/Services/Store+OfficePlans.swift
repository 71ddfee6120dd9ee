import Domain
import Foundation
import SQLKit

/// An officer's weekly office plan as the leader's editor and the booking form read it.
public struct OfficePlanView: Sendable, Equatable, Codable {
    public var officerID: Int64
    public var officerName: String
    public var unitName: String
    public var plan: WeeklyPlan
    /// Places per slot.
    public var capacity: Int
    public var updatedAt: Date?
    /// Coming days the officer takes no bookings, and why.
    public var daysOff: [DayOff]
}

public struct DayOff: Sendable, Equatable, Codable {
    public var day: String
    public var reason: String
}

/// One of an officer's coming slots and how many of its places are taken.
public struct SlotView: Sendable, Equatable, Codable {
    public var day: String
    public var block: OfficeBlock
    public var capacity: Int
    public var taken: Int
    public var isFull: Bool { taken >= capacity }
}

public struct OfficePlanInput: Sendable, Codable, Equatable {
    public var officerID: Int64
    /// "1:morning", "1:evening", …
    public var blocks: [String]
    public var capacity: Int
    public init(officerID: Int64, blocks: [String], capacity: Int) { self.officerID = officerID; self.blocks = blocks; self.capacity = capacity }
}

public struct DayOffInput: Sendable, Codable, Equatable {
    public var officerID: Int64
    public var day: String
    public var reason: String
    /// True to take the day off, false to give it back.
    public var off: Bool
    public init(officerID: Int64, day: String, reason: String = "", off: Bool = true) { self.officerID = officerID; self.day = day; self.reason = reason; self.off = off }
}

extension Store {
    static let maxSlotCapacity = 20

    /// The plans of a station's officers (those without one too, with an empty plan), for its leaders
    /// and the station's own people.
    public func officePlans(stationID: Int64?, _ caller: Caller) async throws -> (station: Domain.Unit, plans: [OfficePlanView]) {
        let station = try await dutyStation(id: stationID, caller)
        let staff = try await staff(of: station).filter { $0.role.mayAnswerForGrid }
        let stored = try await planRows(userIDs: staff.map(\.id))
        let off = try await daysOff(userIDs: staff.map(\.id), from: ChinaTime.day(now()))
        return (station, staff.map { a in
            let row = stored[a.id]
            return OfficePlanView(officerID: a.id, officerName: a.displayName, unitName: a.unitName, plan: row.flatMap { WeeklyPlan(text: $0.blocks) } ?? WeeklyPlan(blocks: []),
                                  capacity: row?.capacity ?? 1, updatedAt: row?.updatedAt, daysOff: off[a.id] ?? [])
        })
    }

    struct PlanRow: Decodable { var userId: Int64; var unitPath: String; var blocks: String; var capacity: Int; var updatedAt: Date }

    func planRows(userIDs: [Int64]) async throws -> [Int64: PlanRow] {
        guard !userIDs.isEmpty else { return [:] }
        let rows = try await sql.select().columns("user_id", "unit_path", "blocks", "capacity", "updated_at").from("office_plans")
            .where("user_id", .in, SQLBind.group(userIDs)).all(decoding: PlanRow.self, with: Store.rowDecoder)
        return Dictionary(rows.map { ($0.userId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// 坐班计划: the station leader sets an officer's week; at least the rule's half-days, each
    /// planned day's evening covered (seed 002).
    public func setOfficePlan(stationID: Int64?, _ input: OfficePlanInput, _ caller: Caller) async throws -> OfficePlanView {
        guard caller.role.keepsRoster else { throw Forbidden() }
        let station = try await dutyStation(id: stationID, caller)
        guard let officer = try await staff(of: station).first(where: { $0.id == input.officerID && $0.role.mayAnswerForGrid }) else {
            throw ValidationFailure(field: "officerID", .unknownOfficer)
        }
        var errors: [FieldError] = []
        var blocks = Set<PlannedBlock>()
        for raw in input.blocks {
            guard let plan = WeeklyPlan(text: raw), let b = plan.blocks.first, plan.blocks.count == 1 else { errors.append(FieldError(field: "blocks", problem: .invalidChoice)); continue }
            blocks.insert(b)
        }
        let plan = WeeklyPlan(blocks: blocks)
        if errors.isEmpty, let f = plan.validate(try await officeHoursRule()) { errors += f.errors }
        if !(1...Self.maxSlotCapacity).contains(input.capacity) { errors.append(FieldError(field: "capacity", problem: .invalidChoice)) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let t = now()
        try await write { tx in
            try await tx.delete(from: "office_plans").where("user_id", .equal, officer.id).run()
            try await tx.insert(into: "office_plans").columns("user_id", "unit_path", "blocks", "capacity", "updated_by", "updated_at")
                .values(SQLBind(officer.id), SQLBind(officer.unitPath), SQLBind(plan.text), SQLBind(input.capacity), SQLBind(caller.userID), SQLBind(t)).run()
            try await self.audit(tx, caller, "office_plan.set", "user", String(officer.id), "blocks=\(plan.text) capacity=\(input.capacity)", at: officer.unitPath)
        }
        return OfficePlanView(officerID: officer.id, officerName: officer.displayName, unitName: officer.unitName, plan: plan, capacity: input.capacity, updatedAt: t,
                              daysOff: try await daysOff(userIDs: [officer.id], from: ChinaTime.day(t))[officer.id] ?? [])
    }

    /// The officer's slots over the coming days and how full each is. Read by whoever may book
    /// with this officer; the slots say nothing about who booked them.
    func slots(officerID: Int64) async throws -> [SlotView] {
        guard let row = try await planRows(userIDs: [officerID])[officerID], let plan = WeeklyPlan(text: row.blocks) else { return [] }
        let today = ChinaTime.day(now())
        let off = Set((try await daysOff(userIDs: [officerID], from: today)[officerID] ?? []).map(\.day))
        let slots = AppointmentRules.slots(plan: plan, from: today, days: AppointmentRules.daysAhead, capacity: row.capacity, except: off)
        let taken = try await sql.select().columns("day", "block", "taken").from("appointment_slots").where("officer_id", .equal, officerID)
            .where("day", .greaterThanOrEqual, today).all().reduce(into: [String: Int]()) { m, r in
                m["\(try r.decode(column: "day", as: String.self)) \(try r.decode(column: "block", as: String.self))"] = try r.decode(column: "taken", as: Int.self)
            }
        let t = now()
        return slots.filter { ($0.start ?? t) > t }.map { SlotView(day: $0.day, block: $0.block, capacity: $0.capacity, taken: taken["\($0.day) \($0.block.rawValue)"] ?? 0) }
    }

    // MARK: The rule and the days off

    /// 坐班规则: the station's minimum half-days and the share of a block that keeps it.
    public func officeHoursRule() async throws -> OfficeHoursRule {
        OfficeHoursRule(storage: try await sql.select().columns("id", "value").from("work_settings")
            .where("id", .in, SQLBind.group(OfficeHoursRule.standard.storage.map(\.0))).all().map {
                (try $0.decode(column: "id", as: String.self), try $0.decode(column: "value", as: Int.self))
            })
    }

    /// Administrator only; audited before → after. Plans already set stay; the rule applies to
    /// plans saved from now on and to every week's compliance.
    public func setOfficeHoursRule(_ rule: OfficeHoursRule, _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        let old = try await officeHoursRule()
        try await write { tx in
            var changes: [String] = []
            for ((key, value), (_, before)) in zip(rule.storage, old.storage) where value != before {
                try await tx.update("work_settings").set("value", to: value).where("id", .equal, key).run()
                changes.append("\(key): \(before) -> \(value)")
            }
            guard !changes.isEmpty else { return }
            try await self.audit(tx, caller, "settings.update", "settings", "office_hours", changes.joined(separator: "; "), at: "")
        }
    }

    /// The leader excuses an officer's day (leave, duty elsewhere): no bookings that day, and its
    /// blocks are not owed. A day with open appointments must be cleared first.
    public func setDayOff(stationID: Int64?, _ input: DayOffInput, _ caller: Caller) async throws -> OfficePlanView {
        guard caller.role.keepsRoster else { throw Forbidden() }
        let station = try await dutyStation(id: stationID, caller)
        guard let officer = try await staff(of: station).first(where: { $0.id == input.officerID && $0.role.mayAnswerForGrid }) else {
            throw ValidationFailure(field: "officerID", .unknownOfficer)
        }
        let today = ChinaTime.day(now()), reason = input.reason.trimmed
        guard CivilDate.dayNumber(input.day) != nil else { throw ValidationFailure(field: "day", .invalidDate) }
        if input.off {
            if input.day < today { throw ValidationFailure(field: "day", .inPast) }
            if reason.count > AppointmentRules.maxNote { throw ValidationFailure(field: "reason", .tooLong) }
            let open = try await sql.select().column("id").from("appointments").where("officer_id", .equal, officer.id).where("day", .equal, input.day)
                .where("status", .in, SQLBind.group([AppointmentStatus.booked.rawValue, AppointmentStatus.confirmed.rawValue])).first()
            if open != nil { throw ValidationFailure(field: "day", .hasAppointments) }
        }
        let t = now()
        try await write { tx in
            try await tx.delete(from: "office_days_off").where("user_id", .equal, officer.id).where("day", .equal, input.day).run()
            if input.off {
                try await tx.insert(into: "office_days_off").columns("user_id", "day", "reason", "created_by", "created_at")
                    .values(SQLBind(officer.id), SQLBind(input.day), SQLBind(reason), SQLBind(caller.userID), SQLBind(t)).run()
            }
            try await self.audit(tx, caller, input.off ? "office_day_off.set" : "office_day_off.remove", "user", String(officer.id), "\(input.day) \(reason)", at: officer.unitPath)
        }
        return try await officePlans(stationID: station.id, caller).plans.first { $0.officerID == officer.id }!
    }

    /// The days off of these officers from `from` on, in order.
    func daysOff(userIDs: [Int64], from: String, to: String? = nil) async throws -> [Int64: [DayOff]] {
        guard !userIDs.isEmpty else { return [:] }
        var q = sql.select().columns("user_id", "day", "reason").from("office_days_off").where("user_id", .in, SQLBind.group(userIDs)).where("day", .greaterThanOrEqual, from)
        if let to { q = q.where("day", .lessThanOrEqual, to) }
        var out: [Int64: [DayOff]] = [:]
        for r in try await q.orderBy("day").all() {
            out[try r.decode(column: "user_id", as: Int64.self), default: []].append(DayOff(day: try r.decode(column: "day", as: String.self),
                                                                                          reason: try r.decode(column: "reason", as: String.self)))
        }
        return out
    }
}
