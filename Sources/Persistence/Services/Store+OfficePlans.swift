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

extension Store {
    static let maxSlotCapacity = 20

    /// The plans of a station's officers (those without one too, with an empty plan), for its leaders
    /// and the station's own people.
    public func officePlans(stationID: Int64?, _ caller: Caller) async throws -> (station: Domain.Unit, plans: [OfficePlanView]) {
        let station = try await dutyStation(id: stationID, caller)
        let staff = try await staff(of: station).filter { $0.role.mayAnswerForGrid }
        let stored = try await planRows(userIDs: staff.map(\.id))
        return (station, staff.map { a in
            let row = stored[a.id]
            return OfficePlanView(officerID: a.id, officerName: a.displayName, unitName: a.unitName, plan: row.flatMap { WeeklyPlan(text: $0.blocks) } ?? WeeklyPlan(blocks: []),
                                  capacity: row?.capacity ?? 1, updatedAt: row?.updatedAt)
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
        if errors.isEmpty, let f = plan.validate(.standard) { errors += f.errors }
        if !(1...Self.maxSlotCapacity).contains(input.capacity) { errors.append(FieldError(field: "capacity", problem: .invalidChoice)) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let t = now()
        try await write { tx in
            try await tx.delete(from: "office_plans").where("user_id", .equal, officer.id).run()
            try await tx.insert(into: "office_plans").columns("user_id", "unit_path", "blocks", "capacity", "updated_by", "updated_at")
                .values(SQLBind(officer.id), SQLBind(officer.unitPath), SQLBind(plan.text), SQLBind(input.capacity), SQLBind(caller.userID), SQLBind(t)).run()
            try await self.audit(tx, caller, "office_plan.set", "user", String(officer.id), "blocks=\(plan.text) capacity=\(input.capacity)", at: officer.unitPath)
        }
        return OfficePlanView(officerID: officer.id, officerName: officer.displayName, unitName: officer.unitName, plan: plan, capacity: input.capacity, updatedAt: t)
    }

    /// The officer's slots over the coming days and how full each is. Read by whoever may book
    /// with this officer; the slots say nothing about who booked them.
    func slots(officerID: Int64) async throws -> [SlotView] {
        guard let row = try await planRows(userIDs: [officerID])[officerID], let plan = WeeklyPlan(text: row.blocks) else { return [] }
        let today = ChinaTime.day(now())
        let slots = AppointmentRules.slots(plan: plan, from: today, days: AppointmentRules.daysAhead, capacity: row.capacity)
        let taken = try await sql.select().columns("day", "block", "taken").from("appointment_slots").where("officer_id", .equal, officerID)
            .where("day", .greaterThanOrEqual, today).all().reduce(into: [String: Int]()) { m, r in
                m["\(try r.decode(column: "day", as: String.self)) \(try r.decode(column: "block", as: String.self))"] = try r.decode(column: "taken", as: Int.self)
            }
        let t = now()
        return slots.filter { ($0.start ?? t) > t }.map { SlotView(day: $0.day, block: $0.block, capacity: $0.capacity, taken: taken["\($0.day) \($0.block.rawValue)"] ?? 0) }
    }
}
