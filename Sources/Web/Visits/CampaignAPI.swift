import Domain
import Persistence
import Vapor

extension CampaignView: Content {}
extension CampaignReport: Content {}
extension CampaignInput: Content, NullableFields {
    static let nullableFields: Set<String> = ["tags", "placeKind"]
}
extension Notice: Content {}

/// /api/v1 campaigns and the inbox; described in openapi.yaml.
struct CampaignAPI {
    func list(_ req: Request) async throws -> [CampaignView] { try await req.store.campaigns(try req.caller()) }

    func create(_ req: Request) async throws -> Response {
        let input = try req.decodeJSON(CampaignInput.self)
        return try await req.store.createCampaign(input, try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> CampaignReport { try await req.store.campaignReport(id: try req.id(), try req.caller()) }

    func notifications(_ req: Request) async throws -> [Notice] { try await req.store.inbox(try req.caller()) }

    func markNotificationsRead(_ req: Request) async throws -> HTTPStatus {
        try await req.store.markInboxRead(try req.caller())
        return .noContent
    }
}
