import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct PersonalDataTests {
    @Test func theSQLiteFileHoldsNoPlaintextIDNumberOrPhone() async throws {
        guard isSQLiteRun else { return }
        try await withJingmin { app, f in
            // A crime victim and a dispute's outside party carry numbers too.
            let cli = Caller.commandLine(user: "t")
            _ = try await app.store.importCases(csv: """
                case_number,case_type,occurred_at,address,grid_code,case_unit,victim_name,victim_id_number,victim_phone,victim_address
                SA-1,盗窃,2026-11-20,甲街1号,SA-G,SA,王小红,110105198001010016,13655554444,甲街3号
                """, cli)
            _ = try await app.store.createDispute(DisputeInput(typeCode: "neighbour", summary: "争执", gridID: f.gridA.id, risk: "low", source: "walk_in",
                                                               parties: [PartyInput(name: "外来人员", phone: "13766665555", side: "applicant")]),
                                                  try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t"))
            try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            guard case .sqlite(let path) = app.settings.database else { Issue.record("not SQLite"); return }
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes += (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
            for secret in [Fixture.idA, Fixture.idB, Fixture.phoneA, "110105198001010016", "13655554444", "13766665555"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database file")
            }
            // …while the register still finds and shows them.
            #expect(f.residentA.idNumberMasked == "1101**********002X")
        }
    }

    @Test func screensShowMaskedNumbersAndARevealIsAudited() async throws {
        try await withJingmin { app, f in
            let officer = try await app.bearer("officerA")
            let shown = try await app.get("/api/v1/residents/\(f.residentA.id)", officer)
            #expect(!shown.body.string.contains(Fixture.idA))
            #expect(try shown.content.decode(ResidentView.self).phoneMasked == "138****5678")
            let revealed = try await app.testing().sendRequest(.POST, "/api/v1/residents/\(f.residentA.id)/reveal", headers: officer)
            let plain = try revealed.content.decode(RevealedPersonalData.self)
            #expect(plain.idNumber == Fixture.idA && plain.phone == Fixture.phoneA)
            let audit = try await app.store.auditEntries(.init(action: "resident.reveal"), .commandLine(user: "t"))
            #expect(audit.count == 1 && audit[0].actor == "officerA" && audit[0].objectID == String(f.residentA.id))
        }
    }

    @Test func anAuxiliaryMayNotRevealAndAForeignOfficerGets404() async throws {
        try await withJingmin { app, f in
            let aux = try await app.bearer("auxA")
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/residents/\(f.residentA.id)/reveal", headers: aux).status == .forbidden)
            let officerB = try await app.bearer("officerB")
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/residents/\(f.residentA.id)/reveal", headers: officerB).status == .notFound)
            #expect(try await app.store.auditEntries(.init(action: "resident.reveal"), .commandLine(user: "t")).isEmpty)
        }
    }

    @Test func searchFindsAFullIDNumberThroughItsKeyedHash() async throws {
        try await withJingmin { app, f in
            let officer = try await app.bearer("officerA")
            let lower = Fixture.idA.lowercased()
            let res = try await app.get("/api/v1/residents?q=\(lower)", officer)
            #expect(try res.content.decode([ResidentView].self).map(\.id) == [f.residentA.id])
        }
    }

    @Test func aSecondPersonWithTheSameIDNumberIsRefusedEvenFromAnotherStation() async throws {
        try await withJingmin { app, f in
            let officerB = try await app.bearer("officerB")
            let res = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: officerB, beforeRequest: { req in
                try req.content.encode(["householdID": .int(f.householdB.id), "name": "冒名", "gender": "female", "idNumber": .string(Fixture.idA)] as [String: AnyEncodableValue], as: .json)
            })
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("duplicateIDNumber"))
            #expect(res.body.string.contains("该身份证号已登记"))
        }
    }
}
