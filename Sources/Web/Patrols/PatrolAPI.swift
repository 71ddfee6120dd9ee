import Domain
import Persistence
import Vapor

extension PatrolView: Content {}
extension HelpView: Content {}

/// 巡逻 in the JSON API: the same store calls as the pages.
struct PatrolAPI {
    func list(_ req: Request) async throws -> [PatrolView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.patrols(try PatrolWebController.filter(req), caller, limit: 10_000)
    }

    func start(_ req: Request) async throws -> Response {
        try await req.store.startPatrol(try req.decodeJSON(PatrolStart.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> PatrolView { try await req.store.patrol(id: try req.id(), try req.caller()) }

    struct EndBody: Content { var endedAt: Date?; var note: String? }

    func end(_ req: Request) async throws -> PatrolView {
        let body = try req.decodeJSON(EndBody.self)
        return try await req.store.endPatrol(id: try req.id(), endedAt: body.endedAt, note: body.note ?? "", try req.caller())
    }

    /// Answers with the patrol as it is now.
    func addHelp(_ req: Request) async throws -> Response {
        let caller = try req.caller(), id = try req.id()
        try await req.store.addHelp(.patrol(id), try req.decodeJSON(HelpInput.self), caller)
        return try await req.store.patrol(id: id, caller).encodeResponse(status: .created, for: req)
    }

    /// Help given on a visit or a request: answers with the record.
    func addVisitHelp(_ req: Request) async throws -> Response {
        try await req.store.addHelp(.visit(try req.id()), try req.decodeJSON(HelpInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func addRequestHelp(_ req: Request) async throws -> Response {
        try await req.store.addHelp(.request(try req.id()), try req.decodeJSON(HelpInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    struct FindingBody: Content { var kind: String; var description: String }

    func addFinding(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(FindingBody.self)
        return try await req.store.addPatrolFinding(patrolID: try req.id(), FindingInput(kind: body.kind, description: body.description), try req.caller())
            .encodeResponse(status: .created, for: req)
    }

    func help(_ req: Request) async throws -> [HelpView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.helpRecords(try PatrolWebController.helpFilter(req), caller, limit: 10_000)
    }
}
