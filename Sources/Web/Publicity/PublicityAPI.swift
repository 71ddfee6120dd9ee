import Domain
import Persistence
import Vapor

extension PublicityView: Content {}

/// 宣传 in the JSON API: the same store calls as the pages.
struct PublicityAPI {
    func list(_ req: Request) async throws -> [PublicityView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.publicityList(try PublicityWebController.filter(req), caller, limit: 10_000)
    }

    func create(_ req: Request) async throws -> Response {
        try await req.store.createPublicity(try req.decodeJSON(PublicityInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> PublicityView { try await req.store.publicity(id: try req.id(), try req.caller()) }
}
