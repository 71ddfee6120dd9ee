import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// The recurring jobs, driven by a test clock: escalations reach the right leaders once,
/// care tasks appear a week before the visit is due, and administrators' settings apply.
@Suite(.serialized) struct SchedulerTests {
    let cli = Caller.commandLine(user: "t")

    func tagDisputeParty(_ app: Application, _ f: Fixture) async throws {
        try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: try await app.store.credentials(username: "officerA")!.account.id, cli)
        _ = try await app.store.updateResident(id: f.residentA.id, ResidentInput(name: "郭秀英", gender: "female", birthDate: nil, idNumber: Fixture.idA,
                                                                                  phone: Fixture.phoneA, tags: ["elderly_alone", "dispute_party"]), cli)
    }

    func addBureauLeader(_ app: Application) async throws -> Account {
        let hash = try await app.password.async.hash(Fixture.password)
        return try await app.store.createAccount(NewAccount(username: "chief", displayName: "赵局", role: .bureauLeader, unitCode: "B", householdID: nil), passwordHash: hash, cli)
    }

    /// The inbox as a reader of simplified Chinese sees it (the store keeps facts; the catalog words them).
    func inbox(_ app: Application, _ username: String) async throws -> [Notice] {
        try await app.store.inbox(try await app.store.credentials(username: username)!.account.caller(clientAddress: "t")).map(\.worded)
    }

    @Test func anOverdueTaskGoesToTheStationLeaderOnceThenToTheBureau() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let chief = try await addBureauLeader(app)
            try await tagDisputeParty(app, f)   // due in 3 days
            var run = try await app.store.runDueWork(holder: "a")
            #expect(run.jobsRun == ["escalate_overdue", "escalate_requests", "care_tasks", "appointment_reminders"] && run.escalatedToStation == 0)

            clock.advance(4 * 86400)
            run = try await app.store.runDueWork(holder: "a")
            #expect(run.escalatedToStation == 1 && run.escalatedToBureau == 0)
            let notices = try await inbox(app, "leaderA")
            #expect(notices.count == 1 && notices[0].title.hasPrefix("任务逾期：矛盾纠纷当事人必访：郭秀英"))
            let others = try await inbox(app, "officerB") + inbox(app, "chief")
            #expect(others.isEmpty)

            // The same job again, from this or another instance, sends nothing new.
            #expect(try await app.store.runDueWork(holder: "b").jobsRun.isEmpty, "not due again within the minute")
            clock.advance(61)
            run = try await app.store.runDueWork(holder: "b")
            #expect(run.jobsRun.contains("escalate_overdue") && run.escalatedToStation == 0)
            #expect(try await inbox(app, "leaderA").count == 1)

            // Three days after the due date it goes to the bureau.
            clock.advance(3 * 86400)
            run = try await app.store.runDueWork(holder: "a")
            #expect(run.escalatedToBureau == 1)
            let chiefs = try await app.store.inbox(chief.caller(clientAddress: "t")).map(\.worded)
            #expect(chiefs.count == 1 && chiefs[0].title.hasPrefix("逾期报分局"))
            let audit = try await app.store.auditEntries(.init(action: "task.escalate"), .commandLine(user: "t"))
            #expect(audit.count == 2 && audit.allSatisfy { $0.actor == "system:scheduler" })
        }
    }

    @Test func theBureauDelayIsTheAdministratorsSetting() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            _ = try await addBureauLeader(app)
            try await tagDisputeParty(app, f)
            let admin = try await WebSession.signedIn(app, "admin")
            #expect(try await admin.get("/settings").status == .ok)
            let bad = try await admin.post("/settings/work", ["cadence[elderly_alone]": "0", "bureauAfterDays": "7", "disputeFollowUpDays": "30", "victimVisitDays": "7"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("独居老人走访周期：不是可选的值"))
            #expect(try await app.store.workSettings() == WorkSettings.defaults, "a refused form changes nothing")
            let ok = try await admin.post("/settings/work", ["cadence[elderly_alone]": "30", "cadence[left_behind_child]": "30", "cadence[special_hardship]": "30",
                                                             "cadence[veteran]": "90", "bureauAfterDays": "7", "disputeFollowUpDays": "30", "victimVisitDays": "7"])
            #expect(ok.status == .seeOther)
            #expect(try await app.store.workSettings().bureauAfterDays == 7)
            clock.advance(8 * 86400)   // five days overdue: still the station's
            let run = try await app.store.runDueWork(holder: "a")
            #expect(run.escalatedToStation == 1 && run.escalatedToBureau == 0)
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/settings").status == .forbidden)
        }
    }

    @Test func aCareTaskAppearsAWeekBeforeTheVisitIsDueAndOnlyOnce() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let officer = try await app.store.credentials(username: "officerA")!.account
            try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officer.id, cli)
            // residentA lives alone: visited every 30 days, counted from registration.
            clock.advance(20 * 86400)
            #expect(try await app.store.runDueWork(holder: "a").careTasksOpened == 0)
            clock.advance(4 * 86400)   // day 24: due on day 30
            #expect(try await app.store.runDueWork(holder: "a").careTasksOpened == 1)
            clock.advance(601)
            #expect(try await app.store.runDueWork(holder: "b").careTasksOpened == 0)
            let tasks = try await app.store.openTasks(officer.caller(clientAddress: "t"))
            #expect(tasks.map(\.task.ruleCode) == ["care"] && tasks[0].task.residentID == f.residentA.id)

            // An administrator's new cadence applies to the next task, not this one.
            let admin = try await WebSession.signedIn(app, "admin")
            _ = try await admin.post("/settings/work", ["cadence[elderly_alone]": "10", "bureauAfterDays": "3", "disputeFollowUpDays": "30", "victimVisitDays": "7"])
            #expect(try await app.store.openTasks(officer.caller(clientAddress: "t")).map(\.task.dueAt) == tasks.map(\.task.dueAt))
        }
    }

    @Test func anAdministratorsRuleChangeAppliesToNewTriggersOnly() async throws {
        try await withJingmin { app, f in
            try await tagDisputeParty(app, f)
            let officer = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t")
            let before = try await app.store.openTasks(officer)
            #expect(before.count == 1)
            let token = try await app.bearer("admin")
            var h = token
            h.contentType = .json
            let res = try await app.testing().sendRequest(.PUT, "/api/v1/must-visit-rules/dispute_party", headers: h,
                                                          body: ByteBuffer(string: #"{"dueWithinDays":10,"active":true}"#))
            #expect(res.status == .ok)
            #expect(try await app.store.mustVisitRules().first { $0.code == "dispute_party" }?.dueWithinDays == 10)
            #expect(try await app.store.openTasks(officer).map(\.task.dueAt) == before.map(\.task.dueAt), "the open task keeps its date")
            var leader = try await app.bearer("leaderA")
            leader.contentType = .json
            let refused = try await app.testing().sendRequest(.PUT, "/api/v1/must-visit-rules/dispute_party", headers: leader,
                                                              body: ByteBuffer(string: #"{"dueWithinDays":1,"active":true}"#))
            #expect(refused.status == .forbidden)
            let line = try await app.store.auditEntries(.init(action: "rule.update"), .commandLine(user: "t")).first
            #expect(line?.actor == "admin" && line?.summary.contains("due 3 -> 10") == true)
        }
    }

    @Test func aReassignedTaskLandsInTheNewOfficersInboxAndTheInboxPageShowsIt() async throws {
        try await withJingmin { app, f in
            try await tagDisputeParty(app, f)
            let task = try #require(try await app.store.openTasks(try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t")).first)
            let aux = try await app.store.credentials(username: "auxA")!.account
            let leader = try await WebSession.signedIn(app, "leaderA")
            _ = try await leader.get("/tasks")
            #expect(try await leader.post("/tasks/\(task.task.id)/assignee", ["assigneeID": String(aux.id)]).status == .seeOther)
            let web = try await WebSession.signedIn(app, "auxA")
            let page = try await web.get("/inbox")
            #expect(page.body.string.contains("改派给你的任务：矛盾纠纷当事人必访：郭秀英") && page.body.string.contains("未读 1 条"))
            #expect(try await web.post("/inbox/read", [:]).status == .seeOther)
            #expect(try await web.get("/inbox").body.string.contains("未读 0 条"))
        }
    }
}

extension Notice {
    var worded: Notice {
        var n = self
        n.title = Texts(.zhHans).title(of: self)
        return n
    }
}
