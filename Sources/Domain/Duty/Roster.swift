import Foundation

/// A post the station must keep manned (值班岗位).
public enum DutyPost: String, Sendable, Codable, CaseIterable {
    /// 所值班: day and night, every day.
    case station
    /// 户籍大厅: a household-registration officer in the day, every day of the year, holidays
    /// and weekends included (seed 004's 365-day hall).
    case hall

    /// The shifts the post is manned with.
    public var kinds: [ShiftKind] { self == .station ? [.day, .night, .holiday] : [.day, .holiday] }
}

/// 班次.
public enum ShiftKind: String, Sendable, Codable, CaseIterable {
    case day        // 白班 08:30–17:30
    case night      // 夜班 17:30–次日 08:30
    case holiday    // 节假日班 08:30–次日 08:30, only on a day off

    /// From 00:00 of the shift's day; past 1,440 is the next morning.
    public var minutes: Range<Int> {
        switch self {
        case .day: 510..<1050
        case .night: 1050..<1950
        case .holiday: 510..<1950
        }
    }
}

/// One person on one shift of one day.
public struct DutyShift: Sendable, Codable, Equatable, Hashable {
    /// `2026-12-05`.
    public var day: String
    public var post: DutyPost
    public var kind: ShiftKind
    public var userID: Int64
    public init(day: String, post: DutyPost, kind: ShiftKind, userID: Int64) { self.day = day; self.post = post; self.kind = kind; self.userID = userID }

    /// Minutes from 1970-01-01 00:00 (China time) that it covers.
    public var interval: Range<Int>? {
        CivilDate.dayNumber(day).map { n in n * 1440 + kind.minutes.lowerBound..<n * 1440 + kind.minutes.upperBound }
    }
}

/// 排班: one person on one post and shift, on every day of a range (or only on some weekdays).
public struct ShiftInput: Sendable, Codable, Equatable {
    public var post: String
    public var kind: String
    public var userID: Int64
    public var from: String
    public var to: String
    /// 1 = Monday … 7 = Sunday; empty means every day.
    public var weekdays: [Int]
    public init(post: String, kind: String, userID: Int64, from: String, to: String, weekdays: [Int] = []) {
        self.post = post; self.kind = kind; self.userID = userID; self.from = from; self.to = to; self.weekdays = weekdays
    }

    private enum CodingKeys: String, CodingKey { case post, kind, userID, from, to, weekdays }
    /// A single day needs no `to`; no weekdays means every day.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let from = try c.decode(String.self, forKey: .from)
        self.init(post: try c.decode(String.self, forKey: .post), kind: try c.decode(String.self, forKey: .kind), userID: try c.decode(Int64.self, forKey: .userID),
                  from: from, to: try c.decodeIfPresent(String.self, forKey: .to) ?? from, weekdays: try c.decodeIfPresent([Int].self, forKey: .weekdays) ?? [])
    }
}

/// What is wrong with a roster, ahead of time (缺岗).
public struct DutyGap: Sendable, Codable, Equatable {
    public enum Problem: String, Sendable, Codable {
        /// Nobody on a post for a shift it needs.
        case uncovered
        /// One person on two shifts at once.
        case overlap
    }
    public var day: String
    public var problem: Problem
    public var post: DutyPost
    /// The shift nobody is on, or the later of the two a person holds at once.
    public var kind: ShiftKind
    public var userID: Int64?
    /// The holiday the day belongs to, if any.
    public var holiday: String?
    public init(day: String, problem: Problem, post: DutyPost, kind: ShiftKind, userID: Int64? = nil, holiday: String? = nil) {
        self.day = day; self.problem = problem; self.post = post; self.kind = kind; self.userID = userID; self.holiday = holiday
    }
}

public enum RosterRules {
    public static let maxDays = 62

    /// The shifts an input puts on the roster, or every problem with it at once. `existing`:
    /// the person's shifts already on the roster around those days, which may not overlap.
    public static func plan(_ input: ShiftInput, calendar: HolidayCalendar, existing: [DutyShift]) -> Result<[DutyShift], ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        let post = DutyPost(rawValue: input.post), kind = ShiftKind(rawValue: input.kind)
        if post == nil { fail("post", .invalidChoice) }
        if kind == nil || (post != nil && !post!.kinds.contains(kind!)) { fail("kind", .invalidChoice) }
        let from = CivilDate.dayNumber(input.from.trimmed), to = CivilDate.dayNumber(input.to.trimmed)
        if from == nil { fail("from", .invalidDate) }
        if to == nil { fail("to", .invalidDate) }
        if input.weekdays.contains(where: { !(1...7).contains($0) }) { fail("weekdays", .invalidChoice) }
        if let from, let to {
            if to < from { fail("to", .beforeStart) } else if to - from >= maxDays { fail("to", .tooManyDays) }
        }
        guard errors.isEmpty, let post, let kind, let from, let to else { return .failure(ValidationFailure(errors)) }
        var days = (from...to).filter { input.weekdays.isEmpty || input.weekdays.contains(CivilDate.weekday(dayNumber: $0)) }
        // A holiday shift over a range lands on its days off; on a single working day it is refused.
        if kind == .holiday { days = days.filter(calendar.isRestDay) }
        if days.isEmpty { return .failure(ValidationFailure(field: kind == .holiday ? "kind" : "weekdays", kind == .holiday ? .notRestDay : .required)) }
        let shifts = days.map { DutyShift(day: CivilDate.iso(dayNumber: $0), post: post, kind: kind, userID: input.userID) }
        for s in shifts {
            guard let a = s.interval else { continue }
            if existing.contains(where: { $0.userID == s.userID && $0.interval.map { $0.overlaps(a) } ?? false }) { fail("day.\(s.day)", .overlappingShift) }
        }
        return errors.isEmpty ? .success(shifts) : .failure(ValidationFailure(errors))
    }

    /// Every day from `from` to `to` (day numbers) whose posts lack someone for a shift, and
    /// every person on two shifts at once. A post is covered on a day when its shifts together
    /// span the hours it needs: on a day off the holiday shift alone does, on a working day the
    /// day (and, at the station, the night) shift.
    public static func gaps(from: Int, to: Int, shifts: [DutyShift], calendar: HolidayCalendar) -> [DutyGap] {
        guard from <= to else { return [] }
        var byDay: [Int: [DutyShift]] = [:]
        for s in shifts { if let n = CivilDate.dayNumber(s.day) { byDay[n, default: []].append(s) } }
        var out: [DutyGap] = []
        for n in from...to {
            let day = CivilDate.iso(dayNumber: n), entry = calendar.entry(n)
            let holiday = entry?.kind == .holiday ? entry?.name : nil, rest = calendar.isRestDay(n)
            let today = byDay[n] ?? []
            for post in DutyPost.allCases {
                let kinds = Set(today.filter { $0.post == post }.map(\.kind))
                if kinds.contains(.holiday) { continue }
                // What is missing, named as the leader would fill it: a day off without anyone
                // wants its holiday shift; otherwise the shifts of the day that are empty.
                let needed: [ShiftKind] = post == .station ? [.day, .night] : [.day]
                let missing = needed.filter { !kinds.contains($0) }
                if missing.isEmpty { continue }
                if rest && missing.count == needed.count {
                    out.append(DutyGap(day: day, problem: .uncovered, post: post, kind: .holiday, holiday: holiday))
                } else {
                    out += missing.map { DutyGap(day: day, problem: .uncovered, post: post, kind: $0, holiday: holiday) }
                }
            }
            // A person on two shifts at once, reported at the later one: any shift starts on the day or the day before.
            let before = byDay[n - 1] ?? []
            for (i, s) in today.enumerated() {
                guard let a = s.interval else { continue }
                if (before + today[..<i]).contains(where: { $0.userID == s.userID && ($0.interval?.overlaps(a) ?? false) }) {
                    out.append(DutyGap(day: day, problem: .overlap, post: s.post, kind: s.kind, userID: s.userID, holiday: holiday))
                }
            }
        }
        return out
    }
}
