import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Seed 004's publicity — "發放宣傳單5000余張", "專題防騙系列短視頻3部" — recorded on the pages and
/// read back on the dashboard, each number leading to its records.
@Suite(.serialized) struct PublicityScenarioTests {
    func count(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("publicity").first()!.decode(column: "n", as: Int.self)
    }

    @Test func leafletsAndVideosAddUpOnTheDashboardAndBadInputStoresNothing() async throws {
        try await withJingmin { app, f in
            let officer = try await WebSession.signedIn(app, "officerA")
            _ = try await officer.get("/publicity")
            let day = ChinaTime.day(TestClock.reference)
            // Bad input first: a negative audience, online without a channel, a day ahead, another station's unit.
            let negative = try await officer.post("/publicity", ["kind": "event", "topic": "anti_fraud", "heldOn": day, "unitID": String(f.gridA.id), "place": "菜市场", "audience": "-3"])
            #expect(negative.status == .unprocessableEntity && negative.body.string.contains("受众（人）：不能为负数"))
            let ahead = try await officer.post("/publicity", ["kind": "online", "topic": "anti_fraud", "heldOn": ChinaTime.day(TestClock.reference.addingTimeInterval(86400 * 2)),
                                                              "unitID": String(f.gridA.id), "posts": "1"])
            #expect(ahead.status == .unprocessableEntity && ahead.body.string.contains("渠道") && ahead.body.string.contains("日期"))
            let foreign = try await officer.post("/publicity", ["kind": "event", "topic": "fire", "heldOn": day, "unitID": String(f.gridB.id), "place": "乙街"])
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("单位不存在或不在辖区内"))
            #expect(try await count(app) == 0)

            for (place, leaflets) in [("菜市场门口", "2000"), ("建设路小学", "3000")] {
                let r = try await officer.post("/publicity", ["kind": "event", "topic": "anti_fraud", "heldOn": day, "unitID": String(f.gridA.id), "place": place,
                                                              "audience": "150", "leaflets": leaflets, "officers": "2"])
                #expect(r.status == .seeOther)
            }
            let video = try await officer.post("/publicity", ["kind": "online", "topic": "anti_fraud", "heldOn": day, "unitID": String(f.gridA.id), "channel": "douyin",
                                                              "posts": "3", "summary": "专题防骗系列短视频"])
            #expect(video.status == .seeOther)
            #expect(try await officer.get(try #require(video.headers.first(name: .location))).body.string.contains("抖音"))

            let station = try await app.store.unit(code: "SA", .commandLine(user: "t"))
            let query = "unit=\(station.id)&from=\(day)&to=\(day)"
            let page = try await WebSession.signedIn(app, "leaderA").get("/dashboard?\(query)").body.string
            let tile = { (f: Figure) in page.range(of: "id=\"fig-\(f.rawValue)\"").map { String(page[$0.upperBound...].prefix(300)) } ?? "" }
            #expect(tile(.leaflets).contains(">5000<") && tile(.onlinePosts).contains(">3<") && tile(.publicityEvents).contains(">2<") && tile(.publicityAudience).contains(">300<"))
            let token = try await app.bearer("leaderA")
            let events = try await app.get("/api/v1/publicity?show=event&\(query)", token).content.decode([PublicityView].self)
            let online = try await app.get("/api/v1/publicity?show=online&\(query)", token).content.decode([PublicityView].self)
            #expect(events.map(\.leaflets).reduce(0, +) == 5000 && events.count == 2 && online.map(\.posts) == [3])
            // Another station sees none of it.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/publicity/\(events[0].id)", other).status == .notFound)
            #expect(try await app.get("/api/v1/publicity?show=all", other).body.string == "[]")
        }
    }
}
