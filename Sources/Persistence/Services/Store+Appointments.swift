import Domain
import Foundation
import SQLKit

/// An appointment as its list and page show it.
public struct AppointmentView: Sendable, Equatable, Codable {
    public var id: Int64
    public var householdID: Int64
    public var address: String
    public var residentID: Int64?
    public var residentName: String?
    public var officerID: Int64
    public var officerName: String
    public var kind: String
    public var kindName: String
    public var place: AppointmentPlace
    public var day: String
    public var block: OfficeBlock
    public var status: AppointmentStatus
    public var note: String
    public var visitID: Int64?
    public var reason: String
    public var doneAt: Date?
    public var doneNote: String
    /// What was counted when done: counter code → number (身份证 → 1).
    public var counts: [String: Int]
    public var rating: Satisfaction?
    public var createdAt: Date
    public var bookedBy: String?
}

/// Which appointments a list shows: booked in the period, still open, or done in the period.
public struct AppointmentFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable { case all, open, done, onDay = "on_day", rated, dissatisfied }
    public var show: Show
    public var unitID: Int64?
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}

extension Store {
    /// The kinds offered (retired ones too with `includeRetired`, for the settings page).
    public func serviceKinds(includeRetired: Bool = false) async throws -> [ServiceKind] {
        var q = sql.select().columns("code", "name", "materials", "counters", "at_home", "active").from("service_kinds")
        if !includeRetired { q = q.where("active", .equal, SQLBind(true)) }
        return try await q.orderBy("position").all(decoding: ServiceKindRow.self, with: Store.rowDecoder).map(\.kind)
    }

    /// The administrator adds a kind or changes one (its code stays: appointments keep it).
    public func saveServiceKind(_ kind: ServiceKind, _ caller: Caller) async throws {
        guard caller.role.mayConfigure else { throw Forbidden() }
        let materials = try ServiceKindRow.json(kind.materials), counters = try ServiceKindRow.json(kind.counters)
        try await write { tx in
            if let before = try await tx.select().column("name").from("service_kinds").where("code", .equal, kind.code).first() {
                try await tx.update("service_kinds").set("name", to: kind.name).set("materials", to: materials).set("counters", to: counters)
                    .set("at_home", to: kind.atHome).set("active", to: kind.active).where("code", .equal, kind.code).run()
                try await self.audit(tx, caller, "service_kind.update", "service_kind", kind.code,
                                     "\(try before.decode(column: "name", as: String.self)) -> \(kind.name) counters=\(kind.counters.map(\.code)) at_home=\(kind.atHome) active=\(kind.active)", at: "")
            } else {
                let order = try await tx.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("service_kinds").first()?.decode(column: "n", as: Int.self) ?? 0
                try await tx.insert(into: "service_kinds").columns("code", "name", "materials", "counters", "at_home", "active", "position")
                    .values(SQLBind(kind.code), SQLBind(kind.name), SQLBind(materials), SQLBind(counters), SQLBind(kind.atHome), SQLBind(kind.active), SQLBind(order)).run()
                try await self.audit(tx, caller, "service_kind.create", "service_kind", kind.code, kind.name, at: "")
            }
        }
    }

    /// 预约: a resident for their own household, or an officer for a resident of their reach,
    /// in one of the officer's coming slots that still has room. The place is taken atomically.
    public func bookAppointment(_ input: AppointmentInput, _ caller: Caller) async throws -> AppointmentView {
        guard caller.role.usesPortal || caller.role.mayRecordWork else { throw Forbidden() }
        let kinds = try await serviceKinds()
        var (kind, place, errors) = AppointmentRules.validate(input, kinds: kinds)
        guard let household = try? await household(id: input.householdID, caller) else { throw ValidationFailure(field: "householdID", .unknownHousehold) }
        if let r = input.residentID, try await sql.select().column("id").from("residents").where("id", .equal, r).where("household_id", .equal, household.id).first() == nil {
            errors.append(FieldError(field: "residentID", problem: .unknownResident))
        }
        if let v = input.visitID, try await sql.select().column("id").from("visits").where("id", .equal, v).where("household_id", .equal, household.id).first() == nil {
            errors.append(FieldError(field: "visitID", problem: .invalidChoice))
        }
        let officer = try await bookingOfficer(input.officerID, household: household)
        if officer == nil { errors.append(FieldError(field: "officerID", problem: .unknownOfficer)) }
        guard errors.isEmpty, let kind, let place, let officer, let block = OfficeBlock(rawValue: input.block) else { throw ValidationFailure(errors) }
        let (slot, capacity) = try await checkedSlot(officer: officer, day: input.day, block: block)
        let t = now(), remindAt = AppointmentRules.remindAt(slot, bookedAt: t) ?? t
        let id: Int64 = try await write { tx in
            try await self.takeSlot(tx, officer: officer, slot: slot, capacity: capacity)
            let id = try await tx.insert(into: "appointments")
                .columns("household_id", "resident_id", "unit_path", "officer_id", "kind", "place", "day", "block", "status", "note", "visit_id", "remind_at",
                         "reminded", "done_note", "reason", "created_by", "created_at", "updated_at")
                .values(SQLBind(household.id), SQLBind(input.residentID), SQLBind(household.unitPath), SQLBind(officer), SQLBind(kind.code), SQLBind(place.rawValue),
                        SQLBind(slot.day), SQLBind(block.rawValue), SQLBind(AppointmentStatus.booked.rawValue), SQLBind(input.note.trimmed), SQLBind(input.visitID),
                        SQLBind(remindAt), SQLBind(false), SQLBind(""), SQLBind(""), SQLBind(caller.userID), SQLBind(t), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "appointment.create", "appointment", String(id),
                                 "household=\(household.id) kind=\(kind.code) place=\(place.rawValue) \(slot.day) \(block.rawValue) officer=\(officer)", at: household.unitPath)
            return id
        }
        return try await appointment(id: id, caller)
    }

    /// The officer named (of the household's station, with a plan), else the household's grid officer.
    func bookingOfficer(_ named: Int64?, household: Household) async throws -> Int64? {
        let officer: Int64?
        if let named { officer = named } else {
            officer = try await sql.select().column("responsible_officer_id").from("units").where("id", .equal, household.gridID).first()?
                .decode(column: "responsible_officer_id", as: Int64?.self)
        }
        guard let officer, let plan = try await planRows(userIDs: [officer])[officer],
              plan.unitPath.hasPrefix(Self.stationPath(of: household.unitPath)) else { return nil }
        return officer
    }

    /// The slot asked for, checked against the officer's plan and days off, the clock and the
    /// places taken so far; what it returns is what `takeSlot` needs. A day gone by is asked of the
    /// plan alone, so its slot says "in the past", not "outside the plan".
    func checkedSlot(officer: Int64, day: String, block: OfficeBlock) async throws -> (AppointmentSlot, capacity: Int) {
        let today = ChinaTime.day(now())
        guard CivilDate.dayNumber(day) != nil else { throw ValidationFailure(field: "day", .invalidDate) }
        guard let row = try await planRows(userIDs: [officer])[officer], let plan = WeeklyPlan(text: row.blocks) else { throw ValidationFailure(field: "slot", .outsidePlan) }
        let off = Set((try await daysOff(userIDs: [officer], from: today)[officer] ?? []).map(\.day))
        let known = day < today ? AppointmentRules.slots(plan: plan, from: day, days: 1, capacity: row.capacity)
            : AppointmentRules.slots(plan: plan, from: today, days: AppointmentRules.daysAhead, capacity: row.capacity, except: off)
        let taken = try await sql.select().column("taken").from("appointment_slots").where("officer_id", .equal, officer).where("day", .equal, day)
            .where("block", .equal, block.rawValue).first()?.decode(column: "taken", as: Int.self) ?? 0
        if let failure = AppointmentRules.validateBooking(day: day, block: block, slots: known, taken: taken, now: now()) { throw failure }
        let slot = known.first { $0.day == day && $0.block == block }!
        return (slot, slot.capacity)
    }

    /// Takes one place in the slot, or refuses with 已约满. One statement: of any number of
    /// bookings racing for the last place, the database lets exactly one raise `taken`.
    func takeSlot(_ tx: any SQLDatabase, officer: Int64, slot: AppointmentSlot, capacity: Int) async throws {
        let row = try await tx.raw("""
            INSERT INTO appointment_slots (officer_id, day, block, taken) VALUES (\(bind: officer), \(bind: slot.day), \(bind: slot.block.rawValue), 1)
            ON CONFLICT (officer_id, day, block) DO UPDATE SET taken = appointment_slots.taken + 1 WHERE appointment_slots.taken < \(bind: capacity)
            RETURNING taken
            """).first()
        if row == nil { throw ValidationFailure(field: "slot", .slotFull) }
    }

    func releaseSlot(_ tx: any SQLDatabase, officer: Int64, day: String, block: OfficeBlock) async throws {
        try await tx.update("appointment_slots").set(SQLIdentifier("taken"), to: SQLRaw("taken - 1")).where("officer_id", .equal, officer).where("day", .equal, day)
            .where("block", .equal, block.rawValue).where("taken", .greaterThan, 0).run()
    }

    /// The slots a booking for this household may choose from: its officer's coming slots.
    public func bookableSlots(householdID: Int64, officerID: Int64? = nil, _ caller: Caller) async throws -> [SlotView] {
        guard let household = try? await household(id: householdID, caller), let officer = try await bookingOfficer(officerID, household: household) else { return [] }
        return try await slots(officerID: officer)
    }

    /// 确认 / 改约 / 取消: the resident or the officer, on an open appointment; a reschedule takes
    /// the new place before it gives the old one back, so it never loses both.
    public func changeAppointment(id: Int64, _ change: AppointmentChange, reason: String?, day: String?, block: String?, _ caller: Caller) async throws -> AppointmentView {
        let a = try await appointment(id: id, caller)
        guard caller.role.usesPortal || caller.role.mayRecordWork else { throw Forbidden() }
        if let f = AppointmentRules.validateChange(status: a.status, reason: reason, needsReason: change.needsReason) { throw f }
        let reason = (reason ?? "").trimmed
        if reason.count > AppointmentRules.maxNote { throw ValidationFailure(field: "reason", .tooLong) }
        var target: (AppointmentSlot, Int)?
        if change == .reschedule {
            guard let b = OfficeBlock(rawValue: block ?? "") else { throw ValidationFailure(field: "slot", .required) }
            target = try await checkedSlot(officer: a.officerID, day: day ?? "", block: b)
        }
        let moved = target
        let t = now(), path = try await unitPath(ofAppointment: id)
        try await write { tx in
            let update = tx.update("appointments").set("updated_at", to: t).set("reason", to: reason).where("id", .equal, id)
                .where("status", .in, SQLBind.group([AppointmentStatus.booked.rawValue, AppointmentStatus.confirmed.rawValue]))
            switch change {
            case .confirm:
                _ = update.set("status", to: AppointmentStatus.confirmed.rawValue)
            case .cancel:
                _ = update.set("status", to: AppointmentStatus.cancelled.rawValue)
                try await self.releaseSlot(tx, officer: a.officerID, day: a.day, block: a.block)
            case .reschedule:
                let (slot, capacity) = moved!
                try await self.takeSlot(tx, officer: a.officerID, slot: slot, capacity: capacity)
                try await self.releaseSlot(tx, officer: a.officerID, day: a.day, block: a.block)
                _ = update.set("day", to: slot.day).set("block", to: slot.block.rawValue).set("status", to: AppointmentStatus.booked.rawValue)
                    .set("remind_at", to: AppointmentRules.remindAt(slot, bookedAt: t) ?? t).set("reminded", to: false)
            }
            guard try await update.returning("id").first() != nil else { throw ValidationFailure(field: "status", .notAllowedNow) }
            let to = moved.map { " -> \($0.0.day) \($0.0.block.rawValue)" } ?? ""
            try await self.audit(tx, caller, "appointment.\(change.rawValue)", "appointment", String(id), "\(a.day) \(a.block.rawValue)\(to) reason=\(reason)", at: path)
        }
        return try await appointment(id: id, caller)
    }

    /// 办结: the officer records what was done, by the kind's counters (身份证 1 张).
    public func completeAppointment(id: Int64, counts: [String: Int], note: String, _ caller: Caller) async throws -> AppointmentView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let a = try await appointment(id: id, caller)
        guard a.status.isOpen else { throw ValidationFailure(field: "status", .notAllowedNow) }
        guard let kind = try await serviceKinds(includeRetired: true).first(where: { $0.code == a.kind }) else { throw ValidationFailure(field: "kind", .invalidChoice) }
        if let f = kind.validate(counts: counts) { throw f }
        let note = note.trimmed
        if note.count > AppointmentRules.maxNote { throw ValidationFailure(field: "doneNote", .tooLong) }
        let t = now(), path = try await unitPath(ofAppointment: id)
        try await write { tx in
            guard try await tx.update("appointments").set("status", to: AppointmentStatus.done.rawValue).set("done_at", to: t).set("done_note", to: note)
                .set("updated_at", to: t).where("id", .equal, id)
                .where("status", .in, SQLBind.group([AppointmentStatus.booked.rawValue, AppointmentStatus.confirmed.rawValue])).returning("id").first() != nil
            else { throw ValidationFailure(field: "status", .notAllowedNow) }
            let rows = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            try await BulkInsert(table: "service_counts", columns: ["appointment_id", "unit_path", "done_at", "kind", "counter", "count"])
                .run(tx, rows.map { [id, path, t, kind.code, $0.key, $0.value] })
            try await self.audit(tx, caller, "appointment.done", "appointment", String(id), rows.map { "\($0.key)=\($0.value)" }.joined(separator: " "), at: path)
        }
        return try await appointment(id: id, caller)
    }

    /// 评价: once done, the resident (or the officer, from a call) rates it; 不满意 goes to the
    /// station leaders' inbox.
    public func rateAppointment(id: Int64, rating raw: String, _ caller: Caller) async throws -> AppointmentView {
        guard caller.role.usesPortal || caller.role.mayRecordWork else { throw Forbidden() }
        let a = try await appointment(id: id, caller)
        guard let rating = Satisfaction(rawValue: raw) else { throw ValidationFailure(field: "rating", .invalidChoice) }
        guard a.status == .done else { throw ValidationFailure(field: "status", .notAllowedNow) }
        guard a.rating == nil else { throw ValidationFailure(field: "rating", .alreadyRated) }
        let t = now(), path = try await unitPath(ofAppointment: id)
        try await write { tx in
            guard try await tx.update("appointments").set("rating", to: rating.rawValue).set("rated_at", to: t).set("updated_at", to: t)
                .where("id", .equal, id).where(SQLRaw("rating IS NULL")).returning("id").first() != nil
            else { throw ValidationFailure(field: "rating", .alreadyRated) }
            try await self.audit(tx, caller, "appointment.rate", "appointment", String(id), rating.rawValue, at: path)
            if rating == .dissatisfied {
                try await self.notify(tx, userIDs: try await self.leaders(tx, of: .stationLeader, over: path),
                                      NoticeFacts(kind: .appointmentDissatisfied, objectID: id, subject: "\(a.kindName) \(a.address)"), dedupeKey: "appointment.dissatisfied:\(id)")
            }
        }
        return try await appointment(id: id, caller)
    }

    /// 提醒: the day before (09:00), the officer and the household's portal accounts hear of it.
    /// Safe to run twice or on two instances: the flag is the lock and notices are deduplicated.
    func sendAppointmentReminders() async throws -> Int {
        let t = now()
        let due = try await sql.select().columns(SQLRaw("a.id, a.officer_id, a.household_id, a.day, a.block, k.name AS kind_name"))
            .from(SQLAlias(SQLIdentifier("appointments"), as: SQLIdentifier("a"))).join(SQLAlias(SQLIdentifier("service_kinds"), as: SQLIdentifier("k")), on: SQLRaw("k.code = a.kind"))
            .where(SQLColumn("reminded", table: "a"), .equal, SQLBind(false)).where(SQLColumn("remind_at", table: "a"), .lessThanOrEqual, SQLBind(t))
            .where(SQLColumn("status", table: "a"), .in, SQLBind.group([AppointmentStatus.booked.rawValue, AppointmentStatus.confirmed.rawValue]))
            .limit(1000).all()
        var sent = 0
        for r in due {
            let id = try r.decode(column: "id", as: Int64.self), officer = try r.decode(column: "officer_id", as: Int64.self)
            let household = try r.decode(column: "household_id", as: Int64.self), day = try r.decode(column: "day", as: String.self)
            let block = try r.decode(column: "block", as: String.self), kindName = try r.decode(column: "kind_name", as: String.self)
            let done: Bool = try await write { tx in
                guard try await tx.update("appointments").set("reminded", to: true).where("id", .equal, id).where("reminded", .equal, SQLBind(false))
                    .returning("id").first() != nil else { return false }
                let residents = try await tx.select().column("id").from("users").where("household_id", .equal, household).where("disabled", .equal, SQLBind(false))
                    .all().map { try $0.decode(column: "id", as: Int64.self) }
                try await self.notify(tx, userIDs: [officer] + residents, NoticeFacts(kind: .appointmentReminder, objectID: id, subject: kindName,
                                                                                               dueAt: OfficeBlock(rawValue: block).flatMap { AppointmentSlot(day: day, block: $0, capacity: 1).start }),
                                      dedupeKey: "appointment.reminder:\(id):\(day):\(block)")
                return true
            }
            if done { sent += 1 }
        }
        return sent
    }

    func unitPath(ofAppointment id: Int64) async throws -> String {
        guard let p = try await sql.select().column("unit_path").from("appointments").where("id", .equal, id).first()?.decode(column: "unit_path", as: String.self) else { throw NotFound() }
        return p
    }

    struct AppointmentRow: Decodable {
        var id: Int64; var householdId: Int64; var address: String; var residentId: Int64?; var residentName: String?; var officerId: Int64; var officerName: String
        var kind: String; var kindName: String; var place: String; var day: String; var block: String; var status: String; var note: String; var visitId: Int64?
        var reason: String; var doneAt: Date?; var doneNote: String; var rating: String?; var createdAt: Date; var bookedBy: String?
        var view: AppointmentView {
            AppointmentView(id: id, householdID: householdId, address: address, residentID: residentId, residentName: residentName, officerID: officerId, officerName: officerName,
                            kind: kind, kindName: kindName, place: AppointmentPlace(rawValue: place) ?? .office, day: day, block: OfficeBlock(rawValue: block) ?? .morning,
                            status: AppointmentStatus(rawValue: status) ?? .booked, note: note, visitID: visitId, reason: reason, doneAt: doneAt, doneNote: doneNote,
                            counts: [:], rating: rating.flatMap(Satisfaction.init(rawValue:)), createdAt: createdAt, bookedBy: bookedBy)
        }
    }

    private func appointmentQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw("""
            a.id, a.household_id, h.address, a.resident_id, r.name AS resident_name, a.officer_id, o.display_name AS officer_name, a.kind, k.name AS kind_name, a.place,
            a.day, a.block, a.status, a.note, a.visit_id, a.reason, a.done_at, a.done_note, a.rating, a.created_at, b.display_name AS booked_by
            """))
            .from(SQLAlias(SQLIdentifier("appointments"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = a.household_id"))
            .join(SQLAlias(SQLIdentifier("service_kinds"), as: SQLIdentifier("k")), on: SQLRaw("k.code = a.kind"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("o")), on: SQLRaw("o.id = a.officer_id"))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), method: SQLJoinMethod.left, on: SQLRaw("r.id = a.resident_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("b")), method: SQLJoinMethod.left, on: SQLRaw("b.id = a.created_by"))
            .where(caller.jurisdiction.predicate(pathColumn: "a.unit_path", householdColumn: "a.household_id"))
    }

    public func appointments(_ filter: AppointmentFilter, _ caller: Caller, limit: Int = 500) async throws -> [AppointmentView] {
        var q = appointmentQuery(caller)
        let time: SQLColumn
        switch filter.show {
        case .all: time = SQLColumn("created_at", table: "a")
        case .open:
            time = SQLColumn("created_at", table: "a")
            q = q.where(SQLColumn("status", table: "a"), .in, SQLBind.group([AppointmentStatus.booked.rawValue, AppointmentStatus.confirmed.rawValue]))
        case .done, .onDay, .rated, .dissatisfied:
            time = SQLColumn("done_at", table: "a")
            q = q.where(SQLColumn("status", table: "a"), .equal, SQLBind(AppointmentStatus.done.rawValue))
            if filter.show == .onDay { q = q.where(SQLRaw(AppointmentSQL.onDay(postgres: isPostgres, table: "a"))) }
            if filter.show == .rated { q = q.where(SQLRaw("a.rating IS NOT NULL")) }
            if filter.show == .dissatisfied { q = q.where(SQLColumn("rating", table: "a"), .equal, SQLBind(Satisfaction.dissatisfied.rawValue)) }
        }
        q = try await narrowed(q, "a", unitID: filter.unitID, period: filter.period, time: time, caller)
        let rows = try await q.orderBy(SQLColumn("day", table: "a"), SQLDirection.descending).orderBy(SQLColumn("id", table: "a"), SQLDirection.descending)
            .limit(limit).all(decoding: AppointmentRow.self, with: Store.rowDecoder).map(\.view)
        return try await withCounts(rows)
    }

    /// Fills in what each done appointment counted, in one query.
    private func withCounts(_ rows: [AppointmentView]) async throws -> [AppointmentView] {
        let done = rows.filter { $0.status == .done }.map(\.id)
        guard !done.isEmpty else { return rows }
        var counts: [Int64: [String: Int]] = [:]
        for chunk in done.chunked(500) {
            for r in try await sql.select().columns("appointment_id", "counter", "count").from("service_counts").where("appointment_id", .in, SQLBind.group(chunk)).all() {
                counts[try r.decode(column: "appointment_id", as: Int64.self), default: [:]][try r.decode(column: "counter", as: String.self)] = try r.decode(column: "count", as: Int.self)
            }
        }
        return rows.map { var v = $0; v.counts = counts[v.id] ?? [:]; return v }
    }

    public func appointment(id: Int64, _ caller: Caller) async throws -> AppointmentView {
        guard let v = try await appointmentQuery(caller).where(SQLColumn("id", table: "a"), .equal, SQLBind(id))
            .first(decoding: AppointmentRow.self, with: Store.rowDecoder)?.view else { throw NotFound() }
        return try await withCounts([v])[0]
    }
}

/// SQL both the list and the figures use for "done on the agreed day" (China time).
enum AppointmentSQL {
    static func onDay(postgres: Bool, table t: String) -> String {
        postgres ? "to_char((\(t).done_at AT TIME ZONE 'UTC') + INTERVAL '8 hours', 'YYYY-MM-DD') = \(t).day"
                 : "strftime('%Y-%m-%d', \(t).done_at + \(RollupKeys.chinaOffset), 'unixepoch') = \(t).day"
    }
}

struct ServiceKindRow: Decodable {
    var code: String; var name: String; var materials: String; var counters: String; var atHome: Bool; var active: Bool
    var kind: ServiceKind {
        ServiceKind(code: code, name: name, materials: (try? JSONDecoder().decode([String].self, from: Data(materials.utf8))) ?? [],
                    counters: (try? JSONDecoder().decode([ServiceCounter].self, from: Data(counters.utf8))) ?? [], atHome: atHome, active: active)
    }
    static func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
}
