import Domain
import Persistence
import Vapor

extension CampaignView: Content {}
extension CampaignReport: Content {}
extension CampaignInput: Content, NullableFields {
    static let nullableFields: Set<String> = ["tags", "placeKind"]
}
/// A notice as the API answers it (openapi.yaml `Notice`): worded in the caller's language.
struct NoticeAnswer: Content {
    var id: Int64, kind: String, title: String, link: String, createdAt: Date, readAt: Date?
}

/// /api/v1 campaigns and the inbox; described in openapi.yaml.
struct CampaignAPI {
    func list(_ req: Request) async throws -> [CampaignView] { try await req.store.campaigns(try req.caller()) }

    func create(_ req: Request) async throws -> Response {
        let input = try req.decodeJSON(CampaignInput.self)
        return try await req.store.createCampaign(input, try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> CampaignReport { try await req.store.campaignReport(id: try req.id(), try req.caller()) }

    /// The inbox, worded in the caller's language.
    func notifications(_ req: Request) async throws -> [NoticeAnswer] {
        let t = Texts(req.language)
        return try await req.store.inbox(try req.caller()).map {
            NoticeAnswer(id: $0.id, kind: $0.kind, title: t.title(of: $0), link: $0.href, createdAt: $0.createdAt, readAt: $0.readAt)
        }
    }

    func markNotificationsRead(_ req: Request) async throws -> HTTPStatus {
        try await req.store.markInboxRead(try req.caller())
        return .noContent
    }
}
