import Domain
import Persistence
import Vapor

extension InformantView: Content {}
extension InformantDetail: Content {}

/// 信息员 in the JSON API: the same store calls as the pages.
struct InformantsAPI {
    func list(_ req: Request) async throws -> [InformantView] { try await req.store.informants(try req.caller()) }

    func save(_ req: Request) async throws -> Response {
        try await req.store.saveInformant(try req.decodeJSON(InformantInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> InformantDetail { try await req.store.informant(residentID: try req.id(), try req.caller()) }

    func contact(_ req: Request) async throws -> InformantDetail {
        try await req.store.recordInformantContact(residentID: try req.id(), try req.decodeJSON(InformantContactInput.self), try req.caller())
    }

    func recognize(_ req: Request) async throws -> InformantDetail {
        try await req.store.recognizeInformant(residentID: try req.id(), try req.decodeJSON(RecognitionInput.self), try req.caller())
    }
}
