import Domain
import Persistence
import Vapor

extension VisitView: Content {}
extension TaskView: Content {}
extension MustVisitRule: Content {}

/// /api/v1 visits and tasks; described in openapi.yaml.
struct VisitAPI {
    /// 201 when stored now, 200 when this client id was stored before (nothing written again).
    func create(_ req: Request) async throws -> Response {
        let input = try req.decodeJSON(VisitInput.self)
        let (visit, created) = try await req.store.recordVisit(input, try req.caller())
        return try await visit.encodeResponse(status: created ? .created : .ok, for: req)
    }

    func show(_ req: Request) async throws -> VisitView { try await req.store.visit(id: try req.id(), try req.caller()) }
    func tasks(_ req: Request) async throws -> [TaskView] { try await req.store.openTasks(try req.caller()) }

    struct AssigneeBody: Content { var assigneeID: Int64 }

    func reassign(_ req: Request) async throws -> HTTPStatus {
        let body = try req.decodeJSON(AssigneeBody.self)
        try await req.store.reassignTask(id: try req.id(), to: body.assigneeID, try req.caller())
        return .noContent
    }
    func rules(_ req: Request) async throws -> [MustVisitRule] {
        _ = try req.caller()
        return try await req.store.mustVisitRules()
    }
}
