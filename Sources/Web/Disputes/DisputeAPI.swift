import Domain
import Persistence
import Vapor

extension DisputeType: Content {}
extension DisputeView: Content {}
extension DisputeDetail: Content {}

/// 矛盾纠纷 in the JSON API: the same store calls as the pages.
struct DisputeAPI {
    func types(_ req: Request) async throws -> [DisputeType] {
        guard try req.caller().role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.disputeTypes()
    }

    func list(_ req: Request) async throws -> [DisputeView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.disputes(try DisputeWebController.filter(req), caller, limit: 10_000)
    }

    func create(_ req: Request) async throws -> Response {
        try await req.store.createDispute(try req.decodeJSON(DisputeInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> DisputeDetail { try await req.store.dispute(id: try req.id(), try req.caller()) }

    struct RiskBody: Content { var risk: String }

    func setRisk(_ req: Request) async throws -> DisputeDetail {
        try await req.store.setDisputeRisk(id: try req.id(), risk: try req.decodeJSON(RiskBody.self).risk, try req.caller())
    }

    /// The session's fields, and the scanned agreement as base64 in `agreementScan`.
    struct ScanBody: Content { var agreementScan: String? }

    func recordSession(_ req: Request) async throws -> Response {
        let input = try req.decodeJSON(SessionInput.self)
        let scan = try req.decodeJSON(ScanBody.self).agreementScan.map { s in
            guard let d = Data(base64Encoded: s) else { throw ValidationFailure(field: "agreementScan", .malformed) }
            return Array(d)
        }
        return try await req.store.recordMediation(disputeID: try req.id(), input, scan: scan, try req.caller()).encodeResponse(status: .created, for: req)
    }

    struct FollowUpBody: Content { var flaredUp: Bool; var note: String? }

    func followUp(_ req: Request) async throws -> DisputeDetail {
        let body = try req.decodeJSON(FollowUpBody.self)
        return try await req.store.logDisputeFollowUp(disputeID: try req.id(), flaredUp: body.flaredUp, note: body.note ?? "", try req.caller())
    }
}
