import Foundation

/// 五必访: a kind of person or place that must be visited, within `dueWithinDays` of becoming
/// one, and again every `repeatEveryDays` when set. Rules are data: an administrator edits
/// them; a change applies to tasks created after it.
public struct MustVisitRule: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var triggerTag: ResidentTag?
    public var triggerPlaceKind: PlaceKind?
    public var dueWithinDays: Int
    public var repeatEveryDays: Int?
    public var active: Bool

    public init(code: String, name: String, triggerTag: ResidentTag? = nil, triggerPlaceKind: PlaceKind? = nil,
                dueWithinDays: Int, repeatEveryDays: Int? = nil, active: Bool = true) {
        self.code = code; self.name = name; self.triggerTag = triggerTag; self.triggerPlaceKind = triggerPlaceKind
        self.dueWithinDays = dueWithinDays; self.repeatEveryDays = repeatEveryDays; self.active = active
    }

    /// Seed 001's five categories (案件当事人, 生活发生重大变故, 矛盾纠纷当事人, 人大代表/政协委员, 群众聚堆点).
    public static let seed: [MustVisitRule] = [
        MustVisitRule(code: "case_party", name: "案件当事人必访", triggerTag: .caseParty, dueWithinDays: 7),
        MustVisitRule(code: "major_life_change", name: "生活发生重大变故群众必访", triggerTag: .majorLifeChange, dueWithinDays: 7),
        MustVisitRule(code: "dispute_party", name: "矛盾纠纷当事人必访", triggerTag: .disputeParty, dueWithinDays: 3),
        MustVisitRule(code: "deputy", name: "人大代表、政协委员必访", triggerTag: .deputy, dueWithinDays: 30, repeatEveryDays: 90),
        MustVisitRule(code: "gathering_point", name: "群众聚堆点必访", triggerPlaceKind: .gatheringPoint, dueWithinDays: 7, repeatEveryDays: 30),
    ]

    /// Rules a change of tags triggers: only tags that were just added count, so saving a
    /// resident again does not create work again.
    public static func triggered(by newTags: [ResidentTag], previously oldTags: [ResidentTag], rules: [MustVisitRule]) -> [MustVisitRule] {
        let added = Set(newTags).subtracting(oldTags)
        return rules.filter { rule in rule.active && rule.triggerTag.map(added.contains) == true }
    }

    /// Due at the end of the day N days after `from`, in the station's time zone.
    public func due(from: Date, calendar: Calendar = .shanghai) -> Date {
        Self.endOfDay(days: dueWithinDays, after: from, calendar: calendar)
    }

    /// For a repeating rule, when the next visit is due after one made at `visit`; nil when
    /// the rule does not repeat.
    public func nextDue(afterVisitAt visit: Date, calendar: Calendar = .shanghai) -> Date? {
        repeatEveryDays.map { Self.endOfDay(days: $0, after: visit, calendar: calendar) }
    }

    /// Rules a place triggers when it becomes (or is registered as) a given kind.
    public static func triggered(byPlaceKind kind: PlaceKind, previously old: PlaceKind?, rules: [MustVisitRule]) -> [MustVisitRule] {
        guard kind != old else { return [] }
        return rules.filter { $0.active && $0.triggerPlaceKind == kind }
    }

    static func endOfDay(days: Int, after date: Date, calendar: Calendar) -> Date {
        calendar.date(byAdding: .day, value: days + 1, to: calendar.startOfDay(for: date))!.addingTimeInterval(-1)
    }
}
