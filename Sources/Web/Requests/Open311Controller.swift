import Domain
import Foundation
import Persistence
import Vapor

/// Open311 GeoReport v2 at /open311/v2/: services, service definitions, filing and reading
/// requests, tokens. Filing needs an api_key and a station code as jurisdiction_id; requests
/// filed this way enter the same workflow as any other. Reading shows only requests that came
/// in through Open311, and never who filed them.
struct Open311Controller {
    func register(_ app: Application) {
        let v2 = app.grouped("open311", "v2")
        v2.get(":document", use: { try await self.answer($0) { try await self.top($0) } })
        v2.post(":document", use: { try await self.answer($0) { try await self.file($0) } })
        v2.get("services", ":document", use: { try await self.answer($0) { try await self.service($0) } })
        v2.get("requests", ":document", use: { try await self.answer($0) { try await self.one($0) } })
        v2.get("tokens", ":document", use: { try await self.answer($0) { try await self.token($0) } })
    }

    struct Failure: Error { var status: HTTPResponseStatus; var description: String }

    /// "requests.json" → ("requests", xml: false); anything but .json or .xml is not a document.
    func document(_ req: Request) throws -> (name: String, xml: Bool) {
        let raw = req.parameters.get("document") ?? ""
        for (ext, xml) in [(".json", false), (".xml", true)] where raw.hasSuffix(ext) { return (String(raw.dropLast(ext.count)), xml) }
        throw Failure(status: .notFound, description: "格式应为 .json 或 .xml (format must be .json or .xml)")
    }

    /// Every answer, errors included, in the GeoReport format the path asked for.
    func answer(_ req: Request, _ body: (Request) async throws -> Open311Document) async throws -> Response {
        let xml = (req.parameters.get("document") ?? "").hasSuffix(".xml")
        do {
            return try await body(req).response(xml: xml)
        } catch let f as Failure {
            return Open311Document.errors(f.status, [f.description]).response(xml: xml)
        } catch let v as ValidationFailure {
            return Open311Document.errors(.badRequest, Texts(.zhHans), v.errors).response(xml: xml)
        } catch let b as APIBodyError {
            return Open311Document.errors(.badRequest, Texts(.zhHans), [FieldError(field: b.field, problem: b.problem)]).response(xml: xml)
        } catch is NotFound {
            return Open311Document.errors(.notFound, ["没有该诉求 (no such request)"]).response(xml: xml)
        } catch {
            req.logger.error("open311 failed", metadata: ["error": .string(String(describing: error))])
            return Open311Document.errors(.internalServerError, [Texts(.zhHans)("error.server")]).response(xml: xml)
        }
    }

    func param(_ req: Request, _ name: String) throws -> String? {
        try (req.bodyField(name) ?? req.query[String.self, at: name]).flatMap { $0.isEmpty ? nil : $0 }
    }

    func top(_ req: Request) async throws -> Open311Document {
        switch try document(req).name {
        case "services": return try await services(req)
        case "requests": return try await list(req)
        default: throw Failure(status: .notFound, description: "没有该接口 (no such resource)")
        }
    }

    func services(_ req: Request) async throws -> Open311Document {
        let records: [Open311Document.Record] = try await req.store.requestCategories().map { c in
            [("service_code", .text(c.code)), ("service_name", .text(c.name)), ("description", .text("办理期限 \(c.deadlineDays) 天")),
             ("metadata", .text("false")), ("type", .text("realtime")), ("keywords", .text("")), ("group", .text("社区警务"))]
        }
        return Open311Document(root: "services", item: "service", records: records)
    }

    /// A service definition: Jingmin's services have no extra attributes.
    func service(_ req: Request) async throws -> Open311Document {
        let code = try document(req).name
        guard try await req.store.requestCategories().contains(where: { $0.code == code }) else { throw Failure(status: .notFound, description: "没有该服务 (unknown service_code)") }
        return Open311Document(root: "service_definition", item: "attributes", records: [[("service_code", .text(code))]])
    }

    func file(_ req: Request) async throws -> Open311Document {
        guard try document(req).name == "requests" else { throw Failure(status: .notFound, description: "没有该接口 (no such resource)") }
        guard let key = try param(req, "api_key"), let client = try await req.store.open311Client(apiKey: key) else {
            throw Failure(status: .forbidden, description: "api_key 无效或缺失 (missing or invalid api_key)")
        }
        guard let code = try param(req, "jurisdiction_id"), let station = try await req.store.open311Station(code: code) else {
            throw Failure(status: .badRequest, description: "jurisdiction_id 应为派出所编码 (jurisdiction_id must be a station code)")
        }
        guard let service = try param(req, "service_code") else { throw Failure(status: .badRequest, description: "service_code: 必填 (required)") }
        guard try await req.store.requestCategories().contains(where: { $0.code == service }) else {
            throw Failure(status: .badRequest, description: "service_code 不存在 (unknown service_code)")
        }
        let lat = try param(req, "lat").flatMap(Double.init), long = try param(req, "long").flatMap(Double.init)
        var address = try param(req, "address_string")
        if address == nil, let lat, let long { address = "坐标 \(lat), \(long)" }
        guard address != nil else { throw Failure(status: .badRequest, description: "需要 lat/long 或 address_string (a location is required)") }
        let name = try [param(req, "last_name"), param(req, "first_name")].compactMap { $0 }.joined()
        let input = try RequestInput(kind: RequestKind.request.rawValue, categoryCode: service, description: param(req, "description") ?? "",
                                 address: address, latitude: lat, longitude: long, contactName: name, contactPhone: param(req, "phone"))
        let caller = req.store.open311Caller(client, station: station, clientAddress: req.clientAddress)
        let r = try await req.store.createRequest(input, origin: RequestOrigin(channel: .open311, open311KeyID: client.id), caller)
        return Open311Document(root: "service_requests", item: "request", records: [[
            ("service_request_id", .text(String(r.id))), ("service_notice", .text("已受理，将交办责任单位，期限 \(ChinaTime.day(r.deadlineAt ?? Date()))")), ("account_id", .none),
        ]])
    }

    func list(_ req: Request) async throws -> Open311Document {
        var station: Domain.Unit?
        if let code = try param(req, "jurisdiction_id") {
            guard let s = try await req.store.open311Station(code: code) else { throw Failure(status: .badRequest, description: "jurisdiction_id 应为派出所编码 (jurisdiction_id must be a station code)") }
            station = s
        }
        let ids = try param(req, "service_request_id").map { list in
            try list.split(separator: ",").map { part in
                guard let id = Int64(part.trimmed) else { throw Failure(status: .badRequest, description: "service_request_id 格式不正确 (malformed)") }
                return id
            }
        }
        guard let statuses = Open311.statuses(try param(req, "status")) else { throw Failure(status: .badRequest, description: "status 应为 open 或 closed") }
        let window = try Open311.window(start: try param(req, "start_date"), end: try param(req, "end_date"), now: req.application.settings.now()).get()
        let codes = try param(req, "service_code").map { $0.split(separator: ",").map { $0.trimmed } }
        let found = try await req.store.open311Requests(Open311Query(stationPath: station?.path, ids: ids, serviceCodes: codes, statuses: statuses,
                                                                    start: window.start, end: window.end))
        return Open311Document(root: "service_requests", item: "request", records: found.map(record))
    }

    func one(_ req: Request) async throws -> Open311Document {
        guard let id = Int64(try document(req).name) else { throw NotFound() }
        return Open311Document(root: "service_requests", item: "request", records: [record(try await request(req, id))])
    }

    /// Requests are numbered at once, so a token is the request's own number.
    func token(_ req: Request) async throws -> Open311Document {
        let token = try document(req).name
        guard let id = Int64(token) else { throw NotFound() }
        _ = try await request(req, id)
        return Open311Document(root: "service_requests", item: "request", records: [[("service_request_id", .text(token)), ("token", .text(token))]])
    }

    /// One request that came in through Open311, whatever its age or status.
    func request(_ req: Request, _ id: Int64) async throws -> Open311Request {
        guard let r = try await req.store.open311Requests(Open311Query(stationPath: nil, ids: [id], serviceCodes: nil, statuses: RequestStatus.allCases,
                                                                      start: .distantPast, end: .distantFuture)).first else { throw NotFound() }
        return r
    }

    func record(_ r: Open311Request) -> Open311Document.Record {
        [("service_request_id", .text(String(r.id))), ("status", .text(Open311.status(r.status))),
         ("status_notes", .text(Open311.statusNote(r.status) + (r.outcome.isEmpty ? "" : "：" + r.outcome))),
         ("service_name", .text(r.serviceName)), ("service_code", .text(r.serviceCode)), ("description", .text(r.description)),
         ("agency_responsible", .text(r.agency)), ("service_notice", .text("")), ("requested_datetime", Open311Document.date(r.requestedAt)),
         ("updated_datetime", Open311Document.date(r.updatedAt)), ("expected_datetime", Open311Document.date(r.expectedAt)),
         ("address", .text(r.address)), ("address_id", .none), ("zipcode", .none),
         ("lat", r.latitude.map { .number($0) } ?? .none), ("long", r.longitude.map { .number($0) } ?? .none), ("media_url", .none)]
    }
}
