/// Money in yuan, kept as whole fen (分) so sums are exact: 0.10 + 0.20 is 0.30, never 0.30000000000000004.
public enum Yuan {
    public static let maxFen: Int64 = 100_000_000_000   // 10 亿元: beyond any sum a station recovers

    /// `2500`, `2500.5`, `2,500.00`, `¥3050` → fen. Negative amounts and more than two decimals are refused.
    public static func parse(_ raw: String) -> Result<Int64, FieldProblem> {
        var s = raw.trimmed.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if s.hasPrefix("¥") || s.hasPrefix("￥") { s.removeFirst() }
        if s.hasPrefix("-") { return .failure(.negativeAmount) }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }) else { return .failure(.invalidAmount) }
        let decimals = parts.count == 2 ? parts[1] : ""
        if decimals.count > 2 { return .failure(.tooManyDecimals) }
        guard parts[0].count <= 12, let whole = Int64(parts[0]) else { return .failure(.tooLarge) }
        let fen = whole * 100 + (Int64(decimals.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
        return fen > maxFen ? .failure(.tooLarge) : .success(fen)
    }

    /// `3,050.00`.
    public static func text(_ fen: Int64) -> String {
        let whole = String(abs(fen) / 100), cents = abs(fen) % 100
        var grouped = ""
        for (i, c) in whole.reversed().enumerated() { if i > 0 && i % 3 == 0 { grouped.append(",") }; grouped.append(c) }
        return (fen < 0 ? "-" : "") + String(grouped.reversed()) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}

import Foundation
