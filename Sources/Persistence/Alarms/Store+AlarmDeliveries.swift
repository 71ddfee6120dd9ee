import Domain
import Foundation
import SQLKit

/// A text message the gateway owes one resident, as the desk sees it.
public struct AlarmDeliveryView: Sendable, Equatable, Codable {
    public var name: String
    public var phoneMasked: String
    public var status: DeliveryStatus
    public var attempts: Int
}

/// A message due now, with what the gateway needs to send it (the full number, decrypted here).
public struct DueDelivery: Sendable, Equatable {
    public var id: Int64
    public var alarmID: Int64
    public var name: String
    public var phone: String
    public var phoneMasked: String
    public var attempts: Int
    public var kind: AlarmKind
    public var address: String
    public var groupName: String
    public var pressedAt: Date
    public var drill: Bool
}

extension Store {
    /// Within the press: one message for each resident with a phone in the group's other
    /// households that have no portal account, hence no live page.
    func queueDeliveries(_ tx: any SQLDatabase, alarmID: Int64, groupID: Int64, householdID: Int64, path: String, at t: Date) async throws {
        let rows = try await tx.select().columns(SQLRaw("r.id, r.name, r.phone_cipher")).from(SQLAlias(SQLIdentifier("alarm_group_members"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), on: SQLRaw("r.household_id = m.household_id"))
            .where(SQLColumn("group_id", table: "m"), .equal, SQLBind(groupID)).where(SQLColumn("household_id", table: "m"), .notEqual, SQLBind(householdID))
            .where(SQLRaw("r.phone_cipher IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.household_id = m.household_id AND u.disabled = \(false))"))
            .orderBy(SQLColumn("id", table: "r")).all()
        guard !rows.isEmpty else { return }
        let insert = tx.insert(into: "alarm_deliveries").columns("alarm_id", "resident_id", "name", "phone_masked", "status", "attempts", "next_attempt_at", "unit_path")
        for r in rows {
            let phone = try cipher.open(try r.decode(column: "phone_cipher", as: String.self))
            _ = insert.values(SQLBind(alarmID), SQLBind(try r.decode(column: "id", as: Int64.self)), SQLBind(try r.decode(column: "name", as: String.self)),
                              SQLBind(PhoneNumber.mask(phone)), SQLBind(DeliveryStatus.pending.rawValue), SQLBind(0), SQLBind(t), SQLBind(path))
        }
        try await insert.run()
    }

    func deliveries(alarmID: Int64) async throws -> [AlarmDeliveryView] {
        try await sql.select().columns("name", "phone_masked", "status", "attempts").from("alarm_deliveries").where("alarm_id", .equal, alarmID).orderBy("id").all().map { r in
            AlarmDeliveryView(name: try r.decode(column: "name", as: String.self), phoneMasked: try r.decode(column: "phone_masked", as: String.self),
                              status: DeliveryStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .pending, attempts: try r.decode(column: "attempts", as: Int.self))
        }
    }

    /// The messages due now, each taken for `DeliveryRules.lease` seconds: of several instances
    /// polling at once, one takes a message (the update re-checks it is still due).
    public func claimDueDeliveries(limit: Int = 50) async throws -> [DueDelivery] {
        let t = now()
        let due = try await sql.select().column("id").from("alarm_deliveries").where("status", .equal, DeliveryStatus.pending.rawValue)
            .where("next_attempt_at", .lessThanOrEqual, t).orderBy("id").limit(limit).all().map { try $0.decode(column: "id", as: Int64.self) }
        guard !due.isEmpty else { return [] }
        let taken: [Int64] = try await write { tx in
            try await tx.update("alarm_deliveries").set("next_attempt_at", to: t.addingTimeInterval(DeliveryRules.lease))
                .where("id", .in, SQLBind.group(due)).where("status", .equal, DeliveryStatus.pending.rawValue).where("next_attempt_at", .lessThanOrEqual, t)
                .returning("id").all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        guard !taken.isEmpty else { return [] }
        return try await sql.select().columns(SQLRaw("d.id, d.alarm_id, d.name, d.phone_masked, d.attempts, r.phone_cipher, a.kind, h.address, a.group_name, a.pressed_at, a.drill"))
            .from(SQLAlias(SQLIdentifier("alarm_deliveries"), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier("residents"), as: SQLIdentifier("r")), on: SQLRaw("r.id = d.resident_id"))
            .join(SQLAlias(SQLIdentifier("alarms"), as: SQLIdentifier("a")), on: SQLRaw("a.id = d.alarm_id"))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = a.household_id"))
            .where(SQLColumn("id", table: "d"), .in, SQLBind.group(taken)).orderBy(SQLColumn("id", table: "d")).all().compactMap { r in
                // A number removed from the register since: nothing to send to.
                guard let sealed = try r.decode(column: "phone_cipher", as: String?.self) else { return nil }
                return DueDelivery(id: try r.decode(column: "id", as: Int64.self), alarmID: try r.decode(column: "alarm_id", as: Int64.self),
                                   name: try r.decode(column: "name", as: String.self), phone: try cipher.open(sealed),
                                   phoneMasked: try r.decode(column: "phone_masked", as: String.self), attempts: try r.decode(column: "attempts", as: Int.self),
                                   kind: AlarmKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .other, address: try r.decode(column: "address", as: String.self),
                                   groupName: try r.decode(column: "group_name", as: String.self), pressedAt: try r.decode(column: "pressed_at", as: Date.self),
                                   drill: try r.decode(column: "drill", as: Bool.self))
            }
    }

    /// One attempt's result, on the alarm's timeline: sent; or failed (`result`: "HTTP 500",
    /// "error") and tried again after the back-off, or given up after the last attempt.
    public func recordDelivery(_ d: DueDelivery, sent: Bool, result: String) async throws {
        let attempts = d.attempts + 1, t = now()
        let retry = sent ? nil : DeliveryRules.retryAfter(attempts: attempts)
        let status: DeliveryStatus = sent ? .sent : retry == nil ? .failed : .pending
        try await write { tx in
            try await tx.update("alarm_deliveries").set("status", to: status.rawValue).set("attempts", to: attempts)
                .set("next_attempt_at", to: t.addingTimeInterval(retry ?? 0)).where("id", .equal, d.id).run()
            // "name masked|attempt|result|retry seconds" — worded on the page in the reader's language.
            try await self.alarmEvent(tx, d.alarmID, .delivery, nil, "system:gateway",
                                      "\(d.name) \(d.phoneMasked)|\(attempts)|\(sent ? "sent" : result)|\(retry.map { String(Int($0)) } ?? (sent ? "" : "gave_up"))")
        }
    }
}
