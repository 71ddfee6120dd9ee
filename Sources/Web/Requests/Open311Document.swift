import Domain
import Foundation
import Vapor

/// A GeoReport v2 answer: a list of flat records under a root and item element, written as
/// JSON (an array of objects) or XML, as the path's extension asks.
struct Open311Document {
    enum Value { case text(String), number(Double), none }
    typealias Record = [(String, Value)]

    var root: String
    var item: String
    var records: [Record]
    var status: HTTPResponseStatus = .ok

    /// Field errors, each "field: reason" in the catalog's words.
    static func errors(_ status: HTTPResponseStatus, _ t: Texts, _ fields: [FieldError]) -> Open311Document {
        errors(status, fields.map { "\($0.field): \(t.describe($0))" })
    }

    static func errors(_ status: HTTPResponseStatus, _ descriptions: [String]) -> Open311Document {
        Open311Document(root: "errors", item: "error", records: descriptions.map { [("code", .number(Double(status.code))), ("description", .text($0))] }, status: status)
    }

    func response(xml: Bool) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = xml ? HTTPMediaType(type: "application", subType: "xml", parameters: ["charset": "utf-8"]) : .json
        return Response(status: status, headers: headers, body: .init(string: xml ? xmlText : jsonText))
    }

    var jsonText: String {
        let objects: [[String: Any]] = records.map { r in
            var o: [String: Any] = [:]
            for (k, v) in r {
                switch v {
                case .text(let s): o[k] = s
                case .number(let n): o[k] = n == n.rounded() && abs(n) < 1e15 ? Int64(n) as Any : n
                case .none: o[k] = NSNull()
                }
            }
            return o
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    var xmlText: String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?><\(root)>"
        for r in records {
            out += "<\(item)>"
            for (k, v) in r {
                switch v {
                case .text(let s): out += "<\(k)>\(xmlEscaped(s))</\(k)>"
                case .number(let n): out += "<\(k)>\(n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))</\(k)>"
                case .none: out += "<\(k)/>"
                }
            }
            out += "</\(item)>"
        }
        return out + "</\(root)>"
    }

    /// GeoReport's W3C datetimes, in China time.
    static func date(_ d: Date?) -> Value {
        guard let d else { return .none }
        var style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
        return .text(d.formatted(style))
    }
}
