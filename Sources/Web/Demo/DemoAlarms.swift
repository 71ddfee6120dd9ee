import Domain
import Foundation
import Persistence
import Vapor

extension DemoBureau {
    /// The first grid's officer has formed three 联防组 from the page's suggestions; the rest of
    /// the grid is left to group. The demo resident's household is in the first, with a
    /// neighbour who has an account too (`linju`); `tazu` lives in the second group.
    static func alarmGroups(_ store: Store, _ app: Application, grid: Domain.Unit, resident: Int64) async throws {
        let officer = try await store.credentials(username: "minjing")!.account.caller(clientAddress: "demo")
        var groups: [AlarmGroupView] = []
        for s in try await store.alarmGroups(gridID: grid.id, officer).suggestions.prefix(3) {
            groups.append(try await store.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: grid.id, name: "\(s.neighbourhood)联防组", householdIDs: s.householdIDs), officer))
        }
        guard groups.count >= 2 else { return }
        var first = groups[0]
        if try await store.alarmGroupID(householdID: resident) == nil {
            first = try await store.saveAlarmGroup(id: first.id, AlarmGroupInput(gridID: grid.id, name: first.name,
                                                                               householdIDs: first.members.map(\.householdID).suffix(AlarmGroupRules.maxHouseholds - 1) + [resident]), officer)
        } else if let g = try await store.alarmGroupID(householdID: resident), let mine = groups.first(where: { $0.id == g }) {
            first = mine
        }
        let other = groups.first { $0.id != first.id }!
        let cli = commandLineCaller
        for (username, name, household) in [("linju", "邻居账号", first.members.first { $0.householdID != resident }!.householdID),
                                            ("tazu", "他组居民", other.members[0].householdID)] {
            _ = try await store.createAccount(NewAccount(username: username, displayName: name, role: .resident, unitCode: grid.code, householdID: household),
                                              passwordHash: try await app.password.async.hash(Store.randomToken()), cli)
        }
    }
}
