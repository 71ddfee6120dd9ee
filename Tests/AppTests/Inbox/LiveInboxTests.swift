import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct LiveInboxTests {
    @Test func aNewRequestWakesTheStationLeadersLiveInboxAfterItIsCommitted() async throws {
        try await withJingmin { app, f in
            let listener = LiveListener()
            try await listener.didBootAsync(app)   // PostgreSQL: LISTEN on its own connection; SQLite: nothing to start
            if !isSQLiteRun { try await Task.sleep(for: .milliseconds(300)) }
            let leader = try await app.store.credentials(username: "leaderA")!.account
            let officerB = try await app.store.credentials(username: "officerB")!.account
            let (idQuiet, quiet) = app.store.inboxBus.subscribe([String(leader.id)])
            // Refused input writes nothing and wakes nobody.
            _ = try? await app.store.createRequest(RequestInput(categoryCode: "", description: "无类别", address: "甲街1号"), origin: RequestOrigin(channel: .portal),
                                                   try await app.store.credentials(username: "residentA")!.account.caller(clientAddress: "t"))
            #expect(await !wakes(quiet, within: 0.5))
            app.store.inboxBus.unsubscribe(idQuiet)

            let (idA, changesA) = app.store.inboxBus.subscribe([String(leader.id)])
            let (idB, changesB) = app.store.inboxBus.subscribe([String(officerB.id)])

            _ = try await app.store.createRequest(RequestInput(categoryCode: "traffic", description: "路灯坏了", address: "甲街1号"), origin: RequestOrigin(channel: .portal),
                                                  try await app.store.credentials(username: "residentA")!.account.caller(clientAddress: "t"))
            #expect(await wakes(changesA), "the leader's page is woken")
            #expect(try await app.store.inboxHead(leader.caller(clientAddress: "t")).unread == 1, "and the notice is already readable then")
            #expect(await !wakes(changesB, within: 0.5), "another station's officer is not")
            app.store.inboxBus.unsubscribe(idA)
            app.store.inboxBus.unsubscribe(idB)
            #expect(app.store.inboxBus.listening == 0)
            await listener.shutdownAsync(app)
        }
    }
}
