import Domain
import Persistence
import Vapor

extension VisitView: Content {}
extension TaskView: Content {}
extension MustVisitRule: Content {}
extension VisitInput: NullableFields {
    static let nullableFields: Set<String> = ["householdID", "placeID", "companions", "notes"]
}

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

    struct RuleBody: Content, NullableFields {
        var dueWithinDays: Int; var repeatEveryDays: Int?; var active: Bool
        static let nullableFields: Set<String> = ["repeatEveryDays"]
    }

    func updateRule(_ req: Request) async throws -> MustVisitRule {
        let body = try req.decodeJSON(RuleBody.self)
        return try await req.store.updateMustVisitRule(code: req.parameters.get("code") ?? "", dueWithinDays: String(body.dueWithinDays),
                                                       repeatEveryDays: body.repeatEveryDays.map(String.init) ?? "", active: body.active, try req.caller())
    }

    /// Work settings as JSON: cadences keyed by tag code.
    struct WorkSettingsBody: Content {
        var careCadenceDays: [String: Int]
        var bureauAfterDays: Int
        /// These two, left out of a change, stay as they are.
        var disputeFollowUpDays: Int?
        var victimVisitDays: Int?
        init(_ s: WorkSettings) {
            careCadenceDays = Dictionary(uniqueKeysWithValues: s.careCadenceDays.map { ($0.key.rawValue, $0.value) }); bureauAfterDays = s.bureauAfterDays
            disputeFollowUpDays = s.disputeFollowUpDays; victimVisitDays = s.victimVisitDays
        }
    }

    func workSettings(_ req: Request) async throws -> WorkSettingsBody {
        guard try req.caller().role.seesWorkRecords else { throw Forbidden() }
        return WorkSettingsBody(try await req.store.workSettings())
    }

    func updateWorkSettings(_ req: Request) async throws -> WorkSettingsBody {
        let body = try req.decodeJSON(WorkSettingsBody.self)
        let current = try await req.store.workSettings()
        switch WorkSettings.validate(cadences: body.careCadenceDays.mapValues(String.init), bureauAfterDays: String(body.bureauAfterDays),
                                     disputeFollowUpDays: String(body.disputeFollowUpDays ?? current.disputeFollowUpDays),
                                     victimVisitDays: String(body.victimVisitDays ?? current.victimVisitDays)) {
        case .success(let s):
            if let unknown = body.careCadenceDays.keys.first(where: { ResidentTag(rawValue: $0).map(WorkSettings.careTags.contains) != true }) {
                throw ValidationFailure(field: "careCadenceDays.\(unknown)", .unknownTag)
            }
            try await req.store.updateWorkSettings(s, try req.caller())
            return WorkSettingsBody(s)
        case .failure(let f): throw f
        }
    }
}
