/// 消息: what a notice is about. A notice keeps its kind and the facts it needs (an id, the
/// request's or task's own text, a status, a due time), never sentences: its words come from
/// the web catalog (`notice.<kind>`) and its link from the site's routes, so it reads in its
/// reader's language.
public enum NoticeKind: String, Sendable, Codable, CaseIterable {
    case requestNew = "request.new"                // 新诉求待交办 → station leaders
    case requestAssigned = "request.assigned"      // 交办 → the officer
    case requestReopened = "request.reopened"      // 回访不满意 → leaders and the officer
    case requestSupervised = "request.supervised"  // 督办 → the officer
    case requestStatus = "request.status"          // a resident's own request moved on
    case requestStation = "request.station"        // overdue → station leaders
    case requestBureau = "request.bureau"          // long overdue → bureau leaders
    case taskAssigned = "task.assigned"            // 改派 → the officer
    case taskStation = "task.station"              // overdue → station leaders
    case taskBureau = "task.bureau"                // long overdue → bureau leaders
    case disputeHighRisk = "dispute.high_risk"     // 高风险纠纷 → station leaders
    case victimDissatisfied = "victim.dissatisfied" // 被害人回访不满意 → station leaders
    case alarmEscalated = "alarm.escalated"        // 警铃超时未受理 → station leaders
    case appointmentReminder = "appointment.reminder"          // 预约前一天 → the officer and the household
    case appointmentDissatisfied = "appointment.dissatisfied"  // 服务不满意 → station leaders

    /// What the notice's object id names.
    public enum Object: Sendable { case request, task, dispute, victim, alarm, appointment }
    public var object: Object {
        if rawValue.hasPrefix("request.") { return .request }
        if rawValue.hasPrefix("dispute.") { return .dispute }
        if rawValue.hasPrefix("alarm.") { return .alarm }
        if rawValue.hasPrefix("appointment.") { return .appointment }
        return rawValue.hasPrefix("victim.") ? .victim : .task
    }
}
