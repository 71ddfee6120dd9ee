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
    /// How far a time typed into a form may fall short of the moment it means: the form gives
    /// minutes, so a session or a patrol's end in the same minute as the start is not "before" it.
    public static let formSlack: TimeInterval = 60

    /// `2026-11-23T14:49`, with seconds or not, and a space in place of the T (as a spreadsheet
    /// writes it). Read by hand: imports parse a date per row, and a formatter costs ~20 µs a call.
    public static func parseFormInput(_ s: String) -> Date? {
        let b = Array(s.utf8)
        guard b.count == 16 || b.count == 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
              b.count == 16 || b[16] == UInt8(ascii: ":") else { return nil }
        func number(_ at: Int, _ length: Int) -> Int? {
            var n = 0
            for c in b[at..<at + length] { guard (48...57).contains(c) else { return nil }; n = n * 10 + Int(c - 48) }
            return n
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2), let min = number(14, 2),
              let sec = b.count == 19 ? number(17, 2) : 0,
              (1...12).contains(m), (1...CivilDate.daysIn(month: m, year: y)).contains(d), h < 24, min < 60, sec < 60 else { return nil }
        // China has kept UTC+8 without daylight saving since 1992; earlier dates ask the calendar.
        guard y >= 1992 else { return Calendar.shanghai.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min, second: sec)) }
        let seconds = ((CivilDate.daysSinceEpoch(year: y, month: m, day: d) * 24 + h - 8) * 60 + min) * 60 + sec
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Calendar arithmetic on year, month and day, without a Calendar.
public enum CivilDate {
    public static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    public static func daysIn(month m: Int, year y: Int) -> Int {
        m == 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].contains(m) ? 30 : 31
    }

    /// Days from 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day number of `2026-03-05` (days from 1970-01-01), nil when it is not a real day.
    public static func dayNumber(_ iso: String) -> Int? {
        let b = Array(iso.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for c in b[r] { guard (48...57).contains(c) else { return nil }; n = n * 10 + Int(c - 48) }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d) else { return nil }
        return daysSinceEpoch(year: y, month: m, day: d)
    }

    /// `2026-03-05` for a day number (Hinnant's civil_from_days).
    public static func iso(dayNumber z0: Int) -> String {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return iso(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public static func weekday(dayNumber: Int) -> Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    /// `2026-03-05`.
    public static func iso(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, width - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
