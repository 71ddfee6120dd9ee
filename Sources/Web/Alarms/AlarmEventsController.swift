import Domain
import Foundation
import Persistence
import Vapor

/// GET /alarms/events: the open alarms the reader receives — a resident, their group's; staff,
/// their station's desk — at once and whenever one is raised or moves on.
struct AlarmEventsController {
    /// One open alarm as the live banner and the desk draw it, in the reader's words.
    struct LiveAlarm: Codable {
        var id: Int64, href: String, title: String, place: String, state: String, since: Int64, late: Bool
    }
    struct Snapshot: Codable { var now: Int64; var alarms: [LiveAlarm] }

    /// The newest open alarms a live page shows; the desk page lists them all.
    static let shown = 30

    func events(_ req: Request) async throws -> Response {
        let caller = try req.caller(), store = req.store, t = Texts(req.language)
        let topics = try await store.alarmTopics(for: caller), bus = store.alarmBus
        // Pages with the same topics and reach show the same alarms: the neighbours of a group,
        // the desks of a station. Their snapshot is made once per change and shared.
        let reach: String = if case .subtree(let path) = caller.jurisdiction { path } else { "" }
        let key = "\(topics.sorted().joined(separator: ","))|\(reach)|\(req.language.rawValue)"
        return LiveStream.response(bus: bus, topics: topics) { version in
            try await bus.snapshot(key: key, version: version) {
                let alarms = try await store.openAlarms(caller, limit: Self.shown).map { a in
                    LiveAlarm(id: a.id, href: Site.alarm(a.id).path, title: AlarmPages.title(t, a), place: "\(a.address) · \(a.groupName)",
                              state: AlarmPages.stateText(t, a), since: Self.ms(a.pressedAt), late: a.escalatedAt != nil && a.acknowledgedAt == nil)
                }
                return try JSONEncoder().encode(Snapshot(now: Self.ms(store.now()), alarms: alarms))
            }
        }
    }

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
}
