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

extension Request {
    /// One text field of the body; nil when absent or not text. A refused text (`APIBodyError`)
    /// is thrown, not mistaken for an absent field.
    func bodyField(_ name: String) throws -> String? {
        do { return try content.get(String.self, at: name) } catch let refused as APIBodyError { throw refused } catch { return nil }
    }
}

/// A body that could not be read as the operation's JSON, or that carries what no field may
/// hold: 400 with the field at fault.
struct APIBodyError: Error { var field: String; var problem: FieldProblem }
