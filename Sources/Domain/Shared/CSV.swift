/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
/// Each record carries the line it starts on, so import errors can point at it.
public enum CSV {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ text: String) -> [Record] {
        // Byte by byte: the delimiters are ASCII, so they never occur inside a UTF-8 sequence,
        // and a field's bytes are decoded once when it ends.
        var records: [Record] = []
        var field: [UInt8] = [], fields: [String] = []
        var inQuotes = false, line = 1, recordLine = 1, quotedJustClosed = false
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        var text = text
        text.makeContiguousUTF8()
        _ = text.utf8.withContiguousStorageIfAvailable { all in
            var bytes = all[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }   // Excel's BOM
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let c = bytes[i]
                if inQuotes {
                    if c == quote {
                        if i + 1 < bytes.endIndex, bytes[i + 1] == quote { field.append(quote); i += 1 }
                        else { inQuotes = false; quotedJustClosed = true }
                    } else {
                        // A run of plain bytes is taken at once (per byte, reading dominated imports).
                        var j = i
                        while j < bytes.endIndex, bytes[j] != quote { if bytes[j] == lf { line += 1 }; j += 1 }
                        field.append(contentsOf: bytes[i..<j])
                        i = j
                        continue
                    }
                } else if c != quote && c != comma && c != cr && c != lf {
                    var j = i + 1
                    while j < bytes.endIndex { let b = bytes[j]; if b == quote || b == comma || b == cr || b == lf { break }; j += 1 }
                    field.append(contentsOf: bytes[i..<j])
                    i = j
                    continue
                } else {
                    switch c {
                    case quote where field.isEmpty && !quotedJustClosed: inQuotes = true
                    case comma: endField(); quotedJustClosed = false
                    case cr: break
                    case lf: endRecord(); line += 1; recordLine = line; quotedJustClosed = false
                    default: field.append(c)   // a quote inside an unquoted field is text
                    }
                }
                i += 1
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    public static func escape(_ value: String) -> String {
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// A spreadsheet takes a cell that starts with = + - @, a tab or a carriage return for a
    /// formula (`=HYPERLINK(…)` typed into a request becomes a live link). Every exported text
    /// cell that starts so gets a leading ' — OWASP's advice — which keeps it text. Numbers are
    /// written as numbers and never pass here.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// Reading our own export back (the register import): the ' that `neutralised` added comes off.
    public static func restored(_ value: String) -> String {
        guard value.utf8.first == UInt8(ascii: "'") else { return value }
        let rest = String(value.dropFirst())
        return value.hasPrefix("'") && neutralised(rest) != rest ? rest : value
    }

    public static func line(_ values: [String]) -> String {
        values.map(escape).joined(separator: ",") + "\n"
    }
}

import Foundation
