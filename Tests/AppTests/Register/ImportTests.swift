import Domain
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct ImportTests {
    let cli = Caller.commandLine(user: "test")
    let header = "grid_code,address,name,gender,birth_date,id_number,phone,tags\n"

    @Test func aFileWithAnyBadRowImportsNothingAndNamesEachProblem() async throws {
        try await withJingmin { app, _ in
            let csv = header
                + "SA-G,新村1号,好人,male,,110105195001010039,13800000000,\n"      // fine
                + "SA-G,新村2号,错位,male,,110105194912310021,,\n"                 // check digit
                + "XX-G,新村3号,无网格,female,,620522197801052058,,\n"             // unknown grid
                + "SA-G,新村4号,重复,female,,\(Fixture.idB),,\n"                    // already registered (station B)
            let before = try await app.store.counts(cli)
            await #expect {
                _ = try await app.store.importRegister(csv: csv, cli)
            } throws: { error in
                guard let f = error as? ValidationFailure else { return false }
                return f.errors == [
                    FieldError(field: "id_number", problem: .invalidIDCheckDigit, row: 3),
                    FieldError(field: "grid_code", problem: .unknownGrid, row: 4),
                    FieldError(field: "id_number", problem: .duplicateIDNumber, row: 5),
                ]
            }
            #expect(try await app.store.counts(cli) == before)
        }
    }

    @Test func anExportHoldsOnlyTheCallersJurisdiction() async throws {
        try await withJingmin { app, _ in
            let officerA = try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "test")
            var out = ""
            let n = try await app.store.exportRegister(officerA) { out += $0 }
            #expect(n == 1)
            #expect(out.contains(Fixture.idA) && !out.contains(Fixture.idB))
            let aux = try await app.store.credentials(username: "auxA")!.account.caller(clientAddress: "test")
            await #expect(throws: Forbidden.self) { _ = try await app.store.exportRegister(aux) { _ in } }
        }
    }

    @Test func wrongColumnsImportNothing() async throws {
        try await withJingmin { app, _ in
            let before = try await app.store.counts(cli)
            await #expect(throws: ValidationFailure.self) {
                _ = try await app.store.importRegister(csv: "name,phone\n张三,13800000000\n", cli)
            }
            #expect(try await app.store.counts(cli) == before)
        }
    }

    @Test func aGoodFileImportsAndExportsBackTheSameRows() async throws {
        try await withJingmin { app, _ in
            let csv = header
                + "SA-G,新村1号,张三,male,,110105195001010039,13800000000,veteran\n"
                + "SA-G,新村1号,李四,female,1978-01-05,620522197801052058,,\n"
                + "SA-G,甲街1号,王五,男,,\(RegisterCSV.idNumber(year: 1990, month: 5, day: 6, serial: 7, female: false)),,\n"
            let result = try await app.store.importRegister(csv: csv, cli)
            #expect(result.households == 2 && result.residents == 3)
            #expect(try await app.store.counts(cli).residents == 5)
            // "甲街1号" already existed: its new member joins that household.
            #expect(try await app.store.households(gridID: nil, cli).first { $0.address == "甲街1号" }?.residentCount == 2)
            var out = ""
            _ = try await app.store.exportRegister(cli) { out += $0 }
            #expect(out.hasPrefix(header))
            #expect(out.contains("SA-G,新村1号,张三,male,1950-01-01,110105195001010039,13800000000,veteran"))
        }
    }
}
