import Domain
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct AuditTests {
    @Test func everyWriteIsAttributedAndTheChainVerifies() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "officerA")
            try await web.get("/households/\(f.householdA.id)/edit")
            _ = try await web.post("/households/\(f.householdA.id)/edit", ["address": "甲街1号之一"])
            let last = try await app.store.auditEntries(.init(action: "household.update"), .commandLine(user: "t")).first
            #expect(last?.actor == "officerA")
            #expect(last?.summary.contains("甲街1号 -> 甲街1号之一") == true)
            #expect(last?.clientAddress.isEmpty == false)
            let verdict = try await app.store.verifyAudit()
            #expect(verdict.problem == nil)
            #expect(verdict.checked > 10)
        }
    }

    @Test func leadersReadTheAuditLinesOfTheirOwnJurisdictionOnly() async throws {
        try await withJingmin { app, f in
            let cli = Caller.commandLine(user: "t")
            _ = try await app.store.createUnit(code: "X", name: "另一分局", kind: .bureau, parentCode: nil, cli)
            let hash = try await app.password.async.hash(Fixture.password)
            let chiefX = try await app.store.createAccount(NewAccount(username: "chiefX", displayName: "chiefX", role: .bureauLeader, unitCode: "X", householdID: nil),
                                                           passwordHash: hash, cli).caller(clientAddress: "t")
            let chiefB = try await app.store.createAccount(NewAccount(username: "chiefB", displayName: "chiefB", role: .bureauLeader, unitCode: "B", householdID: nil),
                                                           passwordHash: hash, cli).caller(clientAddress: "t")
            let adminB = try await app.store.credentials(username: "admin")!.account.caller(clientAddress: "t")
            try await app.store.updateWorkSettings(WorkSettings(careCadenceDays: [.elderlyAlone: 20], bureauAfterDays: 4), adminB)

            // Bureau X's leader sees only bureau X (its own account's creation), nothing of B.
            let xLines = try await app.store.auditEntries(.init(limit: 500), chiefX)
            #expect(!xLines.isEmpty && xLines.allSatisfy { !$0.summary.contains("甲街") && !$0.summary.contains("乙街") && $0.action != "settings.update" })
            // Bureau B's leader sees B's register lines, but not installation-wide settings.
            let bLines = try await app.store.auditEntries(.init(limit: 500), chiefB)
            #expect(bLines.contains { $0.action == "household.create" && $0.summary.contains("乙街2号") })
            #expect(!bLines.contains { $0.action == "settings.update" })
            // The administrator also reads the installation-wide lines.
            #expect(try await app.store.auditEntries(.init(action: "settings.update"), adminB).count == 1)
            _ = f
        }
    }

    @Test func verifyCatchesAnEditedRow() async throws {
        try await withJingmin { app, _ in
            try await (app.db as! any SQLDatabase).raw("UPDATE audit_log SET summary = 'nothing to see' WHERE id = 3").run()
            let verdict = try await app.store.verifyAudit()
            #expect(verdict.problem?.contains("#3") == true)
        }
    }

    @Test func verifyCatchesDeletedRowsInTheMiddleAndAtTheEnd() async throws {
        try await withJingmin { app, _ in
            let sql = app.db as! any SQLDatabase
            let last = try await app.store.auditEntries(.init(limit: 1), .commandLine(user: "t"))[0].seq
            try await sql.raw("DELETE FROM audit_log WHERE id = \(unsafeRaw: String(last))").run()
            #expect(try await app.store.verifyAudit().problem?.contains("removed") == true)
            try await sql.raw("DELETE FROM audit_log WHERE id = 4").run()
            #expect(try await app.store.verifyAudit().problem?.contains("missing") == true)
        }
    }

    @Test func theAuditPageIsForAdministratorsAndFilters() async throws {
        try await withJingmin { app, _ in
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/audit").status == .forbidden)
            let admin = try await WebSession.signedIn(app, "admin")
            let page = try await admin.get("/audit?action=user.create")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("user.create"))
            #expect(!page.body.string.contains("resident.create"))
        }
    }
}
