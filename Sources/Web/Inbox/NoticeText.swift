import Domain
import Persistence

extension Texts {
    /// A notice in the reader's language, from its facts; one stored before notices kept facts
    /// shows the words it was stored with.
    func title(of n: Notice) -> String {
        guard let kind = NoticeKind(rawValue: n.kind), let subject = n.subject else { return n.title }
        // Our own words first, the object's text (which may hold anything, "%2" too) last.
        return self("notice.\(kind.rawValue)")
            .replacingOccurrences(of: "%2", with: self("requestKind.\(n.requestKind ?? RequestKind.request.rawValue)"))
            .replacingOccurrences(of: "%3", with: n.dueAt.map(ChinaTime.minute) ?? "")
            .replacingOccurrences(of: "%4", with: n.status.map { self("notice.statusNow.\($0)") } ?? "")
            .replacingOccurrences(of: "%@", with: subject)
    }
}

extension Notice {
    /// Where the notice leads: its request or dispute, or the reader's task list.
    var href: String {
        guard let kind = NoticeKind(rawValue: kind), let id = objectId else { return link }
        switch kind.object {
        case .request: return Site.request(id).path
        case .dispute: return Site.dispute(id).path
        case .victim: return Site.victim(id).path
        case .alarm: return Site.alarm(id).path
        case .appointment: return Site.appointment(id).path
        case .task: return Site.tasks.path
        }
    }
}
