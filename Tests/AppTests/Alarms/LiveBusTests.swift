import Foundation
import NIOConcurrencyHelpers
import Persistence
import Testing

/// The live bus wakes the pages of a topic, counts its changes, and lets the pages of a group
/// share one snapshot per change.
@Suite struct LiveBusTests {
    @Test func aChangeWakesItsTopicsPagesAndMovesTheirVersion() async {
        let bus = LiveBus(channel: "test")
        let (a, groupPage) = bus.subscribe(["g1"]), (b, deskPage) = bus.subscribe(["/B/S/"]), (c, otherPage) = bus.subscribe(["g2"])
        #expect(bus.version(["g1"]) == 0)
        bus.publish(["g1", "/", "/B/", "/B/S/"])
        #expect(await wakes(groupPage))
        #expect(await wakes(deskPage))
        #expect(await !wakes(otherPage, within: 0.3))
        #expect(bus.version(["g1"]) == 1 && bus.version(["g2"]) == 0)
        // A heartbeat wakes everyone and changes no version: the page sends a keep-alive only.
        let (d, again) = bus.subscribe(["g2"])
        bus.wakeAll()
        #expect(await wakes(again))
        #expect(bus.version(["g2"]) == 0)
        for id in [a, b, c, d] { bus.unsubscribe(id) }
        #expect(bus.listening == 0)
    }

    @Test func theNinePagesOfAGroupShareOneSnapshotPerChange() async throws {
        let bus = LiveBus(channel: "test"), made = NIOLockedValueBox(0)
        let (id, _) = bus.subscribe(["g1"])
        func nine(_ version: UInt64) async throws -> Set<Data> {
            try await withThrowingTaskGroup(of: Data.self) { group in
                for _ in 0..<9 {
                    group.addTask {
                        try await bus.snapshot(key: "g1|zh-Hans", version: version) {
                            let n = made.withLockedValue { $0 += 1; return $0 }
                            try await Task.sleep(for: .milliseconds(50))
                            return Data("snapshot \(n)".utf8)
                        }
                    }
                }
                return try await group.reduce(into: Set<Data>()) { $0.insert($1) }
            }
        }
        #expect(try await nine(bus.version(["g1"])) == [Data("snapshot 1".utf8)])
        bus.publish(["g1"])
        #expect(try await nine(bus.version(["g1"])) == [Data("snapshot 2".utf8)], "after a change, made again once")
        #expect(made.withLockedValue { $0 } == 2)
        bus.unsubscribe(id)
    }
}
