import Domain
import Foundation
import Persistence
import Vapor

/// 离线数据 for the officer's phone: the copy the field pages keep for work with no signal,
/// with the visit form's vocabularies in the officer's language. Read with the web session
/// (the field pages' own sign-in) or a bearer token; compressed on the way (see its routes).
struct OfflineController {
    struct Choice: Content { var code: String; var label: String }
    struct Vocabulary: Content {
        var methods: [Choice]; var categories: [Choice]; var findingKinds: [Choice]; var tags: [Choice]
        /// The patrol and consultation forms' words.
        var patrolModes: [Choice]; var topics: [Choice]; var outcomes: [Choice]
    }
    struct Copy: Content { var copy: OfflineCopy; var vocabulary: Vocabulary }

    /// Who is signed in, and the token their writes carry: the queue sends only as the officer
    /// who recorded it, and learns here that a session expired offline has been renewed.
    struct FieldSession: Content { var userID: Int64; var csrf: String }

    func session(_ req: Request) async throws -> FieldSession {
        guard let userID = try req.caller().userID else { throw Forbidden() }
        return FieldSession(userID: userID, csrf: req.csrfToken)
    }

    /// A visit from the queue: the JSON the API takes, idempotent by its client id (sent twice,
    /// stored once: 201 the first time, 200 with the same visit after). Refusals come back as
    /// problem+json with each field's reason in the officer's language, and the item keeps them.
    struct Stored: Content, Equatable { var id: Int64; var path: String }

    func recordVisit(_ req: Request) async throws -> Response {
        let (visit, created) = try await req.store.recordVisit(try req.decodeJSON(VisitInput.self), try req.caller(), queued: true)
        return try await stored(req, .visit, visit.id, created: created)
    }

    /// Patrols and consultations from the queue: the same rules (client id, problem+json).
    func startPatrol(_ req: Request) async throws -> Response {
        let (patrol, created) = try await req.store.queuedPatrolStart(try req.decodeJSON(QueuedPatrolStart.self), try req.caller())
        return try await stored(req, .patrolStart, patrol.id, created: created)
    }

    func endPatrol(_ req: Request) async throws -> Response {
        let (patrol, created) = try await req.store.queuedPatrolEnd(try req.decodeJSON(QueuedPatrolEnd.self), try req.caller())
        return try await stored(req, .patrolEnd, patrol.id, created: created)
    }

    func recordConsultation(_ req: Request) async throws -> Response {
        let (consultation, created) = try await req.store.queuedConsultation(try req.decodeJSON(QueuedConsultation.self), try req.caller())
        return try await stored(req, .consultation, consultation.id, created: created)
    }

    /// 201 the first time, 200 when the item was stored before; either way its id and page.
    private func stored(_ req: Request, _ kind: QueuedKind, _ id: Int64, created: Bool) async throws -> Response {
        try await Stored(id: id, path: Site.queued(kind, id).path).encodeResponse(status: created ? .created : .ok, for: req)
    }

    func field(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayRecordWork, let account = req.auth.get(Account.self) else { throw Forbidden() }
        return OfflinePages.field(req.pageContext, account)
    }

    /// The visit form's words. The 信息员 tag is named only when the copy holds one (its
    /// reader may know who informants are).
    private func vocabulary(_ t: Texts, _ copy: OfflineCopy, topics: [ServiceKind]) -> Vocabulary {
        let informants = copy.households.contains { $0.members.contains { $0.tags.contains(.informant) } }
        return Vocabulary(methods: VisitMethod.allCases.map { Choice(code: $0.rawValue, label: t("visitMethod.\($0.rawValue)")) },
                          categories: VisitCategory.allCases.map { Choice(code: $0.rawValue, label: t("visitCategory.\($0.rawValue)")) },
                          findingKinds: FindingKind.allCases.map { Choice(code: $0.rawValue, label: t("finding.\($0.rawValue)")) },
                          tags: ResidentTag.allCases.filter { $0 != .informant || informants }.map { Choice(code: $0.rawValue, label: t.tag($0)) },
                          patrolModes: PatrolMode.allCases.map { Choice(code: $0.rawValue, label: t("patrolMode.\($0.rawValue)")) },
                          topics: topics.map { Choice(code: $0.code, label: $0.name) },
                          outcomes: ConsultationOutcome.allCases.map { Choice(code: $0.rawValue, label: t("consultationOutcome.\($0.rawValue)")) })
    }

    func copy(_ req: Request) async throws -> Response {
        let t = Texts(req.language)
        let copy = try await req.store.offlineCopy(try req.caller())
        // Names typed into the register are text: `<`, `>` and `&` go out as \u escapes, so the
        // JSON is never markup, however a browser reads it.
        var headers = HTTPHeaders(), body = ByteBuffer()
        try ContentConfiguration.global.requireEncoder(for: .json).encode(Copy(copy: copy, vocabulary: vocabulary(t, copy, topics: try await req.store.serviceKinds())), to: &body, headers: &headers)
        let json = String(buffer: body)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
        // Personal data: never kept by a shared cache; the page keeps its own copy.
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }
}
