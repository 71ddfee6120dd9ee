import Domain
import Foundation
import Persistence
import Vapor

/// /api/v1 coverage (布棋式), a grid's unvisited households, the care list and grid outlines;
/// described in openapi.yaml. The same store calls as the pages.
struct CoverageAPI {
    struct GridLine: Content {
        var gridID: Int64, gridName: String, communityName: String, stationName: String
        var households: Int, visited: Int, rate: Double?
    }
    struct CoverageAnswer: Content { var from: String; var to: String; var households: Int; var visited: Int; var rate: Double?; var grids: [GridLine] }

    func coverage(_ req: Request) async throws -> CoverageAnswer {
        let period = try req.period()
        let grids = try await req.store.coverage(try req.caller(), period: period)
        let total = grids.total, (from, to) = period.dayStrings()
        return CoverageAnswer(from: from, to: to, households: total.households, visited: total.visited, rate: total.rate, grids: grids.map {
            GridLine(gridID: $0.gridID, gridName: $0.gridName, communityName: $0.communityName, stationName: $0.stationName,
                     households: $0.coverage.households, visited: $0.coverage.visited, rate: $0.coverage.rate)
        })
    }

    func unvisited(_ req: Request) async throws -> [HouseholdView] {
        try await req.store.unvisitedHouseholds(gridID: try req.id(), period: try req.period(), try req.caller())
    }

    func care(_ req: Request) async throws -> [CareSubject] { try await req.store.careSubjects(try req.caller()) }

    struct OutlinesAnswer: Content { var imported: Int }

    /// Body: a GeoJSON FeatureCollection, `properties.code` naming each grid.
    func importOutlines(_ req: Request) async throws -> OutlinesAnswer {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        return OutlinesAnswer(imported: try await req.store.importGridOutlines(geojson: body, try req.caller()))
    }
}

extension CareSubject: Content {}
