import Foundation

/// Mainland mobile (11 digits starting 1[3-9]) or landline with area code (0xx-xxxxxxxx).
public enum PhoneNumber {
    public static func normalize(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ (48...57).contains($0) }) { return raw }   // digits alone, as imports have them
        return raw.filter { !$0.isWhitespace && $0 != "-" && $0 != "(" && $0 != ")" }
    }

    public static func isValid(_ raw: String) -> Bool {
        let c = Array(normalize(raw).utf8)
        guard c.allSatisfy({ (48...57).contains($0) }) else { return false }
        if c.count == 11, c[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(c[1]) { return true }
        if c.first == UInt8(ascii: "0"), (10...12).contains(c.count) { return true }
        return false
    }

    /// `138****5678`: first three and last four kept.
    public static func mask(_ phone: String) -> String {
        guard phone.count >= 7 else { return String(repeating: "*", count: phone.count) }
        return String(phone.prefix(3)) + String(repeating: "*", count: phone.count - 7) + String(phone.suffix(4))
    }
}
