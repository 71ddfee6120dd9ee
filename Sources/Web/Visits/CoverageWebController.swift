import Domain
import Foundation
import Persistence
import Vapor

/// 覆盖率 (who has been visited this period), the gaps in a grid, and the care list.
struct CoverageWebController {
    func coverage(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller(), period = try req.period()
        async let outlines = req.store.gridOutlines(caller)
        let grids = try await req.store.coverage(caller, period: period)
        return CoveragePage.render(req.pageContext, grids: grids, outlines: try await outlines, period: period)
    }

    func coverageExport(_ req: Request) async throws -> Response {
        let caller = try req.caller(), period = try req.period(), t = Texts(req.language), (from, to) = period.dayStrings()
        return try ExportTable.response([CoveragePage.table(t, grids: try await req.store.coverage(caller, period: period), period: period)], for: req,
                                        filename: "\(t("coverage.title"))-\(from)-\(to)")
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
        CarePage.render(req.pageContext, subjects: try await req.store.careSubjects(try req.caller()), settings: try await req.store.workSettings(), now: req.application.settings.now())
    }

    func careExport(_ req: Request) async throws -> Response {
        let t = Texts(req.language)
        return try ExportTable.response([CarePage.table(t, subjects: try await req.store.careSubjects(try req.caller()))], for: req,
                                        filename: "\(t("care.title"))-\(ChinaTime.day(req.application.settings.now()))")
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
