import Foundation

/// 诉求 / 意见建议 / 求助: what a resident raised.
public enum RequestKind: String, Sendable, Codable, CaseIterable {
    case request      // 诉求
    case suggestion   // 意见建议
    case help         // 求助
}

/// Where a request came in. Every channel enters the same workflow.
public enum RequestChannel: String, Sendable, Codable, CaseIterable {
    case visit, meeting, hotline, portal, survey, open311
    case servicePoint = "service_point"   // taken at a 服务点
}

/// 回访结果. Three levels, because yes/no is too coarse to act on.
public enum Satisfaction: String, Sendable, Codable, CaseIterable {
    case satisfied            // 满意
    case basicallySatisfied = "basically_satisfied"  // 基本满意
    case dissatisfied         // 不满意

    /// Counts toward the satisfaction rate (满意 + 基本满意 over answered).
    public var isSatisfied: Bool { self != .dissatisfied }
}

public enum RequestStatus: String, Sendable, Codable, CaseIterable {
    case new, assigned
    case inProgress = "in_progress"
    case resolved, closed

    /// Still somebody's work: counts toward overdue and escalation.
    public var isOpen: Bool { self != .resolved && self != .closed }
}

/// One step of the workflow. The store records each as a timeline event.
public enum RequestStep: Sendable, Equatable {
    case assign          // 交办: responsible unit + officer
    case start           // 开始办理
    case resolve         // 办结, with a written outcome
    case returnVisit(Satisfaction)  // 回访
    case reassign        // 改派 (history kept)
    case supervise       // 督办: a note and perhaps a new deadline

    public var code: String {
        switch self {
        case .assign: "assign"
        case .start: "start"
        case .resolve: "resolve"
        case .returnVisit(let s): s == .dissatisfied ? "reopen" : "close"
        case .reassign: "reassign"
        case .supervise: "supervise"
        }
    }
}

/// What a request's page offers and what its address names (`/requests/7/return-visit`, the
/// API's `POST /api/v1/requests/7/return-visit`): typed, so a page, a route and a handler cannot
/// spell a step differently. A reassignment posts to `assign`.
public enum RequestAction: String, Sendable, CaseIterable {
    case assign, reassign, start, resolve, supervise
    case returnVisit = "return-visit"
    /// Not a step: shows the requester's full phone number, audited.
    case reveal
}

/// The workflow: new → assigned → in progress → resolved → return visit → closed, and a
/// 不满意 return visit sends the request back to work (in progress), escalated.
public enum RequestWorkflow {
    /// The status after `step`, or nil when the step is not allowed from `status`.
    public static func next(_ status: RequestStatus, _ step: RequestStep) -> RequestStatus? {
        switch (status, step) {
        case (.new, .assign): .assigned
        case (.assigned, .start): .inProgress
        case (.inProgress, .resolve): .resolved
        case (.resolved, .returnVisit(let s)): s.isSatisfied ? .closed : .inProgress
        case (.assigned, .reassign), (.inProgress, .reassign): status
        case (.new, .supervise), (.assigned, .supervise), (.inProgress, .supervise): status
        default: nil
        }
    }

    /// The steps a page offers for a request in `status`.
    public static func steps(from status: RequestStatus) -> [RequestAction] {
        switch status {
        case .new: [.assign, .supervise]
        case .assigned: [.start, .reassign, .supervise]
        case .inProgress: [.resolve, .reassign, .supervise]
        case .resolved: [.returnVisit]
        case .closed: []
        }
    }
}

/// 督办 levels for an open request: the station leader once it is overdue (or the resident was
/// dissatisfied), the bureau `bureauAfterDays` after the deadline. "At risk" is the last day.
public enum RequestSupervision {
    public static let atRiskWindow: TimeInterval = 86400

    public static func level(deadline: Date?, status: RequestStatus, reopened: Bool, now: Date, bureauAfterDays: Int) -> VisitTask.Escalation {
        guard status.isOpen else { return .none }
        let byTime = deadline.map { VisitTask.escalation(due: $0, now: now, bureauAfterDays: bureauAfterDays) } ?? .none
        return reopened ? max(byTime, .station) : byTime
    }

    public static func isAtRisk(deadline: Date?, status: RequestStatus, now: Date) -> Bool {
        guard status.isOpen, let deadline else { return false }
        return deadline >= now && deadline.timeIntervalSince(now) <= atRiskWindow
    }
}

extension RequestWorkflow {
    /// Who may take a step: leaders direct (交办, 改派, 督办); the assigned officer (or a leader
    /// on their behalf) works and resolves it; any officer of the unit, or the resident who
    /// asked, records the return visit.
    public static func mayTake(_ step: RequestStep, role: Role, isAssignee: Bool, isRequester: Bool) -> Bool {
        switch step {
        case .assign, .reassign, .supervise: role.mayDirectWork
        case .start, .resolve: isAssignee || role.mayDirectWork
        case .returnVisit: isRequester || role.mayRecordWork
        }
    }
}
