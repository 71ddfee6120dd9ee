import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Cases from the records system to every victim visited: the import, the tasks, the visit,
/// the coverage and its gaps, and who may see a sensitive case's victim.
@Suite(.serialized) struct VictimScenarioTests {
    let cli = Caller.commandLine(user: "t")
    static let header = "case_number,case_type,occurred_at,address,grid_code,case_unit,victim_name,victim_id_number,victim_phone,victim_address"

    func caller(_ app: Application, _ username: String) async throws -> Caller {
        try await app.store.credentials(username: username)!.account.caller(clientAddress: "t")
    }

    /// A valid ID number for serial `i` (born 1980-01-01 + i days), computed with its check digit.
    static func idNumber(_ i: Int) -> String {
        let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: i % 9000, to: Date(timeIntervalSince1970: 315_532_800))!
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: day)
        let body = String(format: "110105%04d%02d%02d%03d", c.year!, c.month!, c.day!, i % 1000)
        return body + String(IDNumber.checkCharacter(for: body)!)
    }

    @Test func importedVictimsAreVisitedAndCoverageReachesAHundred() async throws {
        try await withJingmin { app, f in
            let officer = try await caller(app, "officerA")
            try await app.store.setResponsibleOfficer(gridID: f.gridA.id, userID: officer.userID!, cli)
            let day = ChinaTime.day(TestClock.reference)
            let csv = """
                \(Self.header)
                SA-2026-001,盗窃,\(day) 02:10,甲街1号,SA-G,SA,郭秀英,\(Fixture.idA),13812345678,甲街1号
                SA-2026-001,盗窃,\(day) 02:10,甲街1号,SA-G,SA,王小红,\(Self.idNumber(1)),13900001111,甲街3号
                SA-2026-002,家暴,\(day) 05:00,甲街5号,SA-G,SA,刘某某,\(Self.idNumber(2)),,甲街5号
                """
            let leader = try await app.bearer("leaderA")
            var headers = leader
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            let first = try await app.testing().sendRequest(.PUT, "/api/v1/cases", headers: headers, body: ByteBuffer(string: csv))
            #expect(first.status == .ok)
            #expect(try first.content.decode(CaseImportResult.self) == CaseImportResult(casesAdded: 2, casesUpdated: 0, victimsAdded: 3))
            // The registered victim is linked to the register; each victim has one task, for the grid's officer, due in 7 days.
            let all = try await app.store.victims(VictimFilter(show: .all), try await caller(app, "leaderA"))
            #expect(all.count == 3 && all.allSatisfy { $0.assigneeID == officer.userID && ChinaTime.day($0.dueAt) == ChinaTime.day(TestClock.reference.addingTimeInterval(7 * 86400)) })
            #expect(all.first { $0.name == "郭秀英" }?.residentID == f.residentA.id)
            // Imported again: nothing changes, not even the audit log.
            let audits = try await count(app, "audit_log")
            let again = try await app.testing().sendRequest(.PUT, "/api/v1/cases", headers: headers, body: ByteBuffer(string: csv))
            #expect(try again.content.decode(CaseImportResult.self) == CaseImportResult(casesAdded: 0, casesUpdated: 0, victimsAdded: 0))
            #expect(try await count(app, "case_victims") == 3)
            #expect(try await count(app, "audit_log") == audits)

            // The sensitive case's victim: the leader and the visiting officer see her; the auxiliary never does, nor an officer's export.
            let aux = try await caller(app, "auxA")
            #expect(try await app.store.victims(VictimFilter(show: .all), aux).map(\.name).sorted() == ["王小红", "郭秀英"])
            let sensitive = try #require(all.first { $0.sensitive })
            #expect(try await app.get("/api/v1/victims/\(sensitive.id)", try await app.bearer("auxA")).status == .notFound)
            #expect(try await app.store.victim(id: sensitive.id, officer).name == "刘某某")
            let export = try await WebSession.signedIn(app, "officerA").get("/victims/export?format=csv&show=all").body.string
            #expect(export.contains("郭*英") && !export.contains("刘*某") && !export.contains("郭秀英"))

            // Coverage: the officer visits two; one left shows below 100 % and is listed by masked name.
            let station = try await app.store.unit(code: "SA", cli)
            let scope = FigureScope(unit: station, period: Period.days(from: day, to: day)!)
            for v in all where v.name != "王小红" {
                _ = try await app.store.recordVictimVisit(id: v.id, VictimVisitInput(method: "in_person", satisfaction: "satisfied", advice: "提醒安装防盗门锁"), officer)
            }
            var counts = try await app.store.figureCounts(scope, try await caller(app, "leaderA"))
            #expect(counts.victims == 3 && counts.victimsVisited == 2 && counts.text(.victimCoverage) == "66.6%")
            let leaderWeb = try await WebSession.signedIn(app, "leaderA")
            let gaps = try await leaderWeb.get("/victims?show=unvisited&unit=\(station.id)&from=\(day)&to=\(day)").body.string
            #expect(gaps.contains("王*红") && !gaps.contains("郭*英") && gaps.contains("66.6%"))
            // The leader visits the last one himself: leader-led, dissatisfied (the station leaders are told), a need becomes a request.
            let last = try #require(all.first { $0.name == "王小红" })
            try await leaderWeb.get("/victims/\(last.id)")
            let visit = try await leaderWeb.post("/victims/\(last.id)/visit", ["method": "phone", "satisfaction": "dissatisfied", "need[]": "希望尽快追回被盗电动车"])
            #expect(visit.status == .seeOther)
            counts = try await app.store.figureCounts(scope, try await caller(app, "leaderA"))
            #expect(counts.text(.victimCoverage) == "100.0%" && counts.leaderLedVictimVisits == 1)
            #expect(try await app.store.victims(VictimFilter(show: .unvisited, unitID: station.id, period: scope.period), try await caller(app, "leaderA")).isEmpty)
            #expect(try await app.store.inbox(try await caller(app, "leaderA")).contains { $0.kind == "victim.dissatisfied" })
            #expect(try await app.store.requests(RequestFilter(show: .all), try await caller(app, "leaderA")).contains { $0.description == "希望尽快追回被盗电动车" })
            // Visited once only.
            await #expect(throws: ValidationFailure(field: "method", .notAllowedNow)) {
                _ = try await app.store.recordVictimVisit(id: last.id, VictimVisitInput(method: "phone", satisfaction: "satisfied"), officer)
            }
            // Another station sees none of it.
            #expect(try await app.get("/api/v1/victims?show=all", try await app.bearer("officerB")).body.string == "[]")
        }
    }

    /// Seed-scale: 10,000 cases with 12,000 victims. One bad check digit imports nothing and is named;
    /// fixed, every victim gets exactly one task; imported again, nothing changes.
    @Test func tenThousandCasesWithOneBadRowImportNothingThenAllOnce() async throws {
        try await withJingmin { app, f in
            let day = ChinaTime.day(TestClock.reference)
            var lines = [Self.header]
            for i in 0..<10_000 {
                let victims = i % 10 == 0 ? 3 : 1   // 1,000 cases with three victims: 12,000 in all
                for v in 0..<victims {
                    lines.append("SA-\(i),盗窃,\(day),甲街\(i)号,SA-G,SA,被害人\(i)-\(v),\(Self.idNumber(i * 3 + v)),,")
                }
            }
            #expect(lines.count == 12_001)
            // Row 7,778 of the file (line 7,777 after the header): its check digit made wrong.
            var bad = lines
            var cells = bad[7_777].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[7] = String(cells[7].dropLast()) + (cells[7].last == "0" ? "1" : "0")
            bad[7_777] = cells.joined(separator: ",")
            await #expect(throws: ValidationFailure([FieldError(field: "victim_id_number", problem: .invalidIDCheckDigit, row: 7_778)])) {
                _ = try await app.store.importCases(csv: bad.joined(separator: "\n"), cli)
            }
            #expect(try await count(app, "cases") == 0)
            #expect(try await count(app, "case_victims") == 0)
            let csv = lines.joined(separator: "\n")
            #expect(try await app.store.importCases(csv: csv, cli) == CaseImportResult(casesAdded: 10_000, casesUpdated: 0, victimsAdded: 12_000))
            let tasks = try await (app.db as! any SQLDatabase).select().column(SQLRaw("COUNT(DISTINCT id) AS n")).from("case_victims").where(SQLRaw("due_at IS NOT NULL")).first()!
                .decode(column: "n", as: Int.self)
            #expect(tasks == 12_000)
            #expect(try await app.store.importCases(csv: csv, cli) == CaseImportResult(casesAdded: 0, casesUpdated: 0, victimsAdded: 0))
            // A changed case is updated, and audited.
            var changed = lines
            changed[1] = changed[1].replacingOccurrences(of: "甲街0号", with: "甲街0号院")
            for i in 2...3 { changed[i] = changed[i].replacingOccurrences(of: "甲街0号", with: "甲街0号院") }
            #expect(try await app.store.importCases(csv: changed.joined(separator: "\n"), cli) == CaseImportResult(casesAdded: 0, casesUpdated: 1, victimsAdded: 0))
            _ = f
        }
    }
}
