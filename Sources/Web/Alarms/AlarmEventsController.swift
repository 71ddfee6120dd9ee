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

    func events(_ req: Request) async throws -> Response {
        let caller = try req.caller(), store = req.store, t = Texts(req.language)
        let topics = try await store.alarmTopics(for: caller)
        return LiveStream.response(bus: store.alarmBus, topics: topics) {
            let alarms = try await store.openAlarms(caller).map { a in
                LiveAlarm(id: a.id, href: Site.alarm(a.id).path, title: AlarmPages.title(t, a), place: "\(a.address) · \(a.groupName)",
                          state: AlarmPages.stateText(t, a), since: Self.ms(a.pressedAt), late: a.escalatedAt != nil && a.acknowledgedAt == nil)
            }
            return try JSONEncoder().encode(Snapshot(now: Self.ms(store.now()), alarms: alarms))
        }
    }

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
}
