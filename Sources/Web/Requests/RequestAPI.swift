import Domain
import Foundation
import Persistence
import Vapor

extension RequestView: Content {}
extension RequestDetail: Content {}
extension RequestCategory: Content {}
extension MeetingView: Content {}
extension MeetingDetail: Content {}
extension MeetingInput: Content {}
extension FigureCounts: Content {}

/// /api/v1 requests, their workflow steps and categories; described in openapi.yaml.
struct RequestAPI {
    /// A request as JSON: the fields of `RequestInput`, photos as base64.
    struct RequestBody: Content {
        var kind: String?; var categoryCode: String?; var description: String?; var address: String?; var gridID: Int64?
        var latitude: Double?; var longitude: Double?; var requesterResidentID: Int64?; var contactName: String?; var contactPhone: String?
        var photos: [String]?

        var input: RequestInput {
            RequestInput(kind: kind ?? RequestKind.request.rawValue, categoryCode: categoryCode ?? "", description: description ?? "", address: address,
                         gridID: gridID, latitude: latitude, longitude: longitude, requesterResidentID: requesterResidentID,
                         contactName: contactName, contactPhone: contactPhone)
        }

        func photoBytes() throws -> [[UInt8]] {
            try (photos ?? []).enumerated().map { i, s in
                guard let d = Data(base64Encoded: s) else { throw ValidationFailure(field: "photos.\(i).file", .malformed) }
                return Array(d)
            }
        }
    }

    /// A full page says where the next one starts (a `Link: rel="next"` header, RFC 8288).
    func list(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let raw = req.query[String.self, at: "show"]
        guard let show = raw.map({ RequestFilter.Show(rawValue: $0) }) ?? .some(.open) else { throw ValidationFailure(field: "show", .invalidChoice) }
        let filter = RequestFilter(show: show, unitID: try req.queryNumber("unitID", 1...Int64.max),
                                   meetingID: try req.queryNumber("meetingID", 1...Int64.max),
                                   limit: Int(try req.queryNumber("limit", 1...500) ?? 200), beforeID: try req.queryNumber("beforeID", 1...Int64.max))
        let page = try await req.store.requests(filter, caller)
        let response = try await page.encodeResponse(for: req)
        if page.count == filter.limit, let last = page.last, filter.newestFirst(caller) {
            var next = URLComponents(string: req.url.string) ?? URLComponents()
            next.queryItems = (next.queryItems ?? []).filter { $0.name != "beforeID" } + [URLQueryItem(name: "beforeID", value: String(last.id))]
            response.headers.replaceOrAdd(name: "Link", value: "<\(next.string ?? "")>; rel=\"next\"")
        }
        return response
    }

    func create(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.mayFileRequests else { throw Forbidden() }
        let body = try req.decodeJSON(RequestBody.self)
        let r = try await req.store.createRequest(body.input, origin: RequestOrigin(channel: caller.role.usesPortal ? .portal : .hotline),
                                                  photos: try body.photoBytes(), caller)
        return try await r.encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> RequestDetail { try await req.store.request(id: try req.id(), try req.caller()) }

    struct AssignBody: Content { var unitID: Int64; var assigneeID: Int64; var categoryCode: String?; var note: String? }
    struct ResolveBody: Content { var outcome: String }
    struct ReturnVisitBody: Content { var satisfaction: String; var method: String?; var comment: String? }
    struct SuperviseBody: Content { var note: String; var deadlineAt: Date? }

    func assign(_ req: Request) async throws -> RequestView {
        let b = try req.decodeJSON(AssignBody.self)
        return try await req.store.assignRequest(id: try req.id(), unitID: b.unitID, assigneeID: b.assigneeID, categoryCode: b.categoryCode, note: b.note, try req.caller())
    }

    func start(_ req: Request) async throws -> RequestView { try await req.store.startRequest(id: try req.id(), try req.caller()) }

    func resolve(_ req: Request) async throws -> RequestView {
        try await req.store.resolveRequest(id: try req.id(), outcome: try req.decodeJSON(ResolveBody.self).outcome, try req.caller())
    }

    func returnVisit(_ req: Request) async throws -> RequestView {
        let b = try req.decodeJSON(ReturnVisitBody.self), caller = try req.caller()
        return try await req.store.recordReturnVisit(id: try req.id(), satisfaction: b.satisfaction, method: caller.role.usesPortal ? "portal" : b.method ?? "",
                                                     comment: b.comment, caller)
    }

    func supervise(_ req: Request) async throws -> RequestView {
        let b = try req.decodeJSON(SuperviseBody.self)
        return try await req.store.superviseRequest(id: try req.id(), note: b.note, newDeadline: b.deadlineAt, try req.caller())
    }

    func photo(_ req: Request) async throws -> Response { try await RequestWebController().photo(req) }

    func categories(_ req: Request) async throws -> [RequestCategory] {
        let caller = try req.caller()
        return try await req.store.requestCategories(includeInactive: caller.role.mayConfigure)
    }

    struct CategoryBody: Content { var name: String; var deadlineDays: Int; var active: Bool? }

    func saveCategory(_ req: Request) async throws -> RequestCategory {
        let b = try req.decodeJSON(CategoryBody.self)
        var c = try RequestCategory.validate(code: req.parameters.get("code") ?? "", name: b.name, deadlineDays: String(b.deadlineDays)).get()
        c.active = b.active ?? true
        try await req.store.saveRequestCategory(c, try req.caller())
        return c
    }

    func meetings(_ req: Request) async throws -> [MeetingView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.meetings(caller)
    }

    func createMeeting(_ req: Request) async throws -> Response {
        try await req.store.createMeeting(try req.decodeJSON(MeetingInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func meeting(_ req: Request) async throws -> MeetingDetail { try await req.store.meeting(id: try req.id(), try req.caller()) }

    /// One figure as the API gives it: the number as shown, what it counts, and the raw counts.
    struct FigureLine: Content { var key: String; var name: String; var value: String; var definition: String }
    struct FiguresAnswer: Content { var unitID: Int64; var unitName: String; var from: String; var to: String; var figures: [FigureLine]; var counts: FigureCounts }

    func figures(_ req: Request) async throws -> FiguresAnswer {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        let period = try req.period()
        let unit: Domain.Unit
        if let id = try req.queryNumber("unitID", 1...Int64.max) { unit = try await req.store.unit(id: id, caller) }
        else if case .subtree(let root) = caller.jurisdiction, let top = try await req.store.units(caller).first(where: { $0.path == root }) { unit = top }
        else { throw NotFound() }
        let counts = try await req.store.figureCounts(FigureScope(unit: unit, officerID: try req.queryNumber("officerID", 1...Int64.max), period: period), caller)
        let (from, to) = period.dayStrings()
        let t = Texts(req.language)
        return FiguresAnswer(unitID: unit.id, unitName: unit.name, from: from, to: to, figures: Figure.allCases.map {
            FigureLine(key: $0.rawValue, name: t.name(of: $0), value: counts.text($0), definition: t.definition(of: $0))
        }, counts: counts)
    }
}
