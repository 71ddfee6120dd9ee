import Domain
import Foundation
import Persistence
import Vapor

/// 覆盖率 (who has been visited this period), the gaps in a grid, and the care list.
struct CoverageWebController {
    func coverage(_ req: Request) async throws -> HTMLPage {
        let (grids, period) = try await coverageData(req)
        return CoveragePage.render(req.pageContext, grids: grids, period: period)
    }

    func coverageExport(_ req: Request) async throws -> Response {
        let (grids, period) = try await coverageData(req), t = Texts(req.language), (from, to) = period.dayStrings()
        return try ExportTable.response([CoveragePage.table(t, grids: grids, period: period)], for: req, filename: "\(t("coverage.title"))-\(from)-\(to)")
    }

    private func coverageData(_ req: Request) async throws -> (grids: [GridCoverage], period: Period) {
        let caller = try req.caller()
        guard caller.role != .resident else { throw NotFound() }
        let period = try req.period()
        return (try await req.store.coverage(caller, period: period), period)
    }

    func unvisited(_ req: Request) async throws -> HTMLPage {
        let (grid, gaps, period) = try await unvisitedData(req)
        return UnvisitedPage.render(req.pageContext, grid: grid, households: gaps, period: period)
    }

    func unvisitedExport(_ req: Request) async throws -> Response {
        let (grid, gaps, period) = try await unvisitedData(req), t = Texts(req.language), (from, to) = period.dayStrings()
        return try ExportTable.response([UnvisitedPage.table(t, grid: grid, households: gaps)], for: req, filename: "\(t("coverage.unvisited"))-\(grid.name)-\(from)-\(to)")
    }

    /// A grid's households not yet visited in the period (the page and its export).
    private func unvisitedData(_ req: Request) async throws -> (grid: Domain.Unit, gaps: [HouseholdView], period: Period) {
        let caller = try req.caller(), period = try req.period()
        let grid = try await req.store.unit(id: try req.id(), caller)
        return (grid, try await req.store.unvisitedHouseholds(gridID: grid.id, period: period, caller), period)
    }

    func care(_ req: Request) async throws -> HTMLPage {
        CarePage.render(req.pageContext, subjects: try await careSubjects(req), settings: try await req.store.workSettings(), now: req.application.settings.now())
    }

    func careExport(_ req: Request) async throws -> Response {
        let t = Texts(req.language)
        return try ExportTable.response([CarePage.table(t, subjects: try await careSubjects(req))], for: req,
                                        filename: "\(t("care.title"))-\(ChinaTime.day(req.application.settings.now()))")
    }

    /// The care list of the caller's jurisdiction; residents have none.
    private func careSubjects(_ req: Request) async throws -> [CareSubject] {
        let caller = try req.caller()
        guard caller.role != .resident else { throw NotFound() }
        return try await req.store.careSubjects(caller)
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
