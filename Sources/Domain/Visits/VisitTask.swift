import Foundation

/// 任务: one piece of work with one responsible officer and a due date.
public struct VisitTask: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case open, done }

    public var id: Int64
    public var ruleCode: String
    public var title: String
    public var residentID: Int64?
    public var householdID: Int64?
    public var placeID: Int64?
    public var assigneeID: Int64?
    public var dueAt: Date
    public var status: Status
    public var completedVisitID: Int64?

    public init(id: Int64, ruleCode: String, title: String, residentID: Int64?, householdID: Int64?, placeID: Int64?,
                assigneeID: Int64?, dueAt: Date, status: Status, completedVisitID: Int64?) {
        self.id = id; self.ruleCode = ruleCode; self.title = title; self.residentID = residentID; self.householdID = householdID
        self.placeID = placeID; self.assigneeID = assigneeID; self.dueAt = dueAt; self.status = status; self.completedVisitID = completedVisitID
    }

    /// 督办: an overdue task goes to the station leader at its due time, and to the bureau
    /// `bureauAfterDays` later (a work setting).
    public enum Escalation: String, Sendable, Codable, Comparable {
        case none, station, bureau
        public static func < (a: Escalation, b: Escalation) -> Bool {
            let order: [Escalation] = [.none, .station, .bureau]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public func escalation(now: Date, bureauAfterDays: Int) -> Escalation {
        status == .open ? Self.escalation(due: dueAt, now: now, bureauAfterDays: bureauAfterDays) : .none
    }

    /// The level an open task due at `due` has reached by `now`.
    public static func escalation(due: Date, now: Date, bureauAfterDays: Int) -> Escalation {
        guard due < now else { return .none }
        return now.timeIntervalSince(due) >= Double(bureauAfterDays) * 86400 ? .bureau : .station
    }

    /// Where a task sits on the officer's phone list.
    public enum Bucket: String, Sendable, CaseIterable { case overdue, today, thisWeek, later }

    public func bucket(now: Date, calendar: Calendar = .shanghai) -> Bucket {
        if dueAt < now { return .overdue }
        if calendar.isDate(dueAt, inSameDayAs: now) { return .today }
        let weekEnd = calendar.date(byAdding: .day, value: 7, to: calendar.startOfDay(for: now))!
        return dueAt < weekEnd ? .thisWeek : .later
    }
}
