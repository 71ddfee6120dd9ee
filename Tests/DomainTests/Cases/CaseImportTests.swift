import Foundation
import Testing
@testable import Domain

@Suite struct CaseImportTests {
    static let header = "case_number,case_type,occurred_at,address,grid_code,case_unit,victim_name,victim_id_number,victim_phone,victim_address"
    let reach = CaseImport.Reach(gridCodes: ["G1", "G2"], unitCodes: ["S1"], gridOfAddress: ["幸福路3号": "G2"])

    @Test func victimsOfOneCaseShareItAndAGridComesFromAUniqueAddress() throws {
        let csv = """
            \(Self.header)
            A001,盗窃,2026-11-20 22:10,幸福路3号,,S1,郭秀英,11010519491231002X,13812345678,幸福路3号
            A001,theft,2026-11-20T22:10,幸福路3号,,S1,马建国,110105195001010020,,幸福路3号
            A002,家暴,2026-11-21,建设路1号,G1,S1,李强,110105198001010016,,
            """
        let plan = try CaseImport.plan(csv: csv, reach: reach).get()
        #expect(plan.cases.map(\.number) == ["A001", "A002"] && plan.cases[0].gridCode == "G2" && plan.victims.count == 3)
        #expect(plan.cases[1].type.isSensitive && !plan.cases[0].type.isSensitive)
        #expect(ChinaTime.minute(plan.cases[0].occurredAt) == "2026-11-20 22:10")
    }

    @Test func everyProblemIsNamedByRowAndColumnAndNothingIsPlanned() {
        let csv = """
            \(Self.header)
            A001,盗窃,2026-11-20,幸福路3号,G1,S1,郭秀英,110105194912310021,,
            A002,纵火,2026-11-20,无名路,,S9,,110105195001010020,123,
            A003,盗窃,2026-11-20,幸福路3号,G1,S1,甲,110105195001010020,,
            A003,诈骗,2026-11-20,幸福路3号,G1,S1,乙,110105198001010016,,
            """
        guard case .failure(let f) = CaseImport.plan(csv: csv, reach: reach) else { Issue.record("a bad file was planned"); return }
        let found = Set(f.errors.map { "\($0.row!) \($0.field) \($0.problem)" })
        #expect(found == ["2 victim_id_number invalidIDCheckDigit", "3 case_type invalidChoice", "3 case_unit unknownUnit", "3 grid_code unknownGrid",
                          "3 victim_name required", "3 victim_phone invalidPhone", "5 case_number inconsistentCase"])
    }

    @Test func theVisitIsDueAtTheEndOfTheSeventhDayAndListsMaskTheName() {
        let imported = Date(timeIntervalSince1970: 1_795_397_400)   // Monday 2026-11-23 09:30 China time
        #expect(ChinaTime.second(VictimVisitRules.due(importedAt: imported, days: 7)) == "2026-11-30 23:59:59")
        #expect(VictimVisitRules.maskedName("郭秀英") == "郭*英" && VictimVisitRules.maskedName("李强") == "李*" && VictimVisitRules.maskedName("欧阳娜娜") == "欧**娜")
    }

    @Test func aVisitNeedsAMethodAndASatisfaction() throws {
        #expect(throws: ValidationFailure(field: "satisfaction", .invalidChoice)) { try VictimVisitRules.validate(VictimVisitInput(method: "phone", satisfaction: "ok")).get() }
        #expect(throws: ValidationFailure(field: "method", .invalidChoice)) { try VictimVisitRules.validate(VictimVisitInput(method: "letter", satisfaction: "satisfied")).get() }
        let v = try VictimVisitRules.validate(VictimVisitInput(method: "in_person", satisfaction: "dissatisfied", needs: ["  ", "希望尽快追回被盗电动车"])).get()
        #expect(v.needs == ["希望尽快追回被盗电动车"] && v.satisfaction == .dissatisfied)
    }
}
