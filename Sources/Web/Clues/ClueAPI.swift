import Domain
import Persistence
import Vapor

extension ClueView: Content {}

/// 线索 in the JSON API: the same store calls as the pages.
struct ClueAPI {
    func list(_ req: Request) async throws -> [ClueView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.clues(try ClueWebController.filter(req), caller, limit: 10_000)
    }

    func create(_ req: Request) async throws -> Response {
        try await req.store.createClue(try req.decodeJSON(ClueInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> ClueView { try await req.store.clue(id: try req.id(), try req.caller()) }

    struct OutcomeBody: Content { var outcome: String; var caseNumber: String? }

    func setOutcome(_ req: Request) async throws -> ClueView {
        let body = try req.decodeJSON(OutcomeBody.self)
        return try await req.store.setClueOutcome(id: try req.id(), outcome: body.outcome, caseNumber: body.caseNumber, try req.caller())
    }
}
