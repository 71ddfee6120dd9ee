import Foundation

/// 汇总口径: visits are also added up per unit and China-time day, and each household's first
/// visit of a month is noted, as the visits are written. A dashboard then reads a month's few
/// thousand day rows instead of its hundreds of thousands of visits — but only for periods made of
/// whole days (visits, persons) or whole months (households). Other periods count the visits.
public enum RollupKeys {
    /// China time is UTC+8 all year (no daylight saving since 1991).
    public static let chinaOffset = 28_800

    /// Days since 1970-01-01, China time: the key the database computes as
    /// `(seconds since 1970 + 28800) / 86400`, rounded down.
    public static func day(_ d: Date) -> Int {
        Int(((d.timeIntervalSince1970 + Double(chinaOffset)) / 86_400).rounded(.down))
    }

    /// Midnight China time that starts day `day` (the inverse of `day(_:)`).
    public static func start(ofDay day: Int) -> Date { Date(timeIntervalSince1970: Double(day * 86_400 - chinaOffset)) }

    /// Weeks run Monday to Sunday; day 0 was a Thursday, so week w starts on day 7w − 3.
    public static func week(ofDay day: Int) -> Int { Int((Double(day + 3) / 7).rounded(.down)) }
    public static func monday(ofWeek w: Int) -> Date { start(ofDay: 7 * w - 3) }

    /// yyyymm, China time (202611).
    public static func month(_ d: Date) -> Int {
        let c = Calendar.shanghai.dateComponents([.year, .month], from: d)
        return c.year! * 100 + c.month!
    }
}

extension Period {
    /// The China-time days the period covers, when it starts and ends at midnight.
    public var rollupDays: Range<Int>? {
        let (a, b) = (RollupKeys.day(start), RollupKeys.day(end))
        guard a < b, Self.isMidnight(start), Self.isMidnight(end) else { return nil }
        return a..<b
    }

    /// The months (yyyymm) the period covers, when it starts on the first of a month and ends on
    /// the first of a later one.
    public var rollupMonths: ClosedRange<Int>? {
        guard rollupDays != nil, Self.isFirstOfMonth(start), Self.isFirstOfMonth(end) else { return nil }
        let last = RollupKeys.month(end.addingTimeInterval(-1))
        return RollupKeys.month(start)...last
    }

    private static func isMidnight(_ d: Date) -> Bool {
        (d.timeIntervalSince1970 + Double(RollupKeys.chinaOffset)).truncatingRemainder(dividingBy: 86_400) == 0
    }

    private static func isFirstOfMonth(_ d: Date) -> Bool { Calendar.shanghai.component(.day, from: d) == 1 }
}
