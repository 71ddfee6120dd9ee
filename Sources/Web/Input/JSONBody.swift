import Domain
import Foundation
import Vapor

/// A JSON body whose fields may be `null` where openapi.yaml says `[T, 'null']`. Everywhere else
/// `null` is refused: Swift's decoding would read it as "absent" and accept what the spec forbids.
protocol NullableFields {
    /// Dotted paths from the body's root; array elements are not named (`findings.note`).
    static var nullableFields: Set<String> { get }
}

extension Request {
    /// Decodes a JSON body; a missing, mistyped or `null` field becomes a field error rather than a bare 400.
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType?.subType == "json" else { throw Abort(.unsupportedMediaType) }
        if let data = body.data.map({ Data(buffer: $0) }), let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
           let field = firstRefusedNull(in: tree, allowed: (T.self as? any NullableFields.Type)?.nullableFields ?? []) {
            throw APIBodyError(field: field, problem: .notNull)
        }
        do {
            return try content.decode(T.self, as: .json)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw APIBodyError(field: (ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."), problem: .required)
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw APIBodyError(field: ctx.codingPath.map(\.stringValue).joined(separator: "."), problem: .malformed)
        } catch is DecodingError {
            throw APIBodyError(field: "body", problem: .malformed)
        }
    }
}

/// The first `null` outside `allowed`, as the field path a client reads (`findings.0.note`).
func firstRefusedNull(in value: Any, allowed: Set<String>, shown: [String] = [], schemaPath: [String] = []) -> String? {
    switch value {
    case is NSNull:
        let path = schemaPath.joined(separator: ".")
        return allowed.contains(path) ? nil : (shown.isEmpty ? "body" : shown.joined(separator: "."))
    case let object as [String: Any]:
        for key in object.keys.sorted() {
            if let found = firstRefusedNull(in: object[key]!, allowed: allowed, shown: shown + [key], schemaPath: schemaPath + [key]) { return found }
        }
    case let array as [Any]:
        for (i, element) in array.enumerated() {
            if let found = firstRefusedNull(in: element, allowed: allowed, shown: shown + [String(i)], schemaPath: schemaPath) { return found }
        }
    default: break
    }
    return nil
}

/// A body that could not be read as the operation's JSON: 400 with the field at fault.
struct APIBodyError: Error { var field: String; var problem: FieldProblem }
