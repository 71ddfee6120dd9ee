import Vapor

/// Markup that is safe to send. Text interpolated into it is escaped; another `HTML` nests as
/// it is; a string literal is markup written here, in the source. So a page cannot forget to
/// escape a name: `"<td>\(resident.name)</td>"` escapes it. Markup made some other way enters
/// only through `HTML(unescaped:)`, used in very few places, each saying why.
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation {
    private(set) var markup: String

    init(stringLiteral literal: String) { markup = literal }
    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }
    /// The escape hatch: `markup` goes out exactly as given.
    init(unescaped markup: String) { self.markup = markup }

    /// Text as markup: escaped.
    static func text(_ text: String) -> HTML {
        var out = ""
        escape(text, into: &out)
        return HTML(unescaped: out)
    }

    var isEmpty: Bool { markup.isEmpty }

    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""
        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        mutating func appendLiteral(_ literal: String) { markup += literal }
        /// Text: escaped for element content and attribute values alike.
        mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &markup) }
        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        mutating func appendInterpolation<N: BinaryInteger>(_ number: N) { markup += String(number) }
        mutating func appendInterpolation(_ number: Double) { markup += String(number) }
    }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unescaped: lhs.markup + rhs.markup) }
    static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    /// The five characters that could end a text or an attribute value.
    static func escape(_ text: String, into out: inout String) {
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
    }
}

extension Sequence where Element == HTML {
    func joined(separator: HTML = "") -> HTML {
        var out = "", first = true
        for part in self {
            if !first { out += separator.markup }
            out += part.markup
            first = false
        }
        return HTML(unescaped: out)
    }
}

/// Text for an XML document (the XLSX writer, Open311's XML answers): the same escaping.
func xmlEscaped(_ text: String) -> String { HTML.text(text).markup }

/// A rendered page.
struct HTMLPage: AsyncResponseEncodable, Sendable {
    var html: HTML
    var status: HTTPResponseStatus = .ok

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html.markup))
    }
}

extension DefaultStringInterpolation {
    /// Markup put into a plain `String` would be escaped again later, or sent out unchecked:
    /// a literal that holds `HTML` must itself be `HTML`.
    @available(*, unavailable, message: "HTML goes into HTML, not into a String")
    mutating func appendInterpolation(_ html: HTML) {}
}
