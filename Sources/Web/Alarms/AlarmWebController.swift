import Domain
import Foundation
import Persistence
import Vapor

/// 和谐警铃 pages: the resident's press, an alarm and its steps, the duty desk and its 1-3-5 limits.
struct AlarmWebController {
    struct PressForm: Content {
        var kind: String?; var note: String?; var drill: String?; var confirm: String?
        var input: AlarmInput { AlarmInput(kind: kind ?? "", note: note, drill: drill == "1") }
    }
    struct StepForm: Content {
        var officerID: String?; var outcome: String?; var notes: String?
        var input: AlarmActionInput { AlarmActionInput(officerID: officerID.flatMap { Int64($0) }, outcome: outcome, notes: notes) }
    }
    struct StandardForm: Content {
        var stationID: String?; var acknowledgeSeconds: String?; var arriveSeconds: String?; var handleSeconds: String?
        var standard: AlarmStandard {
            AlarmStandard(acknowledgeSeconds: acknowledgeSeconds.flatMap { Int($0) } ?? 0, arriveSeconds: arriveSeconds.flatMap { Int($0) } ?? 0,
                          handleSeconds: handleSeconds.flatMap { Int($0) } ?? 0)
        }
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.usesPortal else { throw NotFound() }
        return AlarmPages.pressForm(req.pageContext, group: try await req.store.ownAlarmGroup(caller))
    }

    /// The first post shows the confirmation; the confirmed one raises the alarm.
    func press(_ req: Request) async throws -> Response {
        let caller = try req.caller(), form = try req.content.decode(PressForm.self)
        guard caller.role.usesPortal else { throw NotFound() }
        let group = try await req.store.ownAlarmGroup(caller)
        do {
            guard let group else { throw ValidationFailure(field: "household", .notInGroup) }
            let valid = try AlarmRules.validate(form.input).get()
            guard form.confirm == "1" else { return try await AlarmPages.confirm(req.pageContext, group: group, valid).encodeResponse(for: req) }
            let raised = try await req.store.raiseAlarm(form.input, caller)
            return req.redirect(to: Site.alarm(raised.alarm.id).path)
        } catch let v as ValidationFailure {
            return try await AlarmPages.pressForm(req.pageContext, group: group, input: form.input, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage { try await page(req, errors: []) }

    private func page(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller(), store = req.store
        let a = try await store.alarm(id: try req.id(), caller)
        var staff: [Account] = [], gridOfficer: Int64?
        if caller.role.mayRecordWork && a.isOpen {
            staff = try await store.colleagues(caller)
            gridOfficer = (try? await store.unit(id: a.gridID, caller))?.responsibleOfficerID
        }
        return AlarmPages.page(req.pageContext, a, now: store.now(), staff: staff, gridOfficer: gridOfficer, errors: errors, status: status)
    }

    func step(_ req: Request, _ action: AlarmAction) async throws -> Response {
        let caller = try req.caller(), id = try req.id(), form = try req.content.decode(StepForm.self)
        do {
            _ = try await req.store.actOnAlarm(id: id, action, form.input, caller)
            return req.redirect(to: Site.alarm(id).path)
        } catch let v as ValidationFailure {
            return try await page(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    /// The alarms behind the dashboard's figures (`show`, `unit`, `from`/`to`).
    func ledger(_ req: Request) async throws -> HTMLPage {
        AlarmPages.ledger(req.pageContext, try await req.store.alarmLedger(try Self.filter(req), try req.caller()), query: req.url.query ?? "")
    }

    func ledgerExport(_ req: Request) async throws -> Response {
        let rows = try await req.store.alarmLedger(try Self.filter(req), try req.caller())
        let t = Texts(req.language)
        return try ExportTable.response([AlarmPages.ledgerTable(t, rows)], for: req, filename: t("alarm.ledger"))
    }

    static func filter(_ req: Request) throws -> AlarmFilter {
        let q = try req.listQuery(default: AlarmShow.all)
        return AlarmFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func desk(_ req: Request) async throws -> HTMLPage { try await deskPage(req, errors: []) }

    private func deskPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller(), store = req.store
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let recent = try await store.recentAlarms(caller)
        var stations: [(Domain.Unit, AlarmStandard)] = []
        if caller.role.keepsRoster {
            for s in try await store.dutyStations(caller) { stations.append((s, try await store.alarmStandard(stationPath: s.path))) }
        }
        return AlarmPages.desk(req.pageContext, open: recent.filter(\.isOpen), closed: recent.filter { !$0.isOpen }, stations: stations, errors: errors, status: status)
    }

    func saveStandard(_ req: Request) async throws -> Response {
        let form = try req.content.decode(StandardForm.self)
        do {
            _ = try await req.store.saveAlarmStandard(stationID: form.stationID.flatMap { Int64($0) } ?? 0, form.standard, try req.caller())
            return req.redirect(to: Site.alarms.path)
        } catch let v as ValidationFailure {
            return try await deskPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
