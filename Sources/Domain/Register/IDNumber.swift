/// 公民身份号码 (GB 11643-1999): 17 digits and a check character (0-9 or X).
public enum IDNumber {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkChars: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    public enum Problem: Sendable, Equatable { case length, characters, checkDigit, birthDate }

    /// Upper-cases a trailing x and trims blanks, so the same number is always stored the same way.
    public static func normalize(_ raw: String) -> String {
        raw.trimmed.uppercased()
    }

    public static func checkCharacter(for first17: some StringProtocol) -> Character? {
        let digits = first17.utf8.map { Int($0) - 48 }
        guard digits.count == 17, digits.allSatisfy((0...9).contains) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkChars[sum % 11]
    }

    public static func validate(_ raw: String) -> Problem? {
        let id = normalize(raw)
        let bytes = Array(id.utf8)
        guard id.count == 18 else { return .length }
        guard bytes.count == 18, bytes[..<17].allSatisfy({ (48...57).contains($0) }),
              (48...57).contains(bytes[17]) || bytes[17] == UInt8(ascii: "X") else { return .characters }
        guard birthDate(of: id) != nil else { return .birthDate }
        guard checkCharacter(for: id.prefix(17)) == Character(Unicode.Scalar(bytes[17])) else { return .checkDigit }
        return nil
    }

    /// Year, month and day encoded in positions 7–14.
    public static func birthDate(of id: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(id.utf8)
        guard bytes.count >= 14 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for c in bytes[range] { guard (48...57).contains(c) else { return nil }; n = n * 10 + Int(c - 48) }
            return n
        }
        guard let y = number(6..<10), let m = number(10..<12), let d = number(12..<14),
              (1900...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return (y, m, d)
    }

    /// `110101********1234` style: region kept, birth date hidden.
    public static func mask(_ id: String) -> String {
        guard id.count == 18 else { return String(repeating: "*", count: id.count) }
        return String(id.prefix(4)) + String(repeating: "*", count: 10) + String(id.suffix(4))
    }
}

import Foundation
