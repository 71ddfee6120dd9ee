import Domain
import Foundation
import Persistence
import Vapor

/// 线索 pages: the list (each clue figure's drill-down), registering one (from a visit's 线索
/// finding in one step), and its page with what came of it.
struct ClueWebController {
    struct ClueForm: Content {
        var gridID: String?
        var source: String?
        var summary: String?
        var findingID: String?
        var informantID: String?
        var patrolID: String?

        var input: ClueInput {
            ClueInput(gridID: gridID.flatMap { Int64($0) } ?? 0, source: source ?? "", summary: summary ?? "",
                      findingID: findingID.flatMap { Int64($0) }, informantID: informantID.flatMap { Int64($0) }, patrolID: patrolID.flatMap { Int64($0) })
        }
    }

    static func filter(_ req: Request) throws -> ClueFilter {
        let q = try req.listQuery(default: ClueFilter.Show.all)
        return ClueFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let filter = try Self.filter(req)
        return CluePages.list(req.pageContext, try await req.store.clues(filter, caller), show: filter.show, query: req.url.query ?? "")
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([CluePages.table(t, try await req.store.clues(try Self.filter(req), caller, limit: 10_000))], for: req, filename: t("clue.title"))
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        var form = ClueForm(source: ClueSource.walkIn.rawValue)
        if let finding = req.query[Int64.self, at: "finding"] {
            let origin = try await req.store.findingOrigin(findingID: finding, kind: .clue, try req.caller())
            form.source = ClueSource.visit.rawValue; form.findingID = String(finding)
            form.summary = origin.description; form.gridID = String(origin.gridID)
        } else if let id = req.query[Int64.self, at: "patrol"] {
            let patrol = try await req.store.patrol(id: id, try req.caller())
            form.source = ClueSource.patrol.rawValue; form.patrolID = String(id); form.gridID = patrol.gridIDs.first.map(String.init)
        }
        return try await formPage(req, form, errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ClueForm.self)
        do {
            let c = try await req.store.createClue(form.input, try req.caller())
            return req.redirect(to: Site.clue(c.id).path)
        } catch let v as ValidationFailure {
            return try await formPage(req, form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    private func formPage(_ req: Request, _ form: ClueForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let grids = try await req.store.units(caller).filter { $0.kind == .grid }
        return CluePages.form(req.pageContext, form: form, grids: grids, errors: errors, status: status)
    }

    func show(_ req: Request) async throws -> HTMLPage {
        CluePages.detail(req.pageContext, try await req.store.clue(id: try req.id(), try req.caller()), errors: [], status: .ok)
    }

    struct OutcomeForm: Content { var outcome: String?; var caseNumber: String? }

    func setOutcome(_ req: Request) async throws -> Response {
        let form = try req.content.decode(OutcomeForm.self)
        let caller = try req.caller(), id = try req.id()
        do {
            _ = try await req.store.setClueOutcome(id: id, outcome: form.outcome ?? "", caseNumber: form.caseNumber, caller)
            return req.redirect(to: Site.clue(id).path)
        } catch let v as ValidationFailure {
            return try await CluePages.detail(req.pageContext, try await req.store.clue(id: id, caller), errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
