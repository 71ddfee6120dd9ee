import Fluent
import Prometheus
import SQLKit
import Vapor

/// Probes and machine-readable descriptions: /healthz, /readyz, /metrics, /openapi.yaml.
struct SystemRoutes {
    func register(_ app: Application) {
        app.get("healthz") { _ in "ok" }
        app.get("readyz") { req async throws -> Response in
            do {
                try await (req.db as! any SQLDatabase).raw("SELECT 1").run()
                return Response(status: .ok, body: "ready")
            } catch {
                return Response(status: .serviceUnavailable, body: "database unreachable")
            }
        }
        app.get("metrics") { req async -> Response in
            var buffer: [UInt8] = []
            req.application.settings.metrics.emit(into: &buffer)
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
            return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
        }
        app.get("openapi.yaml") { req async throws -> Response in
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else { throw Abort(.notFound) }
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
            return Response(status: .ok, headers: headers, body: .init(data: try Data(contentsOf: url)))
        }
    }
}
