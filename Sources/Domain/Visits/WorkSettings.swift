import Foundation

/// What an administrator tunes without a new release: how often each kind of 关爱对象 is
/// visited, after how many overdue days a task goes up to the bureau, and how long after 化解
/// a dispute is visited again, and within how many days a crime victim is.
public struct WorkSettings: Sendable, Equatable {
    public var careCadenceDays: [ResidentTag: Int]
    public var bureauAfterDays: Int
    public var disputeFollowUpDays: Int
    public var victimVisitDays: Int

    public init(careCadenceDays: [ResidentTag: Int], bureauAfterDays: Int, disputeFollowUpDays: Int = DisputeWorkflow.defaultFollowUpDays,
                victimVisitDays: Int = VictimVisitRules.defaultDueDays) {
        self.careCadenceDays = careCadenceDays; self.bureauAfterDays = bureauAfterDays; self.disputeFollowUpDays = disputeFollowUpDays
        self.victimVisitDays = victimVisitDays
    }

    /// Elderly living alone, left-behind children and special hardship monthly, veterans quarterly.
    public static let defaults = WorkSettings(
        careCadenceDays: [.elderlyAlone: 30, .leftBehindChild: 30, .specialHardship: 30, .veteran: 90], bureauAfterDays: 3)

    /// Tags that may carry a cadence, in the order the settings page lists them.
    public static let careTags: [ResidentTag] = [.elderlyAlone, .leftBehindChild, .specialHardship, .veteran, .goodSamaritan, .petitioner]

    /// The shortest cadence of a person's tags applies.
    public func cadence(for tags: [ResidentTag]) -> Int? {
        tags.compactMap { careCadenceDays[$0] }.min()
    }

    public var careTagsInUse: [ResidentTag] { Self.careTags.filter { careCadenceDays[$0] != nil } }

    // Stored as key → integer rows; a cadence of 0 means "not a care tag".
    static let bureauKey = "bureau_after_days", cadencePrefix = "care_cadence."
    public static let disputeFollowUpKey = "dispute_follow_up_days", victimVisitKey = "victim_visit_days"

    public var storage: [(String, Int)] {
        [(Self.bureauKey, bureauAfterDays), (Self.disputeFollowUpKey, disputeFollowUpDays), (Self.victimVisitKey, victimVisitDays)] + Self.careTags.map { (Self.cadencePrefix + $0.rawValue, careCadenceDays[$0] ?? 0) }
    }

    public init(storage rows: [(String, Int)]) {
        var settings = WorkSettings.defaults
        for (key, value) in rows {
            if key == Self.bureauKey { settings.bureauAfterDays = value }
            else if key == Self.disputeFollowUpKey { settings.disputeFollowUpDays = value }
            else if key == Self.victimVisitKey { settings.victimVisitDays = value }
            else if key.hasPrefix(Self.cadencePrefix), let tag = ResidentTag(rawValue: String(key.dropFirst(Self.cadencePrefix.count))) {
                settings.careCadenceDays[tag] = value > 0 ? value : nil
            }
        }
        self = settings
    }

    /// From the settings form: every field a whole number of days; a blank cadence removes the tag
    /// from the care list.
    public static func validate(cadences: [String: String], bureauAfterDays: String, disputeFollowUpDays: String,
                                victimVisitDays: String) -> Result<WorkSettings, ValidationFailure> {
        var errors: [FieldError] = []
        var days: [ResidentTag: Int] = [:]
        for tag in careTags {
            let raw = (cadences[tag.rawValue] ?? "").trimmed
            if raw.isEmpty { continue }
            guard let d = Int(raw), (1...365).contains(d) else { errors.append(FieldError(field: "cadence.\(tag.rawValue)", problem: .invalidChoice)); continue }
            days[tag] = d
        }
        let bureau = Int(bureauAfterDays.trimmed)
        if bureau == nil || !(1...60).contains(bureau!) { errors.append(FieldError(field: "bureauAfterDays", problem: .invalidChoice)) }
        let followUp = Int(disputeFollowUpDays.trimmed)
        if followUp == nil || !(1...365).contains(followUp!) { errors.append(FieldError(field: "disputeFollowUpDays", problem: .invalidChoice)) }
        let victim = Int(victimVisitDays.trimmed)
        if victim == nil || !(1...60).contains(victim!) { errors.append(FieldError(field: "victimVisitDays", problem: .invalidChoice)) }
        guard errors.isEmpty, let bureau, let followUp, let victim else { return .failure(ValidationFailure(errors)) }
        return .success(WorkSettings(careCadenceDays: days, bureauAfterDays: bureau, disputeFollowUpDays: followUp, victimVisitDays: victim))
    }
}

/// 关爱对象走访: when the next visit is due, and when the scheduler puts it on the officer's list.
public enum CareCadence {
    /// A care task appears this many days before the visit falls due.
    public static let leadDays = 7
    /// Care tasks are kept like rule tasks (one open per person), under their own code.
    public static let rule = MustVisitRule(code: "care", name: "关爱走访", dueWithinDays: leadDays)

    /// Next visit due: a cadence after the last visit, or after registration when never visited.
    public static func due(lastVisit: Date?, registered: Date, cadenceDays: Int, calendar: Calendar = .shanghai) -> Date {
        calendar.date(byAdding: .day, value: cadenceDays, to: lastVisit ?? registered)!
    }

    public static func taskOpens(due: Date, calendar: Calendar = .shanghai) -> Date {
        calendar.date(byAdding: .day, value: -leadDays, to: due)!
    }
}
