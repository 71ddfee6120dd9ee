import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// Two 双提升 rounds over the first two stations, 40 households per community drawn at
    /// random: last month's, answered by most, and this month's under way — some by phone, some
    /// on site, a few through their links; one household to call back this evening.
    static func surveys(_ store: Store) async throws {
        let chief = try await store.credentials(username: "juzhang")!.account.caller(clientAddress: "demo")
        let stations = try await store.units(chief).filter { $0.kind == .station }.prefix(2).map(\.id)
        let today = ChinaTime.day(store.now()), day = CivilDate.dayNumber(today)!
        var rng = SplitMix64(seed: 20261207)
        for (name, from, to, share, better) in [("上月双提升调查", day - 30, day, 80, 0), ("本月双提升调查", day, day + 30, 30, 6)] {
            let round = try await store.createRound(RoundInput(name: name, questionnaireID: 1, startDate: CivilDate.iso(dayNumber: from), endDate: CivilDate.iso(dayNumber: to),
                                                               unitIDs: stations, mode: "random", perCommunity: 40, seed: UInt64(from), maxAttempts: 3), chief)
            let samples = try await store.callList(roundID: round.id, chief, limit: 10_000).due
            var links: [Int64: String] = [:]
            for l in try await store.surveyLinks(roundID: round.id, issue: true, chief) { links[l.sampleID] = l.token }
            for s in samples where Int(rng.next() % 100) < share {
                let roll = Int(rng.next() % 100)
                var a: [String: [String]] = [
                    "security": [roll < 55 + better ? "safe" : roll < 85 + better ? "fairly_safe" : roll < 94 ? "not_very_safe" : roll < 97 ? "unsafe" : "unsure"],
                    "satisfaction": [roll < 50 + better ? "satisfied" : roll < 82 + better ? "fairly_satisfied" : roll < 92 ? "not_very_satisfied" : roll < 95 ? "unsatisfied" : "unaware"],
                    "sees_police": [["often", "sometimes", "rarely", "never"][Int(rng.next() % 4)]],
                    "knows_officer": [roll % 3 == 0 ? "no" : "yes"],
                ]
                if roll % 3 != 0 { a["officer_visited"] = [roll % 4 == 0 ? "no" : "yes"]; a["officer_rating"] = [String(3 + roll % 3)] }
                if roll % 5 == 0 { a["concerns"] = ["fraud", "theft"] }
                if roll % 17 == 0 { a["suggestion"] = ["希望晚上多一些巡逻，小区后门路灯太暗"] }
                switch roll % 10 {
                case 0: try await store.answerByLink(token: links[s.id]!, a, clientAddress: "demo")
                case 1, 2: _ = try await store.saveSurveyAnswers(sampleID: s.id, channel: .onSite, a, chief)
                default: _ = try await store.saveSurveyAnswers(sampleID: s.id, channel: .phone, a, chief)
                }
            }
            // This month's list has tries behind it: a no-answer, a refusal, a callback this evening.
            guard share < 50 else { continue }
            let pending = try await store.callList(roundID: round.id, chief, limit: 3).due
            guard pending.count == 3 else { continue }
            _ = try await store.recordCall(sampleID: pending[0].id, outcome: "no_answer", callbackAt: nil, note: "", chief)
            _ = try await store.recordCall(sampleID: pending[1].id, outcome: "refused", callbackAt: nil, note: "称工作忙", chief)
            _ = try await store.recordCall(sampleID: pending[2].id, outcome: "callback", callbackAt: store.now().addingTimeInterval(8 * 3600), note: "晚上八点后方便", chief)
        }
    }
}
