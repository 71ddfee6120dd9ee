import Domain
import Foundation
import MultipartKit
import Vapor

/// The one place where every body's text is looked at before a handler sees it: the decoders
/// Vapor uses for JSON, forms and uploads (`req.content`), each wrapping Vapor's own. A field
/// holding a control character (`InputText`) or a JSON `null` outside `NullableFields` is
/// refused with its name, so the handler never runs and nothing is stored.
/// Query strings and paths are checked by `InputTextMiddleware`.
enum CheckedDecoders {
    static func install() {
        ContentConfiguration.global.use(decoder: JSON(), for: .json)
        ContentConfiguration.global.use(decoder: Form(), for: .urlEncodedForm)
        ContentConfiguration.global.use(decoder: Upload(), for: .formData)
    }

    struct JSON: ContentDecoder {
        let inner = JSONDecoder.custom(dates: .iso8601)
        func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(type, from: body, headers: headers, userInfo: [:])
        }
        func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
            // Not JSON at all: Vapor's decoder says so in its own words (400 malformed). Most bodies
            // (a visit logged, a step taken) hold no null and no escaped control character: they
            // are decoded once, without the tree walk.
            if Self.mayHoldRefusedValue(body), let tree = try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed]) {
                try check(tree, nullable: (D.self as? any NullableFields.Type)?.nullableFields ?? [])
            }
            return try inner.decode(type, from: body, headers: headers, userInfo: userInfo)
        }

        /// A `null`, a `\u` / `\b` / `\f` escape, or a raw control byte other than tab, LF, CR:
        /// only then can a field be refused, so only then is the body walked.
        static func mayHoldRefusedValue(_ body: ByteBuffer) -> Bool {
            body.withUnsafeReadableBytes { bytes in
                if bytes.firstRange(of: Array("null".utf8)) != nil { return true }
                var escaped = false
                for b in bytes {
                    if escaped {
                        if b == UInt8(ascii: "u") || b == UInt8(ascii: "b") || b == UInt8(ascii: "f") { return true }
                        escaped = false
                    } else if b == UInt8(ascii: "\\") {
                        escaped = true
                    } else if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                        return true
                    }
                }
                return false
            }
        }

        /// Depth first, keys in order, so the same body always names the same field.
        func check(_ value: Any, nullable: Set<String>, shown: [String] = [], schemaPath: [String] = []) throws {
            let field = shown.isEmpty ? "body" : shown.joined(separator: ".")
            switch value {
            case is NSNull:
                if !nullable.contains(schemaPath.joined(separator: ".")) { throw APIBodyError(field: field, problem: .notNull) }
            case let text as String:
                if !InputText.isAcceptable(text) { throw APIBodyError(field: field, problem: .controlCharacter) }
            case let object as [String: Any]:
                for key in object.keys.sorted() {
                    if !InputText.isAcceptable(key) { throw APIBodyError(field: field, problem: .controlCharacter) }
                    try check(object[key]!, nullable: nullable, shown: shown + [key], schemaPath: schemaPath + [key])
                }
            case let array as [Any]:
                for (i, element) in array.enumerated() {
                    try check(element, nullable: nullable, shown: shown + [String(i)], schemaPath: schemaPath)
                }
            default: break
            }
        }
    }

    struct Form: ContentDecoder {
        let inner = URLEncodedFormDecoder()
        func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(type, from: body, headers: headers, userInfo: [:])
        }
        func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
            try checkPairs(body.getString(at: body.readerIndex, length: body.readableBytes) ?? "")
            return try inner.decode(type, from: body, headers: headers, userInfo: userInfo)
        }
    }

    /// `a=1&b=x%00y`: each name and value as the form decoder will read it.
    static func checkPairs(_ encoded: String) throws {
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            let name = decoded(parts[0])
            if !InputText.isAcceptable(name) || !InputText.isAcceptable(parts.count > 1 ? decoded(parts[1]) : "") {
                throw APIBodyError(field: InputText.isAcceptable(name) ? name : "query", problem: .controlCharacter)
            }
        }
    }

    /// multipart/form-data: the text parts are checked; files (a part with a file name) are
    /// checked by what reads them (photos by their bytes, imports row by row).
    struct Upload: ContentDecoder {
        let inner = FormDataDecoder()
        func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(type, from: body, headers: headers, userInfo: [:])
        }
        func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
            if let boundary = headers.contentType?.parameters["boundary"] {
                let parser = MultipartParser(boundary: boundary)
                var disposition = "", text = ByteBuffer(), refused: String?
                parser.onHeader = { name, value in if name.lowercased() == "content-disposition" { disposition = value } }
                parser.onBody = { chunk in text.writeBuffer(&chunk) }
                parser.onPartComplete = {
                    defer { disposition = ""; text.clear() }
                    guard refused == nil, !disposition.contains("filename=") else { return }
                    if !InputText.isAcceptable(String(buffer: text)) { refused = Self.name(in: disposition) }
                }
                try parser.execute(body)
                if let refused { throw APIBodyError(field: refused, problem: .controlCharacter) }
            }
            return try inner.decode(type, from: body, headers: headers, userInfo: userInfo)
        }

        /// `form-data; name="address"` → `address`.
        static func name(in disposition: String) -> String {
            guard let range = disposition.range(of: "name=\"") else { return "body" }
            return String(disposition[range.upperBound...].prefix { $0 != "\"" })
        }
    }
}
