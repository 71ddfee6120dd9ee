import Domain
import Foundation
@testable import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Backup and restore round trip on SQLite (PostgreSQL's pg_dump/pg_restore path runs in
/// scripts/two_schedulers.sh against a real cluster).
@Suite struct BackupTests {
    let cli = Caller.commandLine(user: "t")

    func households(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("households").first()!.decode(column: "n", as: Int.self)
    }

    @Test(.enabled(if: isSQLiteRun)) func aRestoreBringsBackExactlyWhatTheBackupHeld() async throws {
        try await withJingmin { app, f in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("jingmin-backup-\(UUID().uuidString).sqlite").path
            defer { for p in [file, file + ".manifest.json"] { try? FileManager.default.removeItem(atPath: p) } }
            let (round, leader) = try await SurveyCallTests.round(app, f)
            let samples = try await app.store.callList(roundID: round.id, leader).due
            _ = try await app.store.saveSurveyAnswers(sampleID: samples[0].id, channel: .onSite, SurveyCallTests.valid, leader)
            let manifest = try await app.store.backupSQLite(to: file, cli)
            #expect(manifest.counts["households"] == 3 && manifest.counts["residents"] == 2 && manifest.auditEntries > 10)
            await #expect(throws: BackupFailure.self) { try await app.store.backupSQLite(to: file, cli) }   // never overwrites

            // Life goes on after the backup…
            _ = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街99号", cli)
            _ = try await app.store.saveSurveyAnswers(sampleID: samples[1].id, channel: .onSite, SurveyCallTests.valid, leader)
            #expect(try await households(app) == 4)
            // …and the restore brings the database back to the backup, audit chain intact.
            let restored = try await app.store.restoreSQLite(from: file, cli)
            #expect(restored.counts == manifest.counts && restored.auditEntries == manifest.auditEntries)
            #expect(try await households(app) == 3)
            let results = try await app.store.roundResults(id: round.id, leader)
            #expect(results.total.tally.completed == 1 && results.questions.first { $0.key == "security" }?.counts.first { $0.code == "safe" }?.count == 1,
                    "each question's counts are counted again from the answers restored")
            let bureau = try await app.store.unit(code: "B", cli)
            #expect(try await app.store.figureCounts(FigureScope(unit: bureau, period: .month(of: app.store.now())), cli).households == 3,
                    "the dashboard's rollups are counted again from what was restored")
            #expect(try await app.store.verifyAudit().problem == nil)
            #expect(try await app.store.auditEntries(.init(action: "database.restore"), cli).count == 1, "the restore is on the record")
            #expect(try await app.store.resident(id: f.residentA.id, cli).name == "郭秀英", "encrypted fields read back with the same key")
        }
    }

    @Test(.enabled(if: isSQLiteRun)) func aTamperedBackupIsRefusedAndChangesNothing() async throws {
        try await withJingmin { app, f in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("jingmin-backup-\(UUID().uuidString).sqlite").path
            defer { for p in [file, file + ".manifest.json"] { try? FileManager.default.removeItem(atPath: p) } }
            _ = try await app.store.backupSQLite(to: file, cli)
            try await Store.withSQLiteFile(file) { db in try await db.raw("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2").run() }
            _ = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲街99号", cli)
            await #expect(throws: BackupFailure.self) { try await app.store.restoreSQLite(from: file, cli) }
            #expect(try await households(app) == 3, "the live database is untouched")
        }
    }
}
