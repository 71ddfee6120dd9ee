import Domain
import Vapor

/// Turns every thrown error into an answer the caller can use: RFC 9457 problem+json with
/// per-field errors under /api, a Chinese (or English) page elsewhere. Never a stack trace,
/// never SQL; unexpected errors are logged and answered 500 with a plain message.
struct ProblemMiddleware: AsyncMiddleware {
    let environment: Environment

    struct Problem: Content {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var errors: [ProblemField]?
    }
    struct ProblemField: Content {
        var field: String
        var reason: String
        var code: String
        var row: Int?
    }

    /// Methods registered for a path, so a wrong method answers 405 with `Allow` rather than 404.
    static func methods(servingPath path: String, in routes: Routes) -> [HTTPMethod] {
        let parts = path.split(separator: "/").map(String.init)
        return routes.all.filter { route in
            route.path.count == parts.count && zip(route.path, parts).allSatisfy { component, part in
                switch component {
                case .constant(let c): c == part
                case .parameter: true
                default: false
                }
            }
        }.map(\.method)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return try await answer(error, request)
        }
    }

    func answer(_ error: any Error, _ req: Request) async throws -> Response {
        if let a = error as? any AbortError, a.status == .notFound, req.url.path.hasPrefix("/api/") {
            let allowed = Self.methods(servingPath: req.url.path, in: req.application.routes)
            if !allowed.isEmpty, !allowed.contains(req.method) {
                let response = try await answer(Abort(.methodNotAllowed), req)
                response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).sorted().joined(separator: ", "))
                return response
            }
        }
        let t = Texts(req.language)
        let (status, key, fields): (HTTPResponseStatus, String, [FieldError]) = switch error {
        case let v as ValidationFailure: (.unprocessableEntity, "error.validation", v.errors)
        case is NotFound: (.notFound, "error.notFound", [])
        case is Forbidden: (.forbidden, "error.forbidden", [])
        case let r as DeviceSignature.Refusal: (.unauthorized, "error.device.\(r.rawValue)", [])
        case let b as APIBodyError: (.badRequest, "error.badRequest", [FieldError(field: b.field.isEmpty ? "body" : b.field, problem: b.problem)])
        case is DecodingError: (.badRequest, "error.badRequest", [FieldError(field: "body", problem: .malformed)])
        case let a as any AbortError where a.status == .unauthorized: (.unauthorized, "error.unauthorized", [])
        case let a as any AbortError where a.status == .notFound: (.notFound, "error.notFound", [])
        case let a as any AbortError where a.status == .forbidden: (.forbidden, a.reason == CSRF.reason ? "error.csrf" : "error.forbidden", [])
        case let a as any AbortError where a.status == .tooManyRequests: (.tooManyRequests, "error.tooMany", [])
        case let a as any AbortError where a.status.code < 500: (a.status, "error.badRequest", [])
        default: (.internalServerError, "error.server", [])
        }
        if status == .internalServerError {
            req.logger.report(error: error)
        }
        if req.url.path.hasPrefix("/open311/") {
            // A GeoReport client reads its own error format, also for what no handler reached
            // (an unknown document, a control character in the query string).
            let document = fields.isEmpty ? Open311Document.errors(status, [t(key)]) : Open311Document.errors(status, t, fields)
            return document.response(xml: req.url.path.hasSuffix(".xml"))
        }
        // The field pages' queue (/field/…) reads refusals as the API's clients do.
        if req.url.path.hasPrefix("/api/") || req.url.path.hasPrefix("/field/") {
            let problem = Problem(type: "about:blank", title: t(key), status: Int(status.code), detail: nil,
                                  errors: fields.isEmpty ? nil : fields.map { ProblemField(field: $0.field, reason: t.describe(FieldError(field: $0.field, problem: $0.problem)), code: $0.problem.rawValue, row: $0.row) })
            let response = Response(status: status)
            try response.content.encode(problem, as: .json)
            response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
            if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return response
        }
        if status == .unauthorized {
            return req.redirect(to: Site.login.path)
        }
        let ctx = req.pageContext
        let body = "<p class=\"error\">\(t(key))</p>" + Layout.errors(t, fields) + "<p><a href=\"\(Site.home.path)\">\(t("nav.home"))</a></p>"
        return try await HTMLPage(html: Layout.page(ctx, title: t("error.title"), body), status: status).encodeResponse(for: req)
    }
}
