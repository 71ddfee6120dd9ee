import Domain
import Foundation
import Persistence
import Vapor

/// 巡逻 pages: the list with the start form on top, a patrol's page (help given, the end), and the
/// list of help records behind the help figures.
struct PatrolWebController {
    struct StartForm: Content {
        var mode: String?
        var gridIDs: [String]?
        var companionIDs: [String]?
        var residents: String?
        var residentNames: String?

        var input: PatrolStart {
            PatrolStart(gridIDs: (gridIDs ?? []).compactMap { Int64($0) }, mode: mode ?? "", companionIDs: (companionIDs ?? []).compactMap { Int64($0) },
                        residents: FormNumber.count(residents), residentNames: residentNames ?? "")
        }
    }

    static func filter(_ req: Request) throws -> PatrolFilter {
        let q = try req.listQuery(default: PatrolFilter.Show.all)
        return PatrolFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    static func helpFilter(_ req: Request) throws -> HelpFilter {
        let q = try req.listQuery(default: HelpFilter.Show.all)
        return HelpFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        try await listPage(req, errors: [])
    }

    private func listPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let filter = try Self.filter(req)
        var start: HTML = ""
        if caller.role.mayRecordWork {
            start = PatrolPages.startForm(req.pageContext, grids: try await req.store.units(caller).filter { $0.kind == .grid },
                                          colleagues: try await req.store.colleagues(caller))
        }
        return PatrolPages.list(req.pageContext, try await req.store.patrols(filter, caller), start: start, show: filter.show, query: req.url.query ?? "",
                                errors: errors, status: status)
    }

    func start(_ req: Request) async throws -> Response {
        let form = try req.content.decode(StartForm.self)
        do {
            let p = try await req.store.startPatrol(form.input, try req.caller())
            return req.redirect(to: Site.patrol(p.id).path)
        } catch let v as ValidationFailure {
            return try await listPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage {
        PatrolPages.detail(req.pageContext, try await req.store.patrol(id: try req.id(), try req.caller()), now: req.application.settings.now(), errors: [], status: .ok)
    }

    /// A step on a patrol's page: done, back to the page; refused, the page again with the errors.
    private func step(_ req: Request, _ body: () async throws -> Void) async throws -> Response {
        let id = try req.id()
        do {
            try await body()
            return req.redirect(to: Site.patrol(id).path)
        } catch let v as ValidationFailure {
            return try await PatrolPages.detail(req.pageContext, try await req.store.patrol(id: id, try req.caller()), now: req.application.settings.now(),
                                                errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func addHelp(_ req: Request) async throws -> Response {
        let f = try req.content.decode(HelpForm.self)
        return try await step(req) { try await req.store.addHelp(.patrol(try req.id()), f.input, try req.caller()) }
    }

    struct FindingForm: Content { var findingKind: String?; var description: String? }

    func addFinding(_ req: Request) async throws -> Response {
        let f = try req.content.decode(FindingForm.self)
        return try await step(req) {
            _ = try await req.store.addPatrolFinding(patrolID: try req.id(), FindingInput(kind: f.findingKind ?? "", description: f.description ?? ""), try req.caller())
        }
    }

    struct EndForm: Content { var endedAt: String?; var note: String? }

    func end(_ req: Request) async throws -> Response {
        let f = try req.content.decode(EndForm.self)
        return try await step(req) {
            guard let at = ChinaTime.parseFormInput(f.endedAt ?? "") else { throw ValidationFailure(field: "endedAt", .invalidDate) }
            _ = try await req.store.endPatrol(id: try req.id(), endedAt: at, note: f.note ?? "", try req.caller())
        }
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([PatrolPages.table(t, try await req.store.patrols(try Self.filter(req), caller, limit: 10_000))], for: req, filename: t("patrol.title"))
    }

    func helpList(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let filter = try Self.helpFilter(req)
        return PatrolPages.helpList(req.pageContext, try await req.store.helpRecords(filter, caller), show: filter.show, query: req.url.query ?? "")
    }

    func helpExport(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([PatrolPages.helpTable(t, try await req.store.helpRecords(try Self.helpFilter(req), caller, limit: 10_000))], for: req,
                                        filename: t("help.title"))
    }
}
