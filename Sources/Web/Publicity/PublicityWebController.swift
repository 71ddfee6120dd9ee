import Domain
import Foundation
import Persistence
import Vapor

/// 宣传 pages: the list with the form on top, a record's page, the export.
struct PublicityWebController {
    struct Form: Content {
        var kind: String?; var topic: String?; var heldOn: String?; var unitID: String?; var summary: String?; var place: String?
        var audience: String?; var leaflets: String?; var officers: String?; var channel: String?; var posts: String?; var views: String?

        /// Blank numbers are left out (`FormNumber`); the event's fields go with an event, the channel's with online publicity.
        var input: PublicityInput {
            let number = FormNumber.optional
            let online = kind == PublicityKind.online.rawValue
            return PublicityInput(kind: kind ?? "", topic: topic ?? "", heldOn: heldOn ?? "", unitID: unitID.flatMap { Int64($0) } ?? 0, summary: summary ?? "",
                                  place: online ? nil : place, audience: online ? nil : number(audience), leaflets: online ? nil : number(leaflets),
                                  officers: number(officers), channel: online ? channel : nil, posts: online ? number(posts) : nil, views: online ? number(views) : nil)
        }
    }

    static func filter(_ req: Request) throws -> PublicityFilter {
        let q = try req.listQuery(default: PublicityFilter.Show.all)
        return PublicityFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage { try await listPage(req, errors: []) }

    private func listPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let filter = try Self.filter(req)
        let form: HTML = caller.role.mayRecordWork
            ? PublicityPages.form(req.pageContext, units: try await req.store.units(caller), today: ChinaTime.day(req.application.settings.now())) : ""
        return PublicityPages.list(req.pageContext, try await req.store.publicityList(filter, caller), form: form, show: filter.show, query: req.url.query ?? "",
                                   errors: errors, status: status)
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let p = try await req.store.createPublicity(form.input, try req.caller())
            return req.redirect(to: Site.publicityItem(p.id).path)
        } catch let v as ValidationFailure {
            return try await listPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage {
        PublicityPages.detail(req.pageContext, try await req.store.publicity(id: try req.id(), try req.caller()))
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([PublicityPages.table(t, try await req.store.publicityList(try Self.filter(req), caller, limit: 10_000))], for: req,
                                        filename: t("publicity.title"))
    }
}
