import Foundation

/// A day the State Council's holiday notice names: a day off (放假), or a weekend day worked
/// in exchange (调休上班).
public enum CalendarDayKind: String, Sendable, Codable, CaseIterable {
    case holiday
    case workday
}

public struct CalendarDay: Sendable, Codable, Equatable {
    /// `2026-04-05`.
    public var day: String
    public var kind: CalendarDayKind
    /// 清明节; for a 调休 day, the holiday it is worked for.
    public var name: String
    public init(day: String, kind: CalendarDayKind, name: String) { self.day = day; self.kind = kind; self.name = name }
}

/// A holiday as a period the pages can pick by name: 清明节 2026-04-04 – 2026-04-06.
public struct HolidayPeriod: Sendable, Equatable, Codable {
    public var name: String
    public var from: String
    public var to: String
    public init(name: String, from: String, to: String) { self.name = name; self.from = from; self.to = to }
}

/// China's public holidays and adjusted working days: data, edited by the administrator when
/// the year's notice comes out. A day the calendar does not name is a rest day on a weekend.
public struct HolidayCalendar: Sendable, Equatable {
    private var days: [Int: CalendarDay] = [:]

    public init(_ days: [CalendarDay]) {
        for d in days { if let n = CivilDate.dayNumber(d.day) { self.days[n] = d } }
    }

    public func entry(_ dayNumber: Int) -> CalendarDay? { days[dayNumber] }

    /// A day off: a holiday, or a Saturday or Sunday not worked in exchange.
    public func isRestDay(_ dayNumber: Int) -> Bool {
        switch days[dayNumber]?.kind {
        case .holiday: true
        case .workday: false
        case nil: CivilDate.weekday(dayNumber: dayNumber) >= 6
        }
    }

    /// Each holiday's run of consecutive days off, in order (春节 2026-02-15 – 2026-02-23).
    public var periods: [HolidayPeriod] {
        var out: [HolidayPeriod] = []
        var last: (n: Int, name: String)?
        for n in days.keys.sorted() {
            guard let d = days[n], d.kind == .holiday else { continue }
            if let l = last, l.n == n - 1, l.name == d.name { out[out.count - 1].to = d.day } else { out.append(HolidayPeriod(name: d.name, from: d.day, to: d.day)) }
            last = (n, d.name)
        }
        return out
    }
}

/// Entering a holiday (or the days worked for it) as a run of days.
public struct HolidayInput: Sendable, Codable, Equatable {
    public var name: String
    public var kind: String
    public var from: String
    public var to: String
    public init(name: String, kind: String, from: String, to: String) { self.name = name; self.kind = kind; self.from = from; self.to = to }
}

public enum HolidayRules {
    public static let maxName = 20, maxDays = 31

    /// The days the input names, or every problem with it at once.
    public static func validate(_ input: HolidayInput) -> Result<[CalendarDay], ValidationFailure> {
        var errors: [FieldError] = []
        let name = input.name.trimmed
        if name.isEmpty { errors.append(FieldError(field: "name", problem: .required)) } else if name.count > maxName { errors.append(FieldError(field: "name", problem: .tooLong)) }
        let kind = CalendarDayKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", problem: .invalidChoice)) }
        let from = CivilDate.dayNumber(input.from.trimmed), to = input.to.trimmed.isEmpty ? from : CivilDate.dayNumber(input.to.trimmed)
        if from == nil { errors.append(FieldError(field: "from", problem: .invalidDate)) }
        if to == nil { errors.append(FieldError(field: "to", problem: .invalidDate)) }
        if let from, let to {
            if to < from { errors.append(FieldError(field: "to", problem: .beforeStart)) } else if to - from >= maxDays { errors.append(FieldError(field: "to", problem: .tooManyDays)) }
        }
        guard errors.isEmpty, let kind, let from, let to else { return .failure(ValidationFailure(errors)) }
        return .success((from...to).map { CalendarDay(day: CivilDate.iso(dayNumber: $0), kind: kind, name: name) })
    }

    /// The 2026 notice (国办发明电〔2025〕7号), as the calendar is seeded.
    public static let seed2026: [HolidayInput] = [
        HolidayInput(name: "元旦", kind: "holiday", from: "2026-01-01", to: "2026-01-03"),
        HolidayInput(name: "元旦", kind: "workday", from: "2026-01-04", to: "2026-01-04"),
        HolidayInput(name: "春节", kind: "holiday", from: "2026-02-15", to: "2026-02-23"),
        HolidayInput(name: "春节", kind: "workday", from: "2026-02-14", to: "2026-02-14"),
        HolidayInput(name: "春节", kind: "workday", from: "2026-02-28", to: "2026-02-28"),
        HolidayInput(name: "清明节", kind: "holiday", from: "2026-04-04", to: "2026-04-06"),
        HolidayInput(name: "劳动节", kind: "holiday", from: "2026-05-01", to: "2026-05-05"),
        HolidayInput(name: "劳动节", kind: "workday", from: "2026-05-09", to: "2026-05-09"),
        HolidayInput(name: "端午节", kind: "holiday", from: "2026-06-19", to: "2026-06-21"),
        HolidayInput(name: "中秋节", kind: "holiday", from: "2026-09-25", to: "2026-09-27"),
        HolidayInput(name: "国庆节", kind: "holiday", from: "2026-10-01", to: "2026-10-07"),
        HolidayInput(name: "国庆节", kind: "workday", from: "2026-09-20", to: "2026-09-20"),
        HolidayInput(name: "国庆节", kind: "workday", from: "2026-10-10", to: "2026-10-10"),
        // 2027: only the day the law fixes (全国年节及纪念日放假办法); its 调休 comes with next year's notice.
        HolidayInput(name: "元旦", kind: "holiday", from: "2027-01-01", to: "2027-01-01"),
    ]
}
