import Foundation

/// A block of a community police office's day (社区警务室坐班). Minutes from 00:00, China time.
/// The morning and afternoon are the 半天 of seed 002's "每周必须保证有四个半天在社区"; the evening
/// is its "晚5点至9点有民警在社区警务室提供服务".
public enum OfficeBlock: String, Sendable, Codable, CaseIterable, Comparable {
    case morning, afternoon, evening

    public var minutes: Range<Int> {
        switch self {
        case .morning: 510..<720       // 08:30–12:00
        case .afternoon: 840..<1020    // 14:00–17:00
        case .evening: 1020..<1260     // 17:00–21:00
        }
    }

    public var isHalfDay: Bool { self != .evening }

    public static func < (a: Self, b: Self) -> Bool { a.minutes.lowerBound < b.minutes.lowerBound }
}

/// The station's rule, as data: how many half-days a week each community officer spends at the
/// office, and how much of a block must be covered for it to count as kept.
public struct OfficeHoursRule: Sendable, Codable, Equatable {
    public var minimumHalfDays: Int
    /// Share of a block's minutes the officer must be checked in for it to count as kept.
    public var keptShare: Double
    public init(minimumHalfDays: Int = 4, keptShare: Double = 0.75) { self.minimumHalfDays = minimumHalfDays; self.keptShare = keptShare }
    public static let standard = OfficeHoursRule()

    // Stored beside the work settings, as key → integer rows (the share in percent).
    public static let halfDaysKey = "office_min_half_days", keptPercentKey = "office_kept_percent"
    public var storage: [(String, Int)] { [(Self.halfDaysKey, minimumHalfDays), (Self.keptPercentKey, Int((keptShare * 100).rounded()))] }

    public init(storage rows: [(String, Int)]) {
        var rule = OfficeHoursRule.standard
        for (key, value) in rows {
            if key == Self.halfDaysKey { rule.minimumHalfDays = value }
            if key == Self.keptPercentKey { rule.keptShare = Double(value) / 100 }
        }
        self = rule
    }

    /// From the settings form: 1–10 half-days (a week has ten), a block kept at 50–100 % presence.
    public static func validate(minimumHalfDays: String, keptPercent: String) -> Result<OfficeHoursRule, ValidationFailure> {
        var errors: [FieldError] = []
        let days = Int(minimumHalfDays.trimmed), percent = Int(keptPercent.trimmed)
        if days == nil || !(1...10).contains(days!) { errors.append(FieldError(field: "minimumHalfDays", problem: .invalidChoice)) }
        if percent == nil || !(50...100).contains(percent!) { errors.append(FieldError(field: "keptPercent", problem: .invalidChoice)) }
        guard errors.isEmpty, let days, let percent else { return .failure(ValidationFailure(errors)) }
        return .success(OfficeHoursRule(minimumHalfDays: days, keptShare: Double(percent) / 100))
    }
}

/// One planned block: 1 = Monday … 7 = Sunday.
public struct PlannedBlock: Sendable, Codable, Hashable, Comparable {
    public var weekday: Int
    public var block: OfficeBlock
    public init(weekday: Int, block: OfficeBlock) { self.weekday = weekday; self.block = block }
    public static func < (a: Self, b: Self) -> Bool { (a.weekday, a.block) < (b.weekday, b.block) }
}

/// An officer's weekly plan at their community's office, set by the station leader.
public struct WeeklyPlan: Sendable, Codable, Equatable {
    public var blocks: Set<PlannedBlock>
    public init(blocks: Set<PlannedBlock>) { self.blocks = blocks }

    public var halfDays: Int { blocks.filter(\.block.isHalfDay).count }
    /// The days with a half-day planned: their evenings must be covered too (seed 002).
    public var plannedDays: Set<Int> { Set(blocks.filter { $0.block.isHalfDay && (1...7).contains($0.weekday) }.map(\.weekday)) }

    /// At least the rule's half-days, each planned day's evening included, weekdays 1…7.
    public func validate(_ rule: OfficeHoursRule) -> ValidationFailure? {
        var errors: [FieldError] = []
        if blocks.contains(where: { !(1...7).contains($0.weekday) }) { errors.append(FieldError(field: "blocks", problem: .invalidChoice)) }
        if halfDays < rule.minimumHalfDays { errors.append(FieldError(field: "blocks", problem: .tooFewHalfDays)) }
        if plannedDays.contains(where: { !blocks.contains(PlannedBlock(weekday: $0, block: .evening)) }) {
            errors.append(FieldError(field: "evening", problem: .eveningUncovered))
        }
        return errors.isEmpty ? nil : ValidationFailure(errors)
    }
}

/// 签到 / 签退 at the office. A forgotten check-out is closed by `OfficeHours.closed` and flagged.
public struct OfficeSession: Sendable, Codable, Equatable {
    public var checkIn: Date
    public var checkOut: Date?
    public init(checkIn: Date, checkOut: Date?) { self.checkIn = checkIn; self.checkOut = checkOut }
}

public enum OfficeHours {
    /// Minutes since 1970-01-01 00:00 China time.
    static func minute(_ d: Date) -> Int { Int(((d.timeIntervalSince1970 + Double(RollupKeys.chinaOffset)) / 60).rounded(.down)) }
    public static func date(minute m: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(m * 60 - RollupKeys.chinaOffset)) }

    /// The Monday (`2026-11-23`) of the week holding `day`.
    public static func monday(of day: String) -> String? {
        CivilDate.dayNumber(day).map { CivilDate.iso(dayNumber: $0 - CivilDate.weekday(dayNumber: $0) + 1) }
    }

    /// The planned blocks of the weeks touching `from`…`to` (days), cut to those days: what a
    /// period's compliance figure counts.
    public static func period(from: String, to: String, plan: WeeklyPlan, sessions: [OfficeSession], rule: OfficeHoursRule, now: Date,
                              daysOff: Set<String> = []) -> [BlockResult] {
        guard var monday = monday(of: from).flatMap(CivilDate.dayNumber), let last = CivilDate.dayNumber(to) else { return [] }
        var out: [BlockResult] = []
        while monday <= last {
            out += week(monday: CivilDate.iso(dayNumber: monday), plan: plan, sessions: sessions, rule: rule, now: now, daysOff: daysOff)?.blocks
                .filter { $0.day >= from && $0.day <= to } ?? []
            monday += 7
        }
        return out
    }

    /// A check-out must come after its check-in and not in the future.
    public static func validateCheckOut(_ checkOut: Date, checkIn: Date, now: Date) -> ValidationFailure? {
        if checkOut <= checkIn { return ValidationFailure(field: "checkOut", .beforeStart) }
        if checkOut > now.addingTimeInterval(60) { return ValidationFailure(field: "checkOut", .inFuture) }
        return nil
    }

    /// A check-in this early before a block is for that block (16:55 is for the evening).
    static let earlyMinutes = 30

    /// When a session without a check-out is closed: at the end of the block it was for — the
    /// block begun in, or one starting within `earlyMinutes` — or of the next block if begun between
    /// blocks; never past the end of that day's evening. Until that moment has passed (`now`), the
    /// officer may still be there and nothing is closed.
    public static func closedAt(_ s: OfficeSession) -> Date {
        if let out = s.checkOut { return out }
        let m = minute(s.checkIn), day = m / 1440 * 1440, inDay = m - day
        let meant = OfficeBlock.allCases.last { $0.minutes.lowerBound <= inDay + earlyMinutes && inDay < $0.minutes.upperBound }
        let end = (meant ?? OfficeBlock.allCases.first { inDay < $0.minutes.upperBound })?.minutes.upperBound ?? inDay + 1
        return date(minute: day + end)
    }

    /// How long after `closedAt` a check-out is still taken as given: the officer who leaves at
    /// 12:05 checks out, and is not flagged.
    public static let checkOutGrace: TimeInterval = 3600

    /// A session is flagged when its check-out was forgotten: none came within the grace after
    /// `closedAt`. It counts up to `closedAt` either way.
    public static func isForgotten(_ s: OfficeSession, now: Date) -> Bool { s.checkOut == nil && closedAt(s).addingTimeInterval(checkOutGrace) <= now }

    public enum BlockState: String, Sendable, Codable { case kept, missed, pending }

    public struct BlockResult: Sendable, Equatable {
        public var day: String
        public var block: OfficeBlock
        public var minutesPresent: Int
        public var state: BlockState
    }

    /// 坐班达标 for one officer and one week: every planned block of the week from `monday`, kept
    /// when the check-ins cover the rule's share of it, missed when it has ended without, pending
    /// while it has not ended. Forgotten check-outs count up to `closedAt`.
    public struct Week: Sendable, Equatable {
        public var blocks: [BlockResult]
        public var forgottenCheckOuts: Int

        public var halfDaysPlanned: Int { blocks.filter { $0.block.isHalfDay && $0.state != .pending }.count }
        public var halfDaysKept: Int { blocks.filter { $0.block.isHalfDay && $0.state == .kept }.count }
        public var eveningsPlanned: Int { blocks.filter { $0.block == .evening && $0.state != .pending }.count }
        public var eveningsKept: Int { blocks.filter { $0.block == .evening && $0.state == .kept }.count }
        /// Kept ÷ planned so far; nil when nothing planned has ended yet.
        public var halfDayRate: Double? { halfDaysPlanned == 0 ? nil : Double(halfDaysKept) / Double(halfDaysPlanned) }
        public var gaps: [BlockResult] { blocks.filter { $0.state == .missed } }
    }

    /// `daysOff`: days the leader excused (leave, duty elsewhere); their blocks are not owed.
    public static func week(monday: String, plan: WeeklyPlan, sessions: [OfficeSession], rule: OfficeHoursRule, now: Date, daysOff: Set<String> = []) -> Week? {
        guard let first = CivilDate.dayNumber(monday), CivilDate.weekday(dayNumber: first) == 1 else { return nil }
        let spans = sessions.map { minute($0.checkIn)..<max(minute($0.checkIn), minute(closedAt($0))) }
        let nowMinute = minute(now)
        let results = plan.blocks.sorted().filter { !daysOff.contains(CivilDate.iso(dayNumber: first + $0.weekday - 1)) }.map { p -> BlockResult in
            let day = first + p.weekday - 1
            let span = day * 1440 + p.block.minutes.lowerBound..<day * 1440 + p.block.minutes.upperBound
            let present = covered(span, by: spans)
            let kept = Double(present) >= rule.keptShare * Double(span.count)
            let state: BlockState = kept ? .kept : (nowMinute >= span.upperBound ? .missed : .pending)
            return BlockResult(day: CivilDate.iso(dayNumber: day), block: p.block, minutesPresent: present, state: state)
        }
        return Week(blocks: results, forgottenCheckOuts: sessions.filter { isForgotten($0, now: now) }.count)
    }

    /// Minutes of `span` inside the union of `spans` (sessions may overlap: a double check-in).
    static func covered(_ span: Range<Int>, by spans: [Range<Int>]) -> Int {
        let clipped = spans.map { $0.clamped(to: span) }.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var total = 0, reach = span.lowerBound
        for s in clipped where s.upperBound > reach {
            total += s.upperBound - max(s.lowerBound, reach)
            reach = s.upperBound
        }
        return total
    }
}
