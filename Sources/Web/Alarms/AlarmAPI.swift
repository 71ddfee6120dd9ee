import Domain
import Foundation
import Persistence
import Vapor

extension AlarmView: Content {}
extension AlarmDevice: Content {}
extension AlarmStandard: Content {}

/// 和谐警铃 in the JSON API: the same store calls as the pages, and the device endpoint.
struct AlarmAPI {
    struct RegisteredDevice: Content { var device: AlarmDevice; var secret: String }

    /// `open=true`: the open alarms the caller receives; else also those closed in the last day.
    func list(_ req: Request) async throws -> [AlarmView] {
        let caller = try req.caller()
        // `open` is true or false; anything else there is refused, not read as absent.
        var open = false
        if let raw = req.query[String.self, at: "open"] ?? (req.url.query?.contains("open=") == true ? "" : nil) {
            guard let b = Bool(raw) else { throw ValidationFailure(field: "open", .invalidChoice) }
            open = b
        }
        return try await open ? req.store.openAlarms(caller) : req.store.recentAlarms(caller)
    }

    /// A resident's press: 201 with the new alarm, or 200 with the household's alarm still open.
    func press(_ req: Request) async throws -> Response {
        let raised = try await req.store.raiseAlarm(try req.decodeJSON(AlarmInput.self), try req.caller())
        return try await raised.alarm.encodeResponse(status: raised.created ? .created : .ok, for: req)
    }

    func show(_ req: Request) async throws -> AlarmView { try await req.store.alarm(id: try req.id(), try req.caller()) }

    /// A step; its body (officer, outcome, notes) may be left out where the step needs none.
    func step(_ req: Request, _ action: AlarmAction) async throws -> AlarmView {
        let input = (req.body.data?.readableBytes ?? 0) == 0 ? AlarmActionInput() : try req.decodeJSON(AlarmActionInput.self)
        return try await req.store.actOnAlarm(id: try req.id(), action, input, try req.caller())
    }

    func devices(_ req: Request) async throws -> [AlarmDevice] {
        guard let id = try req.queryNumber("household", 1...Int64.max) else { throw ValidationFailure(field: "household", .required) }
        let caller = try req.caller(), household = try await req.store.household(id: id, caller)
        return try await req.store.alarmDevices(householdIDs: [household.id], caller)
    }

    func registerDevice(_ req: Request) async throws -> Response {
        let r = try await req.store.registerAlarmDevice(try req.decodeJSON(AlarmDeviceInput.self), try req.caller())
        return try await RegisteredDevice(device: r.device, secret: r.secret).encodeResponse(status: .created, for: req)
    }

    func disableDevice(_ req: Request) async throws -> HTTPStatus {
        try await req.store.disableAlarmDevice(id: try req.id(), try req.caller())
        return .noContent
    }

    /// POST /alarm-devices/{id}/press, signed by the device (no bearer token): see `DeviceSignature`.
    func devicePress(_ req: Request) async throws -> Response {
        let body = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let id = try req.id(), timestamp = req.headers.first(name: "X-Jingmin-Timestamp"), signature = req.headers.first(name: "X-Jingmin-Signature")
        // The signature is checked before the body is read, so an unsigned caller learns nothing of the format.
        let input = (try? JSONDecoder().decode(AlarmInput.self, from: body)) ?? AlarmInput(kind: "")
        let raised = try await req.store.pressFromDevice(id: id, timestamp: timestamp, signature: signature, body: body, input,
                                                         clientAddress: req.remoteAddress?.ipAddress ?? "")
        return try await raised.alarm.encodeResponse(status: raised.created ? .created : .ok, for: req)
    }

    func standard(_ req: Request) async throws -> AlarmStandard {
        let station = try await req.store.dutyStation(id: try req.id(), try req.caller())
        return try await req.store.alarmStandard(stationPath: station.path)
    }

    func saveStandard(_ req: Request) async throws -> AlarmStandard {
        try await req.store.saveAlarmStandard(stationID: try req.id(), try req.decodeJSON(AlarmStandard.self), try req.caller())
    }
}
