import Domain
import Persistence
import Vapor

extension CaseImportResult: Content {}
extension VictimView: Content {}

/// 警情+回访 in the JSON API: the import takes the same CSV as `jingmin import cases`.
struct CaseAPI {
    func importCases(_ req: Request) async throws -> CaseImportResult {
        guard req.headers.contentType?.subType == "csv" else { throw Abort(.unsupportedMediaType) }
        guard let text = req.body.data.flatMap({ String(data: Data(buffer: $0), encoding: .utf8) }) else { throw ValidationFailure(field: "body", .malformed) }
        return try await req.store.importCases(csv: text, try req.caller())
    }

    func victims(_ req: Request) async throws -> [VictimView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.victims(try VictimWebController.filter(req), caller, limit: 10_000)
    }

    func victim(_ req: Request) async throws -> VictimView { try await req.store.victim(id: try req.id(), try req.caller()) }

    func recordVisit(_ req: Request) async throws -> VictimView {
        try await req.store.recordVictimVisit(id: try req.id(), try req.decodeJSON(VictimVisitInput.self), try req.caller())
    }
}
