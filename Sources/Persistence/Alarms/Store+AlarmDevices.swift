import Domain
import Foundation
import SQLKit

/// A wired bell or gateway box registered to a household; its secret is shown once, at
/// registration, and kept sealed with the field cipher.
public struct AlarmDevice: Sendable, Equatable, Codable {
    public var id: Int64
    public var householdID: Int64
    public var name: String
    public var disabled: Bool
    public var createdAt: Date
}

public struct AlarmDeviceInput: Sendable, Codable, Equatable {
    public var householdID: Int64
    public var name: String
    public init(householdID: Int64, name: String) { self.householdID = householdID; self.name = name }
}

extension Store {
    /// The devices of households in the caller's reach.
    public func alarmDevices(householdIDs: [Int64], _ caller: Caller) async throws -> [AlarmDevice] {
        guard caller.role.seesWorkRecords, !householdIDs.isEmpty else { return [] }
        return try await sql.select().columns("id", "household_id", "name", "disabled", "created_at").from("alarm_devices")
            .where("household_id", .in, SQLBind.group(householdIDs)).where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id"))
            .orderBy("id").all(decoding: AlarmDevice.self, with: Store.rowDecoder)
    }

    /// 登记警铃设备: returns the device and its secret, which is never shown again.
    public func registerAlarmDevice(_ input: AlarmDeviceInput, _ caller: Caller) async throws -> (device: AlarmDevice, secret: String) {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let name = input.name.trimmed
        var errors: [FieldError] = []
        if name.isEmpty { errors.append(FieldError(field: "name", problem: .required)) } else if name.count > 40 { errors.append(FieldError(field: "name", problem: .tooLong)) }
        let h = try? await household(id: input.householdID, caller)
        if h == nil { errors.append(FieldError(field: "householdID", problem: .unknownHousehold)) }
        guard errors.isEmpty, let h else { throw ValidationFailure(errors) }
        let secret = Self.randomToken(), sealed = try cipher.seal(secret), t = now()
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "alarm_devices").columns("household_id", "unit_path", "name", "secret", "disabled", "created_by", "created_at")
                .values(SQLBind(h.id), SQLBind(h.unitPath), SQLBind(name), SQLBind(sealed), SQLBind(false), SQLBind(caller.userID), SQLBind(t))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "alarm_device.register", "alarm_device", String(id), "\(name) household \(h.id)", at: h.unitPath)
            return id
        }
        return (AlarmDevice(id: id, householdID: h.id, name: name, disabled: false, createdAt: t), secret)
    }

    /// 停用: a lost or replaced box can press no more.
    @discardableResult
    public func disableAlarmDevice(id: Int64, _ caller: Caller) async throws -> Int64 {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        guard let r = try await sql.select().columns("household_id", "unit_path").from("alarm_devices").where("id", .equal, id)
            .where(caller.jurisdiction.predicate(pathColumn: "unit_path", householdColumn: "household_id")).first() else { throw NotFound() }
        let path = try r.decode(column: "unit_path", as: String.self)
        try await write { tx in
            try await tx.update("alarm_devices").set("disabled", to: true).where("id", .equal, id).run()
            try await self.audit(tx, caller, "alarm_device.disable", "alarm_device", String(id), "disabled", at: path)
        }
        return try r.decode(column: "household_id", as: Int64.self)
    }

    /// The group a household is in, if any.
    public func alarmGroupID(householdID: Int64) async throws -> Int64? {
        try await sql.select().column("group_id").from("alarm_group_members").where("household_id", .equal, householdID).first()?.decode(column: "group_id", as: Int64.self)
    }

    /// A press from a device: its signature checked (a missing, wrong, stale or replayed one is
    /// refused and changes nothing), then raised for its household like a press on the portal.
    public func pressFromDevice(id: Int64, timestamp: String?, signature: String?, body: Data, _ input: AlarmInput,
                                clientAddress: String) async throws -> (alarm: AlarmView, created: Bool) {
        guard let r = try await sql.select().columns("household_id", "unit_path", "name", "secret", "last_timestamp_ms").from("alarm_devices")
            .where("id", .equal, id).where("disabled", .equal, false).first() else { throw DeviceSignature.Refusal.badSignature }
        let secret = try cipher.open(try r.decode(column: "secret", as: String.self))
        let ms = try DeviceSignature.check(secret: secret, deviceID: id, timestamp: timestamp, signature: signature, body: body,
                                           lastAcceptedMs: try r.decode(column: "last_timestamp_ms", as: Int64?.self), now: now()).get()
        let household = try r.decode(column: "household_id", as: Int64.self), name = try r.decode(column: "name", as: String.self)
        let caller = Caller(userID: nil, username: "device:\(id)", role: .resident, jurisdiction: .household(id: household), clientAddress: clientAddress)
        return try await raise(householdID: household, input, source: .device, by: caller, name: name, device: (id, ms))
    }

    // MARK: The 1-3-5 standard

    public func alarmStandard(stationPath: String) async throws -> AlarmStandard {
        guard let r = try await sql.select().columns("acknowledge_seconds", "arrive_seconds", "handle_seconds").from("alarm_standards")
            .where("station_path", .equal, stationPath).first() else { return .standard }
        return AlarmStandard(acknowledgeSeconds: try r.decode(column: "acknowledge_seconds", as: Int.self), arriveSeconds: try r.decode(column: "arrive_seconds", as: Int.self),
                             handleSeconds: try r.decode(column: "handle_seconds", as: Int.self))
    }

    /// A station's own limits, set by its leader (or a bureau leader): remote stations differ.
    public func saveAlarmStandard(stationID: Int64, _ standard: AlarmStandard, _ caller: Caller) async throws -> AlarmStandard {
        guard caller.role.keepsRoster else { throw Forbidden() }
        let station = try await dutyStation(id: stationID, caller)
        let s = try standard.validate().get(), t = now()
        try await write { tx in
            try await tx.delete(from: "alarm_standards").where("station_path", .equal, station.path).run()
            try await tx.insert(into: "alarm_standards").columns("station_path", "acknowledge_seconds", "arrive_seconds", "handle_seconds", "updated_at")
                .values(SQLBind(station.path), SQLBind(s.acknowledgeSeconds), SQLBind(s.arriveSeconds), SQLBind(s.handleSeconds), SQLBind(t)).run()
            try await self.audit(tx, caller, "alarm_standard.update", "unit", String(station.id),
                                 "\(s.acknowledgeSeconds)/\(s.arriveSeconds)/\(s.handleSeconds) s", at: station.path)
        }
        return s
    }
}
