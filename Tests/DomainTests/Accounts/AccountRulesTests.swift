import Foundation
import Testing
@testable import Domain

@Suite struct AccountRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fiveFailuresAreFreeThenTheWaitDoubles() {
        let throttle = LoginThrottle()
        #expect(throttle.lockedUntil(failures: 4, lastFailure: t0) == nil)
        #expect(throttle.lockedUntil(failures: 5, lastFailure: t0) == t0.addingTimeInterval(60))
        #expect(throttle.lockedUntil(failures: 6, lastFailure: t0) == t0.addingTimeInterval(120))
        #expect(throttle.lockedUntil(failures: 40, lastFailure: t0) == t0.addingTimeInterval(3600))
    }

    @Test func oldFailuresAreForgotten() {
        let throttle = LoginThrottle()
        #expect(throttle.effectiveFailures(5, lastFailure: t0, now: t0.addingTimeInterval(3599)) == 5)
        #expect(throttle.effectiveFailures(5, lastFailure: t0, now: t0.addingTimeInterval(3601)) == 0)
    }

    @Test func sessionsExpireAfterThirtyIdleMinutesOrTwelveHours() {
        let p = SessionPolicy()
        #expect(!p.isExpired(createdAt: t0, lastSeenAt: t0, now: t0.addingTimeInterval(29 * 60)))
        #expect(p.isExpired(createdAt: t0, lastSeenAt: t0, now: t0.addingTimeInterval(31 * 60)))
        #expect(p.isExpired(createdAt: t0, lastSeenAt: t0.addingTimeInterval(12 * 3600), now: t0.addingTimeInterval(12 * 3600 + 1)))
    }

    @Test func jurisdictionIsASubtreeOrOneHousehold() {
        let station = Jurisdiction.of(role: .stationLeader, unitPath: "/B/S1/", householdID: nil)
        #expect(station.contains(unitPath: "/B/S1/C1/G1/"))
        #expect(!station.contains(unitPath: "/B/S10/C1/G1/"))   // a prefix of the code is not the unit
        #expect(!station.contains(unitPath: "/B/S2/C1/G1/"))
        let resident = Jurisdiction.of(role: .resident, unitPath: "/B/S1/C1/G1/", householdID: 7)
        #expect(resident.contains(householdID: 7, unitPath: "/B/S1/C1/G1/"))
        #expect(!resident.contains(householdID: 8, unitPath: "/B/S1/C1/G1/"))
        #expect(Jurisdiction.of(role: .resident, unitPath: "/B/", householdID: nil) == .nothing)
    }

    @Test func onlySwornRolesMayRevealPersonalData() {
        #expect(Role.officer.mayRevealPersonalData)
        #expect(!Role.auxiliary.mayRevealPersonalData)
        #expect(!Role.admin.mayRevealPersonalData)
        #expect(!Role.resident.mayRevealPersonalData)
    }

    /// The permission policy as one table: who records work, files requests, configures, uses the portal.
    @Test func thePolicyGivesEachRoleItsWork() {
        func who(_ ability: (Role) -> Bool) -> [Role] { Role.allCases.filter(ability) }
        #expect(who(\.mayRecordWork) == [.bureauLeader, .stationLeader, .officer, .auxiliary])
        #expect(who(\.mayFileRequests) == [.bureauLeader, .stationLeader, .officer, .auxiliary, .resident])
        #expect(who(\.mayConfigure) == [.admin])
        #expect(who(\.usesPortal) == [.resident] && who(\.seesWorkRecords) == [.admin, .bureauLeader, .stationLeader, .officer, .auxiliary])
        #expect(who(\.mayExportRegister) == [.admin, .bureauLeader, .stationLeader, .officer])
        #expect(Role.resident.returnVisitMethods == ["portal"] && Role.officer.returnVisitMethods == ["phone", "in_person"])
    }

    @Test func passwordsNeedLengthAndVariety() {
        #expect(!PasswordPolicy.isAcceptable("short"))
        #expect(!PasswordPolicy.isAcceptable("aaaaaaaaaaaa"))
        #expect(PasswordPolicy.isAcceptable("grid-officer-7"))
    }
}
