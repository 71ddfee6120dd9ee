import Domain
import Foundation
import Persistence
import Vapor

/// 信息员 pages: the list (leaders: every informant in reach, with the form to register one;
/// an officer: their own), and an informant's page with contacts, thanks and rewards, and clues.
struct InformantWebController {
    struct InformantForm: Content {
        var residentID: String?
        var areaUnitID: String?
        var contactOfficerID: String?
        var cadenceDays: String?

        var input: InformantInput {
            InformantInput(residentID: residentID.flatMap { Int64($0) } ?? 0, areaUnitID: areaUnitID.flatMap { Int64($0) } ?? 0,
                           contactOfficerID: contactOfficerID.flatMap { Int64($0) } ?? 0, cadenceDays: FormNumber.optional(cadenceDays))
        }
    }

    func list(_ req: Request) async throws -> HTMLPage {
        try await listPage(req, form: InformantForm(residentID: req.query[String.self, at: "resident"]), errors: [])
    }

    private func listPage(_ req: Request, form: InformantForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        let informants = try await req.store.informants(caller)
        var areas: [Domain.Unit] = [], officers: [Account] = []
        if caller.role.seesConfidential {
            areas = try await req.store.units(caller).filter { [.grid, .community, .village].contains($0.kind) }
            officers = try await req.store.accounts(caller).filter { $0.role.mayAnswerForGrid && !$0.disabled }
        }
        return InformantPages.list(req.pageContext, informants, now: req.store.now(), form: form, areas: areas, officers: officers, errors: errors, status: status)
    }

    func save(_ req: Request) async throws -> Response {
        let form = try req.content.decode(InformantForm.self)
        do {
            let i = try await req.store.saveInformant(form.input, try req.caller())
            return req.redirect(to: Site.informant(i.residentID).path)
        } catch let v as ValidationFailure {
            return try await listPage(req, form: form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage {
        InformantPages.detail(req.pageContext, try await req.store.informant(residentID: try req.id(), try req.caller()), now: req.store.now(), errors: [], status: .ok)
    }

    struct ContactForm: Content { var kind: String?; var note: String? }

    func contact(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ContactForm.self)
        return try await step(req) { id, caller in
            _ = try await req.store.recordInformantContact(residentID: id, InformantContactInput(kind: form.kind ?? "", note: form.note ?? ""), caller)
        }
    }

    struct RecognitionForm: Content { var kind: String?; var note: String?; var amount: String? }

    func recognize(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RecognitionForm.self)
        return try await step(req) { id, caller in
            _ = try await req.store.recognizeInformant(residentID: id, RecognitionInput(kind: form.kind ?? "", note: form.note ?? "", amount: form.amount), caller)
        }
    }

    /// A step on the informant's page: back to it, or the page again with the step's errors.
    private func step(_ req: Request, _ body: (Int64, Caller) async throws -> Void) async throws -> Response {
        let id = try req.id(), caller = try req.caller()
        do {
            try await body(id, caller)
            return req.redirect(to: Site.informant(id).path)
        } catch let v as ValidationFailure {
            return try await InformantPages.detail(req.pageContext, try await req.store.informant(residentID: id, caller), now: req.store.now(), errors: v.errors,
                                                   status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
