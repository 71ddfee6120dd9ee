import Domain
import Foundation
import Persistence
import Vapor

/// 覆盖率 (who has been visited this period), the gaps in a grid, and the care list.
struct CoverageWebController {
    func coverage(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role != .resident else { throw NotFound() }
        let period = try req.period()
        return CoveragePage.render(req.pageContext, grids: try await req.store.coverage(caller, period: period), period: period)
    }

    func unvisited(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let period = try req.period()
        let grid = try await req.store.unit(id: try req.id(), caller)
        let gaps = try await req.store.unvisitedHouseholds(gridID: grid.id, period: period, caller)
        return UnvisitedPage.render(req.pageContext, grid: grid, households: gaps, period: period)
    }

    func unvisitedExport(_ req: Request) async throws -> Response {
        let caller = try req.caller(), period = try req.period(), t = Texts(req.language)
        let grid = try await req.store.unit(id: try req.id(), caller)
        let gaps = try await req.store.unvisitedHouseholds(gridID: grid.id, period: period, caller)
        let (from, to) = period.dayStrings()
        return try ExportTable.response([UnvisitedPage.table(t, grid: grid, households: gaps)], for: req, filename: "\(t("coverage.unvisited"))-\(grid.name)-\(from)-\(to)")
    }

    func careExport(_ req: Request) async throws -> Response {
        let caller = try req.caller(), t = Texts(req.language)
        guard caller.role != .resident else { throw NotFound() }
        return try ExportTable.response([CarePage.table(t, subjects: try await req.store.careSubjects(caller))], for: req,
                                        filename: "\(t("care.title"))-\(ChinaTime.day(req.application.settings.now()))")
    }

    func care(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role != .resident else { throw NotFound() }
        return CarePage.render(req.pageContext, subjects: try await req.store.careSubjects(caller),
                               settings: try await req.store.workSettings(), now: req.application.settings.now())
    }
}

extension Request {
    /// `?from=yyyy-MM-dd&to=yyyy-MM-dd`, this month when neither is given; one alone, a blank or
    /// a bad date is a clear field error.
    func period() throws -> Period {
        let from = query[String.self, at: "from"], to = query[String.self, at: "to"]
        if from == nil && to == nil { return .month(of: application.settings.now()) }
        guard let p = Period.days(from: from ?? "", to: to ?? "") else { throw ValidationFailure(field: "period", .invalidDate) }
        return p
    }
}
