import Domain
import Foundation
import Testing

@Suite struct PublicityRulesTests {
    func fields(_ r: Result<ValidPublicity, ValidationFailure>) -> [String] { if case .failure(let f) = r { f.errors.map(\.field) } else { [] } }

    @Test func anEventNeedsItsPlaceAndOnlinePublicityItsChannelAndPosts() throws {
        let event = try PublicityRules.validate(PublicityInput(kind: "event", topic: "anti_fraud", heldOn: "2026-04-05", unitID: 1, place: "菜市场门口",
                                                               audience: 300, leaflets: 5000), today: "2026-04-06").get()
        #expect(event.leaflets == 5000 && event.channel == nil && event.posts == 0)
        let online = try PublicityRules.validate(PublicityInput(kind: "online", topic: "anti_fraud", heldOn: "2026-04-05", unitID: 1, channel: "douyin", posts: 3),
                                                 today: "2026-04-05").get()
        #expect(online.posts == 3 && online.views == nil, "views unknown stay unknown, not zero")
        #expect(fields(PublicityRules.validate(PublicityInput(kind: "event", topic: "fire", heldOn: "2026-04-05", unitID: 1), today: "2026-04-05")) == ["place"])
        #expect(fields(PublicityRules.validate(PublicityInput(kind: "online", topic: "fire", heldOn: "2026-04-05", unitID: 1, posts: 0), today: "2026-04-05")) == ["channel", "posts"])
        #expect(fields(PublicityRules.validate(PublicityInput(kind: "online", topic: "fire", heldOn: "2026-04-05", unitID: 1, leaflets: 5, channel: "wechat", posts: 1),
                                               today: "2026-04-05")) == ["audience"])
    }

    @Test func countsAreNeverNegativeAndTheDayNeverAhead() {
        let r = PublicityRules.validate(PublicityInput(kind: "event", topic: "drugs", heldOn: "2026-04-07", unitID: 1, place: "学校", audience: -1), today: "2026-04-06")
        guard case .failure(let f) = r else { Issue.record("accepted"); return }
        #expect(f.errors.map(\.problem) == [.inFuture, .negativeAmount])
        #expect(fields(PublicityRules.validate(PublicityInput(kind: "leaflet", topic: "x", heldOn: "2026-13-01", unitID: 1), today: "2026-04-06")) == ["kind", "topic", "heldOn"])
    }
}
