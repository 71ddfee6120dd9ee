import Domain
import Foundation
import Persistence
import Vapor

/// 被害人回访 pages: the list (with the coverage and its gaps), a victim's page with the visit form.
struct VictimWebController {
    static func filter(_ req: Request) throws -> VictimFilter {
        let q = try req.listQuery(default: VictimFilter.Show.unvisited)
        return VictimFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let filter = try Self.filter(req)
        let coverage = try await req.store.victimCoverage(filter, caller)
        return VictimPages.list(req.pageContext, try await req.store.victims(filter, caller), show: filter.show, query: req.url.query ?? "",
                                visited: coverage.visited, total: coverage.total, now: req.application.settings.now())
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        let rows = try await req.store.victims(try Self.filter(req), caller, limit: 10_000, forExport: true)
        return try ExportTable.response([VictimPages.table(t, rows, now: req.application.settings.now())], for: req, filename: t("victim.title"))
    }

    func show(_ req: Request) async throws -> HTMLPage {
        VictimPages.detail(req.pageContext, try await req.store.victim(id: try req.id(), try req.caller()), errors: [], now: req.application.settings.now(), status: .ok)
    }

    struct VisitForm: Content { var method: String?; var satisfaction: String?; var need: [String]?; var advice: String?; var notes: String? }

    func recordVisit(_ req: Request) async throws -> Response {
        let f = try req.content.decode(VisitForm.self)
        let caller = try req.caller(), id = try req.id()
        do {
            _ = try await req.store.recordVictimVisit(id: id, VictimVisitInput(method: f.method ?? "", satisfaction: f.satisfaction ?? "", needs: f.need ?? [],
                                                                              advice: f.advice ?? "", notes: f.notes ?? ""), caller)
            return req.redirect(to: Site.victim(id).path)
        } catch let v as ValidationFailure {
            return try await VictimPages.detail(req.pageContext, try await req.store.victim(id: id, caller), errors: v.errors, now: req.application.settings.now(),
                                                status: .unprocessableEntity)
                .encodeResponse(for: req)
        }
    }
}
