import Foundation

/// 布棋式走访覆盖: households visited at least once in a period over households in scope.
public struct Coverage: Sendable, Equatable, Codable {
    public var households: Int
    public var visited: Int

    public init(households: Int, visited: Int) { self.households = households; self.visited = visited }

    /// nil when there is nothing to cover (a grid with no households is not "0 %").
    public var rate: Double? { households == 0 ? nil : Double(visited) / Double(households) }

    public static func + (a: Coverage, b: Coverage) -> Coverage {
        Coverage(households: a.households + b.households, visited: a.visited + b.visited)
    }

    public var percentText: String { Percent.text(visited, of: households) }
}

/// A reporting period in China time: `[start, end)`.
public struct Period: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) { self.start = start; self.end = end }

    /// The calendar month containing `date`.
    public static func month(of date: Date, calendar: Calendar = .shanghai) -> Period {
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: date))!
        return Period(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!)
    }

    /// From `yyyy-MM-dd` to `yyyy-MM-dd`, both days included.
    public static func days(from: String, to: String, calendar: Calendar = .shanghai) -> Period? {
        func day(_ s: String) -> Date? {
            guard ResidentRules.isISODate(s) else { return nil }
            let p = s.split(separator: "-").compactMap { Int($0) }
            return calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2]))
        }
        guard let a = day(from), let b = day(to), a <= b else { return nil }
        return Period(start: a, end: calendar.date(byAdding: .day, value: 1, to: b)!)
    }

    /// A planned stretch of days (a campaign, a survey round) from a form: both dates valid, the
    /// end not before the start nor already past, at most `maxDays` long. Errors by field.
    public static func planned(from: String, to: String, today: Date, maxDays: Int, calendar: Calendar = .shanghai) -> (Period?, [FieldError]) {
        var errors: [FieldError] = []
        let validStart = ResidentRules.isISODate(from), validEnd = ResidentRules.isISODate(to)
        if !validStart { errors.append(FieldError(field: "startDate", problem: .invalidDate)) }
        if !validEnd { errors.append(FieldError(field: "endDate", problem: .invalidDate)) }
        let period = days(from: from, to: to, calendar: calendar)
        if validStart && validEnd {
            if let period {
                if period.end <= calendar.startOfDay(for: today) { errors.append(FieldError(field: "endDate", problem: .tooOld)) }
                else if period.end.timeIntervalSince(period.start) > Double(maxDays) * 86400 { errors.append(FieldError(field: "endDate", problem: .tooLong)) }
            } else { errors.append(FieldError(field: "endDate", problem: .invalidChoice)) }   // ends before it starts
        }
        return (errors.isEmpty ? period : nil, errors)
    }

    public func dayStrings() -> (from: String, to: String) {
        (ChinaTime.day(start), ChinaTime.day(end.addingTimeInterval(-1)))
    }
}
