import Domain
import Foundation
import Persistence
import Vapor

/// 矛盾纠纷 pages: the list (each dashboard figure's drill-down), registering one (from a visit's
/// 纠纷 finding in one step), and its page with the risk, the sessions and the follow-up.
struct DisputeWebController {
    struct DisputeForm: Content {
        var typeCode: String?
        var summary: String?
        var gridID: String?
        var risk: String?
        var source: String?
        var findingID: String?
        var requestID: String?
        var meetingID: String?
        var patrolID: String?
        /// The 真实警情 it follows up (和谐警铃), kept linked.
        var alarmID: String?
        /// Residents of the finding's household, by id: their side, or blank for "not a party".
        var residentSide: [String: String]?
        var outsideName: [String]?
        var outsidePhone: [String]?
        var outsideSide: [String]?

        var input: DisputeInput {
            let residents = (residentSide ?? [:]).compactMap { id, side in side.isEmpty ? nil : Int64(id).map { PartyInput(residentID: $0, side: side) } }
                .sorted { ($0.residentID ?? 0) < ($1.residentID ?? 0) }
            let names = outsideName ?? [], phones = outsidePhone ?? [], sides = outsideSide ?? []
            let outside = names.indices.compactMap { i -> PartyInput? in
                let name = names[i].trimmed, phone = i < phones.count ? phones[i] : ""
                guard !name.isEmpty || !phone.isEmpty else { return nil }
                return PartyInput(name: name, phone: phone, side: i < sides.count ? sides[i] : "")
            }
            return DisputeInput(typeCode: typeCode ?? "", summary: summary ?? "", gridID: gridID.flatMap { Int64($0) } ?? 0, risk: risk ?? "",
                                source: source ?? "", findingID: findingID.flatMap { Int64($0) }, requestID: requestID.flatMap { Int64($0) },
                                meetingID: meetingID.flatMap { Int64($0) }, patrolID: patrolID.flatMap { Int64($0) }, parties: residents + outside)
        }
    }

    static func filter(_ req: Request) throws -> DisputeFilter {
        let q = try req.listQuery(default: DisputeFilter.Show.open)
        return DisputeFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let filter = try Self.filter(req)
        return DisputePages.list(req.pageContext, try await req.store.disputes(filter, caller), show: filter.show, query: req.url.query ?? "",
                                 now: req.application.settings.now())
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        let rows = try await req.store.disputes(try Self.filter(req), caller, limit: 10_000)
        return try ExportTable.response([DisputePages.table(t, rows)], for: req, filename: t("dispute.title"))
    }

    /// From a visit's finding (`?finding=ID`: its text, its grid and its household's residents filled
    /// in), a request (`?request=ID`: its text and grid), a patrol (`?patrol=ID`: its 纠纷 finding and grid)
    /// or a meeting (`?meeting=ID`); else a call or a walk-in.
    func newForm(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        var form = DisputeForm(risk: DisputeRisk.low.rawValue, source: DisputeSource.walkIn.rawValue)
        if let finding = req.query[Int64.self, at: "finding"] {
            let origin = try await req.store.findingOrigin(findingID: finding, kind: .dispute, caller)
            form.source = DisputeSource.visit.rawValue; form.findingID = String(finding)
            form.summary = origin.description; form.gridID = String(origin.gridID)
        } else if let id = req.query[Int64.self, at: "request"] {
            let r = try await req.store.request(id: id, caller).request
            form.source = DisputeSource.request.rawValue; form.requestID = String(id)
            form.summary = r.description; form.gridID = r.gridID.map(String.init)
        } else if let id = req.query[Int64.self, at: "patrol"] {
            // The patrol's latest 纠纷 finding is the summary; its first grid the grid.
            let p = try await req.store.patrol(id: id, caller)
            form.source = DisputeSource.patrol.rawValue; form.patrolID = String(id)
            form.summary = p.findings.last { $0.kind == .dispute }?.description; form.gridID = p.gridIDs.first.map(String.init)
        } else if let id = req.query[Int64.self, at: "alarm"] {
            // Reported like a call: its source is the hotline; the alarm keeps the link.
            let a = try await req.store.alarmToFollowUp(id: id, as: .dispute, caller)
            form.source = DisputeSource.hotline.rawValue; form.alarmID = String(id)
            form.summary = AlarmPages.followUpText(Texts(req.language), a); form.gridID = String(a.gridID)
            if a.kind == .fight { form.risk = DisputeRisk.high.rawValue }
        } else if let id = req.query[Int64.self, at: "meeting"] {
            _ = try await req.store.meeting(id: id, caller)
            form.source = DisputeSource.meeting.rawValue; form.meetingID = String(id)
        }
        return try await formPage(req, form, errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(DisputeForm.self)
        do {
            let caller = try req.caller()
            let alarm = try await form.alarmID.flatMap { Int64($0) }.asyncMap { try await req.store.alarmToFollowUp(id: $0, as: .dispute, caller) }
            let d = try await req.store.createDispute(form.input, caller)
            if let alarm { try await req.store.linkAlarm(id: alarm.id, .dispute, recordID: d.dispute.id, caller) }
            return req.redirect(to: Site.dispute(d.dispute.id).path)
        } catch let v as ValidationFailure {
            return try await formPage(req, form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    private func formPage(_ req: Request, _ form: DisputeForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let grids = try await req.store.units(caller).filter { $0.kind == .grid }
        var residents: [ResidentView] = []
        if let f = form.findingID.flatMap({ Int64($0) }), let origin = try? await req.store.findingOrigin(findingID: f, kind: .dispute, caller) {
            residents = try await req.store.residents(householdID: origin.householdID, caller)
        } else if let id = form.alarmID.flatMap({ Int64($0) }), let a = try? await req.store.alarm(id: id, caller) {
            residents = try await req.store.residents(householdID: a.householdID, caller)
        }
        return DisputePages.form(req.pageContext, form: form, types: try await req.store.disputeTypes().filter(\.active), grids: grids,
                                 residents: residents, errors: errors, status: status)
    }

    func show(_ req: Request) async throws -> HTMLPage {
        try await page(req, errors: [])
    }

    private func page(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        DisputePages.detail(req.pageContext, try await req.store.dispute(id: try req.id(), try req.caller()), errors: errors,
                            now: req.application.settings.now(), status: status)
    }

    /// A refused step shows the dispute again with the reasons, nothing changed.
    private func step(_ req: Request, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return req.redirect(to: Site.dispute(try req.id()).path)
        } catch let v as ValidationFailure {
            return try await page(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct RiskForm: Content { var risk: String? }

    func setRisk(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RiskForm.self)
        return try await step(req) { _ = try await req.store.setDisputeRisk(id: try req.id(), risk: form.risk ?? "", try req.caller()) }
    }

    struct SessionForm: Content {
        var heldAt: String?
        var place: String?
        var mediatorRole: [String]?
        var mediatorName: [String]?
        var attended: [String]?
        var agreed: String?
        var nextStep: String?
        var outcome: String?
        var agreementForm: String?
        var agreementText: String?
        var referredTo: String?
        var agreementScan: File?
    }

    func recordSession(_ req: Request) async throws -> Response {
        let f = try req.content.decode(SessionForm.self)
        return try await step(req) {
            guard let at = ChinaTime.parseFormInput(f.heldAt ?? "") else { throw ValidationFailure(field: "heldAt", .invalidDate) }
            let roles = f.mediatorRole ?? [], names = f.mediatorName ?? []
            let mediators = names.indices.compactMap { i -> MediatorInput? in
                names[i].trimmed.isEmpty ? nil : MediatorInput(role: i < roles.count ? roles[i] : "", name: names[i])
            }
            let input = SessionInput(heldAt: at, place: f.place ?? "", mediators: mediators, attendedPartyIDs: (f.attended ?? []).compactMap { Int64($0) },
                                     agreed: f.agreed ?? "", nextStep: f.nextStep ?? "", outcome: f.outcome ?? "", agreementForm: f.agreementForm,
                                     agreementText: f.agreementText, referredTo: f.referredTo)
            let scan = f.agreementScan.flatMap { $0.data.readableBytes > 0 ? Array($0.data.readableBytesView) : nil }
            _ = try await req.store.recordMediation(disputeID: try req.id(), input, scan: scan, try req.caller())
        }
    }

    /// A session's scanned agreement, for pages and the API alike.
    func scan(_ req: Request) async throws -> Response {
        let (type, bytes) = try await req.store.disputeScan(id: try req.id(), try req.caller())
        return Response.image(type, bytes)
    }

    struct FollowUpForm: Content { var flaredUp: String?; var note: String? }

    func followUp(_ req: Request) async throws -> Response {
        let f = try req.content.decode(FollowUpForm.self)
        return try await step(req) {
            _ = try await req.store.logDisputeFollowUp(disputeID: try req.id(), flaredUp: f.flaredUp == "1", note: f.note ?? "", try req.caller())
        }
    }
}
