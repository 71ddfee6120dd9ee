import Foundation

/// 统计口径: every figure Jingmin reports, with what it counts — written once, here, and shown
/// next to the number on every page (a leader must know what a number means).
public enum Figure: String, CaseIterable, Sendable, Codable {
    case householdsVisited, personsVisited, visits, coverage
    case tasksDone, tasksOpen, tasksOverdue, mustVisitOnTime, careOnTime
    case requestsReceived, requestsResolved, requestsOverdue, medianResolveHours, returnVisitRate, satisfactionRate, dissatisfied
    case suggestions, meetings, meetingAttendees, meetingSatisfaction

    public var name: (zh: String, en: String) {
        switch self {
        case .householdsVisited: ("走访户数", "Households visited")
        case .personsVisited: ("走访人次", "People met (visits × people)")
        case .visits: ("走访次数", "Visits")
        case .coverage: ("走访覆盖率", "Visit coverage")
        case .tasksDone: ("完成任务", "Tasks done")
        case .tasksOpen: ("待办任务", "Open tasks")
        case .tasksOverdue: ("逾期任务", "Overdue tasks")
        case .mustVisitOnTime: ("五必访按时率", "Must-visits on time")
        case .careOnTime: ("关爱走访按时率", "Care visits on time")
        case .requestsReceived: ("受理诉求", "Requests received")
        case .requestsResolved: ("已办结", "Resolved")
        case .requestsOverdue: ("逾期未办结", "Overdue")
        case .medianResolveHours: ("办结用时中位数", "Median time to resolve")
        case .returnVisitRate: ("回访率", "Return-visit coverage")
        case .satisfactionRate: ("满意率", "Satisfaction")
        case .dissatisfied: ("不满意", "Dissatisfied")
        case .suggestions: ("征求意见建议", "Suggestions collected")
        case .meetings: ("恳谈会场次", "Meetings held")
        case .meetingAttendees: ("参会人数", "Meeting attendees")
        case .meetingSatisfaction: ("会议满意率", "Meeting satisfaction")
        }
    }

    public var definition: (zh: String, en: String) {
        switch self {
        case .householdsVisited: ("期间内至少走访过一次的户数（入户、电话、座谈均计）", "Households visited at least once in the period (any method)")
        case .personsVisited: ("期间内各次走访见到的居民人数之和（同一人走访两次计两人次）", "Residents met, added up over the period's visits (one person met twice counts twice)")
        case .visits: ("期间内登记的走访次数", "Visits logged in the period")
        case .coverage: ("走访户数 ÷ 辖区内登记的户数", "Households visited ÷ households registered in the unit")
        case .tasksDone: ("期间内完成的走访任务数", "Visit tasks completed in the period")
        case .tasksOpen: ("目前尚未完成的走访任务数", "Visit tasks not yet done, now")
        case .tasksOverdue: ("目前尚未完成且已过期限的走访任务数", "Visit tasks not done and past their due time, now")
        case .mustVisitOnTime: ("期间内完成的五必访任务中，在期限内完成的比例", "Of must-visit tasks completed in the period, the share done by the due time")
        case .careOnTime: ("期间内完成的关爱走访任务中，在应访日期前完成的比例", "Of care-visit tasks completed in the period, the share done by the due date")
        case .requestsReceived: ("期间内受理的诉求、意见建议和求助（各渠道）", "Requests, suggestions and calls for help received in the period (every channel)")
        case .requestsResolved: ("期间内受理、目前已办结（待回访或已归档）的件数", "Of those received in the period, resolved by now (awaiting the return visit or closed)")
        case .requestsOverdue: ("期间内受理、目前未办结且已过办理期限的件数", "Of those received in the period, not resolved and past the deadline, now")
        case .medianResolveHours: ("期间内受理且已办结的，从受理到办结所用时间的中位数", "Of those received in the period and resolved, the median time from receipt to resolution")
        case .returnVisitRate: ("期间内受理、已办结过的诉求中，已回访的比例", "Of those received in the period and resolved at least once, the share with a return visit")
        case .satisfactionRate: ("（满意 + 基本满意）÷ 已回访件数，按最近一次回访", "(satisfied + basically satisfied) ÷ requests with a return visit, by the latest one")
        case .dissatisfied: ("期间内受理的诉求中，最近一次回访为不满意的件数", "Of those received in the period, requests whose latest return visit was dissatisfied")
        case .suggestions: ("期间内收集的意见建议（走访、会议、群众反映等各渠道）", "Suggestions collected in the period (visits, meetings, the portal … )")
        case .meetings: ("期间内召开的恳谈会、座谈会场次", "Meetings held in the period")
        case .meetingAttendees: ("期间内各次会议参会人数之和", "Attendees of those meetings, added up")
        case .meetingSatisfaction: ("各次会议现场测评（满意 + 基本满意）÷ 参评人数", "On-site evaluations: (satisfied + basically satisfied) ÷ those who rated")
        }
    }
}

/// The raw counts behind the figures of one unit and period, as the store counts them in SQL.
public struct FigureCounts: Sendable, Codable, Equatable {
    public var households = 0, householdsVisited = 0, personsVisited = 0, visits = 0
    public var tasksDone = 0, tasksOpen = 0, tasksOverdue = 0
    public var mustVisitDone = 0, mustVisitOnTime = 0, careDone = 0, careOnTime = 0
    public var requestsReceived = 0, requestsResolved = 0, requestsOverdue = 0, everResolved = 0, returnVisited = 0
    public var satisfied = 0, basicallySatisfied = 0, dissatisfied = 0
    public var medianResolveSeconds: Double?
    public var suggestions = 0, meetings = 0, meetingAttendees = 0
    public var meetingSatisfied = 0, meetingBasically = 0, meetingRated = 0

    public init() {}

    /// Every figure as the page shows it: counts as numbers, rates as "87.5%" ("—" when there
    /// is nothing to divide by), the median in hours.
    public func text(_ f: Figure) -> String {
        switch f {
        case .householdsVisited: String(householdsVisited)
        case .personsVisited: String(personsVisited)
        case .visits: String(visits)
        case .coverage: Percent.text(householdsVisited, of: households)
        case .tasksDone: String(tasksDone)
        case .tasksOpen: String(tasksOpen)
        case .tasksOverdue: String(tasksOverdue)
        case .mustVisitOnTime: Percent.text(mustVisitOnTime, of: mustVisitDone)
        case .careOnTime: Percent.text(careOnTime, of: careDone)
        case .requestsReceived: String(requestsReceived)
        case .requestsResolved: String(requestsResolved)
        case .requestsOverdue: String(requestsOverdue)
        case .medianResolveHours: medianResolveSeconds.map { Self.hours($0) } ?? "—"
        case .returnVisitRate: Percent.text(returnVisited, of: everResolved)
        case .satisfactionRate: Percent.text(satisfied + basicallySatisfied, of: returnVisited)
        case .dissatisfied: String(dissatisfied)
        case .suggestions: String(suggestions)
        case .meetings: String(meetings)
        case .meetingAttendees: String(meetingAttendees)
        case .meetingSatisfaction: Percent.text(meetingSatisfied + meetingBasically, of: meetingRated)
        }
    }

    /// "36.5 h": one decimal.
    static func hours(_ seconds: Double) -> String {
        let tenths = Int((seconds / 360).rounded())
        return "\(tenths / 10).\(tenths % 10) h"
    }
}
