import Vapor

/// One part of an address: a fixed word, or a value that the route names as a parameter
/// (`/units/7` is matched by `/units/:id`).
enum AddressPart {
    case fixed(String)
    case id(Int64)
    case value(name: String, String)

    var text: String {
        switch self {
        case .fixed(let s): s
        case .id(let id): String(id)
        case .value(_, let s): Self.encode(s)
        }
    }

    /// Everything but letters and digits percent-encoded: safe in a path part or a query value.
    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    var component: PathComponent {
        switch self {
        case .fixed(let s): .constant(s)
        case .id: .parameter("id")
        case .value(let name, _): .parameter(name)
        }
    }
}

/// An address that both links and routes are made from, so the two cannot disagree:
/// `path` is what a page links to, `pattern` what the router matches.
protocol Address {
    var parts: [AddressPart] { get }
    /// Already encoded (`from=2026-11-01&to=2026-11-30`); nil for none.
    var query: String? { get }
}

extension Address {
    var query: String? { nil }
    var path: String { "/" + parts.map(\.text).joined(separator: "/") + (query.map { "?\($0)" } ?? "") }
    var pattern: [PathComponent] { parts.map(\.component) }
}

/// Routes registered by address: `pages.get(.unit(anyID), use: …)` instead of typed words.
/// The wrapper gives `.unit` its type, so web and API addresses of one name never mix.
struct AddressedRoutes<A: Address> {
    let routes: any RoutesBuilder

    func grouped(_ middleware: any Middleware...) -> Self { Self(routes: routes.grouped(middleware)) }

    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ address: A, body: HTTPBodyStreamStrategy = .collect,
                                       use handler: @Sendable @escaping (Request) async throws -> R) {
        routes.on(method, address.pattern, body: body, use: handler)
    }

    func get<R: AsyncResponseEncodable>(_ address: A, use handler: @Sendable @escaping (Request) async throws -> R) {
        on(.GET, address, use: handler)
    }

    func post<R: AsyncResponseEncodable>(_ address: A, use handler: @Sendable @escaping (Request) async throws -> R) {
        on(.POST, address, use: handler)
    }

    func put<R: AsyncResponseEncodable>(_ address: A, use handler: @Sendable @escaping (Request) async throws -> R) {
        on(.PUT, address, use: handler)
    }
}

/// What a pattern is registered with: any id or code stands for the route's parameter.
let anyID: Int64 = 0
let anyCode = ""
