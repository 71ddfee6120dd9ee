/// What text Jingmin takes in, whatever the door — a form, a JSON body, a query string, an
/// Open311 client, a CSV or GeoJSON file: no C0 control character except tab, line feed and
/// carriage return (a browser sends a textarea's line breaks as CR LF). PostgreSQL cannot store
/// NUL at all, and the others are invisible mischief, so both databases refuse the same input.
public enum InputText {
    public static func isAcceptable(_ text: some StringProtocol) -> Bool {
        // Byte-wise: every C0 character is one byte in UTF-8, and no byte below 0x20 occurs
        // inside a longer sequence.
        !text.utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }
}

extension StringProtocol {
    /// Without white space at either end: blanks, tabs, line breaks, the full-width space (U+3000)
    /// a Chinese input method types. Imports trim every cell, so the common case — nothing to
    /// trim — returns without looking past the first and last byte.
    public var trimmed: String {
        let string = String(self), bytes = string.utf8
        if let f = bytes.first, let l = bytes.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return string }
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
