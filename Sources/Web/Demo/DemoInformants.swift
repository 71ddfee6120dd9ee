import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// Two 信息员 in the first grid, kept in touch by the demo officer: one called last week, with
    /// a clue that was verified and a reward; one not yet contacted.
    static func informants(_ store: Store, grid: Domain.Unit) async throws {
        let leader = try await store.credentials(username: "suozhang")!.account.caller(clientAddress: "demo")
        let officer = try await store.credentials(username: "minjing")!.account
        let households = try await store.households(gridID: grid.id, leader, limit: 10)
        guard households.count >= 8 else { return }
        var chosen: [Int64] = []
        for h in [households[2], households[7]] {
            if let r = try await store.residents(householdID: h.id, leader).first { chosen.append(r.id) }
        }
        guard chosen.count == 2 else { return }
        let officerCaller = officer.caller(clientAddress: "demo")
        for id in chosen {
            _ = try await store.saveInformant(InformantInput(residentID: id, areaUnitID: grid.id, contactOfficerID: officer.id, cadenceDays: 30), leader)
        }
        _ = try await store.recordInformantContact(residentID: chosen[0], InformantContactInput(kind: "phone", note: "了解菜市场周边近况"), officerCaller)
        let clue = try await store.createClue(ClueInput(gridID: grid.id, source: "informant", summary: "菜市场后巷有人夜间收购电动车电瓶，形迹可疑", informantID: chosen[0]), officerCaller)
        _ = try await store.setClueOutcome(id: clue.id, outcome: "verified", caseNumber: nil, leader)
        _ = try await store.recognizeInformant(residentID: chosen[0], RecognitionInput(kind: "reward", note: "提供线索，查获收赃窝点", amount: "500"), leader)
    }
}
