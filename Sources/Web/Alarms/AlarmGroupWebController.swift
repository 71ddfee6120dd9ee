import Domain
import Foundation
import Persistence
import Vapor

/// 联防组 pages: `?grid=` a grid's groups (forming one, from a suggestion or by hand), else the
/// coverage of the caller's grids (`?unit=` narrows it); a group's page, changed or dissolved.
struct AlarmGroupWebController {
    struct Form: Content {
        var gridID: String?; var name: String?; var householdIDs: [String]?
        var ids: [Int64] { (householdIDs ?? []).compactMap { Int64($0) } }
        var input: AlarmGroupInput { AlarmGroupInput(gridID: gridID.flatMap { Int64($0) } ?? 0, name: name ?? "", householdIDs: ids) }
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        if let grid = req.query[String.self, at: "grid"] {
            guard let id = Int64(grid) else { throw NotFound() }
            return AlarmGroupPages.grid(req.pageContext, try await req.store.alarmGroups(gridID: id, caller))
        }
        return AlarmGroupPages.coverage(req.pageContext, try await req.store.alarmCoverage(unitID: try req.listQuery(default: ListShow.all).unitID, caller),
                                        query: req.url.query ?? "")
    }

    /// The coverage of the grids, as CSV or XLSX.
    func export(_ req: Request) async throws -> Response {
        let rows = try await req.store.alarmCoverage(unitID: try req.listQuery(default: ListShow.all).unitID, try req.caller())
        let t = Texts(req.language)
        return try ExportTable.response([AlarmGroupPages.coverageTable(t, rows)], for: req, filename: t("alarmGroup.title"))
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self), caller = try req.caller()
        do {
            let g = try await req.store.saveAlarmGroup(id: nil, form.input, caller)
            return req.redirect(to: Site.alarmGroups("grid=\(g.gridID)").path)
        } catch let v as ValidationFailure {
            let grid = try await req.store.alarmGroups(gridID: form.input.gridID, caller)
            return try await AlarmGroupPages.grid(req.pageContext, grid, errors: v.errors, tried: form.ids, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage { try await groupPage(req, errors: [], tried: []) }

    private func groupPage(_ req: Request, errors: [FieldError], tried: [Int64], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        let group = try await req.store.alarmGroup(id: try req.id(), caller)
        let free = caller.role.mayRecordWork ? try await req.store.householdsInNoGroup(gridID: group.gridID, caller) : []
        let devices = try await req.store.alarmDevices(householdIDs: group.members.map(\.householdID), caller)
        return AlarmGroupPages.group(req.pageContext, group, free: free, devices: devices, errors: errors, tried: tried, status: status)
    }

    func update(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let g = try await req.store.saveAlarmGroup(id: try req.id(), form.input, try req.caller())
            return req.redirect(to: Site.alarmGroup(g.id).path)
        } catch let v as ValidationFailure {
            return try await groupPage(req, errors: v.errors, tried: form.ids, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func dissolve(_ req: Request) async throws -> Response {
        let grid = try await req.store.dissolveAlarmGroup(id: try req.id(), try req.caller())
        return req.redirect(to: Site.alarmGroups("grid=\(grid)").path)
    }

    struct DeviceForm: Content { var householdID: String?; var name: String? }

    /// 登记警铃设备 from a group's page: its secret is shown once.
    func registerDevice(_ req: Request) async throws -> HTMLPage {
        let form = try req.content.decode(DeviceForm.self), caller = try req.caller()
        let r = try await req.store.registerAlarmDevice(AlarmDeviceInput(householdID: form.householdID.flatMap { Int64($0) } ?? 0, name: form.name ?? ""), caller)
        let group = try await req.store.alarmGroupID(householdID: r.device.householdID)
        return AlarmGroupPages.deviceRegistered(req.pageContext, r.device, secret: r.secret, groupID: group)
    }

    func disableDevice(_ req: Request) async throws -> Response {
        let caller = try req.caller(), id = try req.id()
        let household = try await req.store.disableAlarmDevice(id: id, caller)
        return req.redirect(to: try await req.store.alarmGroupID(householdID: household).map { Site.alarmGroup($0).path } ?? Site.alarmGroups(nil).path)
    }
}

extension AlarmGroupView: Content {}
extension GridAlarmGroups: Content {}
extension AlarmCoverageRow: Content {}

/// 联防组 in the JSON API: the same store calls as the pages.
struct AlarmGroupAPI {
    /// `grid`: that grid's groups, its households left and the suggestions; else the coverage of every grid in reach (or `unit`).
    func list(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        if let raw = req.query[String.self, at: "grid"] {
            guard let id = Int64(raw) else { throw ValidationFailure(field: "grid", .unknownGrid) }
            return try await req.store.alarmGroups(gridID: id, caller).encodeResponse(for: req)
        }
        return try await req.store.alarmCoverage(unitID: try req.listQuery(default: ListShow.all).unitID, caller).encodeResponse(for: req)
    }

    func create(_ req: Request) async throws -> Response {
        try await req.store.saveAlarmGroup(id: nil, try req.decodeJSON(AlarmGroupInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> AlarmGroupView { try await req.store.alarmGroup(id: try req.id(), try req.caller()) }

    func update(_ req: Request) async throws -> AlarmGroupView {
        try await req.store.saveAlarmGroup(id: try req.id(), try req.decodeJSON(AlarmGroupInput.self), try req.caller())
    }

    func dissolve(_ req: Request) async throws -> HTTPStatus {
        _ = try await req.store.dissolveAlarmGroup(id: try req.id(), try req.caller())
        return .noContent
    }
}
