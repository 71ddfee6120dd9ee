/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
/// Each record carries the line it starts on, so import errors can point at it.
public enum CSV {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ text: String) -> [Record] {
        var records: [Record] = []
        var field = "", fields: [String] = []
        var inQuotes = false, line = 1, recordLine = 1, quotedJustClosed = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }   // Excel's BOM
        var i = 0
        func endRecord() {
            fields.append(field); field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 }
                    else { inQuotes = false; quotedJustClosed = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"" where field.isEmpty && !quotedJustClosed: inQuotes = true
                case ",": fields.append(field); field = ""; quotedJustClosed = false
                case "\r": break
                case "\n": endRecord(); line += 1; recordLine = line; quotedJustClosed = false
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
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
        let rest = String(value.dropFirst())
        return value.hasPrefix("'") && neutralised(rest) != rest ? rest : value
    }

    public static func line(_ values: [String]) -> String {
        values.map(escape).joined(separator: ",") + "\n"
    }
}

import Foundation
