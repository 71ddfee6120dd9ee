import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// The first grid's officer has formed three 联防组 from the page's suggestions; the rest of
    /// the grid is left to group.
    static func alarmGroups(_ store: Store, grid: Domain.Unit) async throws {
        let officer = try await store.credentials(username: "minjing")!.account.caller(clientAddress: "demo")
        for s in try await store.alarmGroups(gridID: grid.id, officer).suggestions.prefix(3) {
            _ = try await store.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: grid.id, name: "\(s.neighbourhood)联防组", householdIDs: s.householdIDs), officer)
        }
    }
}
