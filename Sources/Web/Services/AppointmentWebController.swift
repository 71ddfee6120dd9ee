import Domain
import Foundation
import Persistence
import Vapor

/// 预约服务 pages: the list (each appointment figure's drill-down), booking — by a resident for
/// their household, by an officer for a resident (from a visit's need in one step) — and an
/// appointment's page with its checklist, changes, what was done and the rating.
struct AppointmentWebController {
    struct BookingForm: Content {
        var householdID: String?; var residentID: String?; var kind: String?; var place: String?; var slot: String?; var note: String?; var visitID: String?

        var input: AppointmentInput {
            let s = AppointmentWebController.slot(slot)
            return AppointmentInput(householdID: householdID.flatMap { Int64($0) } ?? 0, residentID: residentID.flatMap { Int64($0) }, kind: kind ?? "",
                                    place: place ?? "", day: s.day, block: s.block, note: note ?? "", visitID: visitID.flatMap { Int64($0) })
        }
    }

    /// The slot radio carries "2026-11-24|morning".
    static func slot(_ raw: String?) -> (day: String, block: String) {
        let s = (raw ?? "").split(separator: "|", maxSplits: 1).map(String.init)
        return (s.first ?? "", s.count > 1 ? s[1] : "")
    }

    static func filter(_ req: Request) throws -> AppointmentFilter {
        let q = try req.listQuery(default: AppointmentFilter.Show.all)
        return AppointmentFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let filter = try Self.filter(req)
        return AppointmentPages.list(req.pageContext, try await req.store.appointments(filter, try req.caller()), show: filter.show, query: req.url.query ?? "")
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([AppointmentPages.table(t, try await req.store.appointments(try Self.filter(req), caller, limit: 10_000))], for: req,
                                        filename: t("appointment.title"))
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        var form = BookingForm(place: AppointmentPlace.home.rawValue)
        if let visit = try req.queryID("visit") {
            let v = try await req.store.visit(id: visit, caller)
            form.householdID = v.householdID.map(String.init); form.visitID = String(visit)
            form.note = v.findings.first { $0.kind == .need }?.description
        } else if let h = try req.queryID("household", .unknownHousehold) {
            form.householdID = String(h)
        } else if case .household(let id) = caller.jurisdiction {
            form.householdID = String(id)
        }
        return try await formPage(req, form, errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(BookingForm.self)
        do {
            let a = try await req.store.bookAppointment(form.input, try req.caller())
            return req.redirect(to: Site.appointment(a.id).path)
        } catch let v as ValidationFailure {
            return try await formPage(req, form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    private func formPage(_ req: Request, _ form: BookingForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.usesPortal || caller.role.mayRecordWork else { throw Forbidden() }
        guard let hid = form.householdID.flatMap({ Int64($0) }), let household = try? await req.store.household(id: hid, caller) else {
            return AppointmentPages.pickHousehold(req.pageContext)
        }
        let residents = try await req.store.residents(householdID: household.id, caller)
        let slots = try await req.store.bookableSlots(householdID: household.id, caller)
        return AppointmentPages.form(req.pageContext, form: form, household: household, residents: residents, kinds: try await req.store.serviceKinds(), slots: slots,
                                     errors: errors, status: status)
    }

    func show(_ req: Request) async throws -> HTMLPage { try await detail(req, id: try req.id(), errors: []) }

    private func detail(_ req: Request, id: Int64, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        let a = try await req.store.appointment(id: id, caller)
        let kind = try await req.store.serviceKinds(includeRetired: true).first { $0.code == a.kind }
        let slots = a.status.isOpen ? try await req.store.bookableSlots(householdID: a.householdID, officerID: a.officerID, caller) : []
        return AppointmentPages.detail(req.pageContext, a, kind: kind, slots: slots, errors: errors, status: status)
    }

    struct ChangeForm: Content { var reason: String?; var slot: String? }

    func change(_ req: Request, _ change: AppointmentChange) async throws -> Response {
        let form = try req.content.decode(ChangeForm.self), id = try req.id()
        let s = Self.slot(form.slot)
        return try await acting(req, id) {
            _ = try await req.store.changeAppointment(id: id, change, reason: form.reason, day: s.day, block: s.block, try req.caller())
        }
    }

    struct DoneForm: Content { var counts: [String: String]?; var doneNote: String? }

    func done(_ req: Request) async throws -> Response {
        let form = try req.content.decode(DoneForm.self), id = try req.id()
        return try await acting(req, id) {
            var counts: [String: Int] = [:]
            for (code, raw) in form.counts ?? [:] where !raw.trimmed.isEmpty {
                guard let n = Int(raw.trimmed) else { throw ValidationFailure(field: "counts.\(code)", .invalidChoice) }
                counts[code] = n
            }
            _ = try await req.store.completeAppointment(id: id, counts: counts, note: form.doneNote ?? "", try req.caller())
        }
    }

    struct RatingForm: Content { var rating: String? }

    func rate(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RatingForm.self), id = try req.id()
        return try await acting(req, id) { _ = try await req.store.rateAppointment(id: id, rating: form.rating ?? "", try req.caller()) }
    }

    /// Runs a step; back to the page, or the page again with the field errors.
    private func acting(_ req: Request, _ id: Int64, _ step: () async throws -> Void) async throws -> Response {
        do {
            try await step()
            return req.redirect(to: Site.appointment(id).path)
        } catch let v as ValidationFailure {
            return try await detail(req, id: id, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
