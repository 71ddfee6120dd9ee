import Domain
import Foundation
import Persistence
import Vapor

/// 诉求 pages: the queue, filing one (an officer typing in a hotline call, or a resident in the
/// portal, with photos), and a request's page with its timeline and the next step's form.
struct RequestWebController {
    struct RequestForm: Content {
        var kind: String?
        var categoryCode: String?
        var description: String?
        var address: String?
        var gridID: String?
        var contactName: String?
        var contactPhone: String?
        var photos: [File]?
        /// The 真实警情 it follows up (和谐警铃), kept linked.
        var alarmID: String?
        /// The 服务点 it was taken at (channel 服务点).
        var servicePointID: String?

        var input: RequestInput {
            RequestInput(kind: kind ?? RequestKind.request.rawValue, categoryCode: categoryCode ?? "", description: description ?? "", address: address,
                         gridID: gridID.flatMap { Int64($0) }, contactName: contactName, contactPhone: contactPhone)
        }
        /// Browsers send an empty part when no file was chosen.
        var photoBytes: [[UInt8]] { (photos ?? []).filter { $0.data.readableBytes > 0 }.map { Array($0.data.readableBytesView) } }
    }

    /// The list's filters from the query: the tab, and from a dashboard its unit and period.
    func filter(_ req: Request, _ caller: Caller, limit: Int = 200) throws -> RequestFilter {
        let show = RequestFilter.Show(rawValue: req.query[String.self, at: "show"] ?? "") ?? (caller.role.usesPortal ? .all : caller.role.mayDirectWork ? .open : .mine)
        let period = req.query[String.self, at: "from"] == nil ? nil : try req.period()
        return RequestFilter(show: show, unitID: req.query[Int64.self, at: "unit"], period: period, limit: limit)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let filter = try filter(req, caller)
        return RequestPages.list(req.pageContext, requests: try await req.store.requests(filter, caller), show: filter.show,
                                 query: req.url.query ?? "", supervision: try await req.store.requestSupervision(caller), now: req.application.settings.now())
    }

    /// The list as CSV or XLSX, with the same filters (phones stay masked).
    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        let rows = try await req.store.requests(try filter(req, caller, limit: 10_000), caller)
        return try ExportTable.response([RequestPages.table(t, rows)], for: req, filename: t("request.title"))
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        var form = RequestForm(kind: RequestKind.request.rawValue)
        if let id = req.query[Int64.self, at: "alarm"] {
            let a = try await req.store.alarmToFollowUp(id: id, as: .request, try req.caller())
            form.description = AlarmPages.followUpText(Texts(req.language), a); form.address = a.address; form.gridID = String(a.gridID); form.alarmID = String(id)
        } else if let id = try req.queryID("point", .unknownPlace) {
            let point = try await req.store.place(id: id, try req.caller())
            guard point.kind == .servicePoint else { throw NotFound() }
            form.servicePointID = String(id); form.gridID = String(point.gridID); form.address = point.name
        }
        return try await formPage(req, form, errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(RequestForm.self)
        do {
            var origin = RequestOrigin(channel: caller.role.usesPortal ? .portal : .hotline)
            if let id = form.servicePointID, !caller.role.usesPortal {
                guard let point = try? await req.store.place(id: Int64(id) ?? 0, caller), point.kind == .servicePoint else {
                    throw ValidationFailure(field: "servicePointID", .unknownPlace)
                }
                origin.channel = .servicePoint
            }
            let alarm = try await form.alarmID.flatMap { Int64($0) }.asyncMap { try await req.store.alarmToFollowUp(id: $0, as: .request, caller) }
            let r = try await req.store.createRequest(form.input, origin: origin, photos: form.photoBytes, caller)
            if let alarm { try await req.store.linkAlarm(id: alarm.id, .request, recordID: r.id, caller) }
            return req.redirect(to: Site.request(r.id).path)
        } catch let v as ValidationFailure {
            var kept = form; kept.photos = nil
            return try await formPage(req, kept, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    private func formPage(_ req: Request, _ form: RequestForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayFileRequests else { throw Forbidden() }
        let grids = caller.role.usesPortal ? [] : try await req.store.units(caller).filter { $0.kind == .grid }
        return RequestPages.form(req.pageContext, form: form, categories: try await req.store.requestCategories(), grids: grids, errors: errors, status: status)
    }

    func show(_ req: Request) async throws -> HTMLPage {
        try await page(req, errors: [], revealed: nil)
    }

    func page(_ req: Request, errors: [FieldError], revealed: String?, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        let detail = try await req.store.request(id: try req.id(), caller)
        var units: [Domain.Unit] = [], officers: [Account] = []
        if caller.role.mayDirectWork && detail.request.status.isOpen {
            units = try await req.store.units(caller)
            officers = try await req.store.accounts(caller).filter { $0.role.doesFieldWork && !$0.disabled }
        }
        let help = caller.role.usesPortal ? [] : try await req.store.help(of: .request(detail.request.id), caller)
        return RequestPages.detail(req.pageContext, detail, units: units, officers: officers, categories: try await req.store.requestCategories(), help: help,
                                   now: req.application.settings.now(), errors: errors, revealed: revealed, status: status)
    }

    struct StepForm: Content {
        var unitID: String?
        var assigneeID: String?
        var categoryCode: String?
        var note: String?
        var outcome: String?
        var satisfaction: String?
        var method: String?
        var comment: String?
        var deadline: String?
    }

    /// One handler for every step: each step's address is its own route.
    func step(_ req: Request, _ action: RequestAction) async throws -> Response {
        let caller = try req.caller(), id = try req.id()
        let form = try req.content.decode(StepForm.self)
        do {
            switch action {
            case .assign:
                _ = try await req.store.assignRequest(id: id, unitID: form.unitID.flatMap { Int64($0) } ?? 0, assigneeID: form.assigneeID.flatMap { Int64($0) } ?? 0,
                                                      categoryCode: form.categoryCode, note: form.note, caller)
            case .start: _ = try await req.store.startRequest(id: id, caller)
            case .resolve: _ = try await req.store.resolveRequest(id: id, outcome: form.outcome ?? "", caller)
            case .returnVisit:
                _ = try await req.store.recordReturnVisit(id: id, satisfaction: form.satisfaction ?? "", method: caller.role.usesPortal ? "portal" : form.method ?? "",
                                                          comment: form.comment, caller)
            case .supervise:
                var deadline: Date?
                if let d = form.deadline, !d.isEmpty {
                    guard let day = Period.days(from: d, to: d) else { throw ValidationFailure(field: "deadlineAt", .invalidDate) }
                    deadline = day.end.addingTimeInterval(-1)
                }
                _ = try await req.store.superviseRequest(id: id, note: form.note ?? "", newDeadline: deadline, caller)
            case .reveal:
                let phone = try await req.store.revealRequestContact(id: id, caller)
                return try await page(req, errors: [], revealed: phone).encodeResponse(for: req)
            case .reassign: throw NotFound()   // a reassignment posts to assign; no route leads here
            }
            // After a hand-over to another station the request may be out of sight: back to the queue then.
            if (try? await req.store.request(id: id, caller)) == nil { return req.redirect(to: Site.requests(nil).path) }
            return req.redirect(to: Site.request(id).path)
        } catch let v as ValidationFailure {
            return try await page(req, errors: v.errors, revealed: nil, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    /// Help given answering the request (a lost elder found, money got back).
    func addHelp(_ req: Request) async throws -> Response {
        do {
            try await req.store.addHelp(.request(try req.id()), try req.content.decode(HelpForm.self).input, try req.caller())
            return req.redirect(to: Site.request(try req.id()).path)
        } catch let v as ValidationFailure {
            return try await page(req, errors: v.errors, revealed: nil, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    /// Photos are served only to those who may see the request, as the type sniffed on upload.
    func photo(_ req: Request) async throws -> Response {
        let (type, bytes) = try await req.store.requestPhoto(id: try req.id(), try req.caller())
        return Response.image(type, bytes)
    }
}
