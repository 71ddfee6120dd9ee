import Foundation

extension Calendar {
    /// Stations work in China Standard Time, wherever the server runs.
    public static let shanghai: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return c
    }()
}

/// Dates as stations read and type them, in China time. The styles are built once: pages
/// format a date per row.
public enum ChinaTime {
    private static func style(_ format: Date.FormatString) -> Date.VerbatimFormatStyle {
        Date.VerbatimFormatStyle(format: format, timeZone: Calendar.shanghai.timeZone, calendar: .shanghai)
    }
    private static let hour = Date.FormatStyle.Symbol.VerbatimHour.twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)

    private static let dayStyle = style("\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)")
    private static let minuteStyle = style("\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: hour):\(minute: .twoDigits)")
    private static let secondStyle = style("\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: hour):\(minute: .twoDigits):\(second: .twoDigits)")
    private static let clockStyle = style("\(hour: hour):\(minute: .twoDigits):\(second: .twoDigits)")
    private static let formInputStyle = style("\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)T\(hour: hour):\(minute: .twoDigits)")
    private static let formInputParsers = [
        Date.ParseStrategy(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)T\(hour: hour):\(minute: .twoDigits)", timeZone: Calendar.shanghai.timeZone),
        Date.ParseStrategy(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)T\(hour: hour):\(minute: .twoDigits):\(second: .twoDigits)", timeZone: Calendar.shanghai.timeZone),
    ]

    /// 2026-11-23
    public static func day(_ d: Date) -> String { d.formatted(dayStyle) }
    /// 2026-11-23 14:49
    public static func minute(_ d: Date) -> String { d.formatted(minuteStyle) }
    /// 2026-11-23 14:49:05
    public static func second(_ d: Date) -> String { d.formatted(secondStyle) }
    /// 14:49:05
    public static func clock(_ d: Date) -> String { d.formatted(clockStyle) }
    /// What `<input type="datetime-local">` shows and sends: local time without a zone.
    public static func formInput(_ d: Date) -> String { d.formatted(formInputStyle) }
    public static func parseFormInput(_ s: String) -> Date? {
        formInputParsers.lazy.compactMap { try? $0.parse(s) }.first
    }
}
