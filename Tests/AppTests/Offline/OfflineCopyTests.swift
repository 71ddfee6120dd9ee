import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

/// The copy an officer's phone keeps for work with no signal: their grid's households and
/// members, nothing of another station's, and never an ID number or a phone number.
@Suite struct OfflineCopyTests {
    @Test func theCopyHoldsTheOfficersGridsHouseholdsAndNoIDNumberOrPhone() async throws {
        try await withJingmin { app, f in
            let leader = try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            let officerA = try #require(try await app.store.credentials(username: "officerA")?.account)
            _ = try await app.store.saveInformant(InformantInput(residentID: f.residentA.id, areaUnitID: f.gridA.id, contactOfficerID: officerA.id), leader)

            let officer = try await WebSession.signedIn(app, "officerA")
            let res = try await officer.get("/offline/copy")
            #expect(res.status == .ok && res.headers.first(name: .cacheControl) == "no-store")
            let body = res.body.string
            #expect(body.contains("甲街1号") && body.contains("郭秀英") && body.contains("elderly_alone") && body.contains("走访"))
            #expect(!body.contains("乙街2号") && !body.contains("马建国"), "nothing of another station")
            for secret in [Fixture.idA, Fixture.phoneA, "138****", "5678", "002X", "1949"] {
                #expect(!body.contains(secret), "no ID number or phone, not even masked: \(secret)")
            }
            #expect(body.contains("informant"), "the informant's contact officer knows who they are")

            // The auxiliary of the same grid gets the same households, without the informant's tag.
            let aux = try await WebSession.signedIn(app, "auxA").get("/offline/copy").body.string
            #expect(aux.contains("郭秀英") && !aux.contains("informant"))

            // Signing out tells the browser to clear what the phone keeps.
            _ = try await officer.get("/field")
            let out = try await officer.post("/logout", [:])
            #expect(out.status == .seeOther, "\(out.status) \(out.body.string.prefix(200))")
            #expect(out.headers.first(name: "Clear-Site-Data") == "\"storage\"")

            // A resident has no field copy.
            #expect(try await WebSession.signedIn(app, "residentA").get("/offline/copy").status != .ok)
        }
    }

    @Test func theCopyIsCompressedOnTheWay() async throws {
        try await withJingmin { app, f in
            let session = try await WebSession.signedIn(app, "officerA")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: session.headers.first(name: .cookie) ?? "")
            headers.add(name: .acceptEncoding, value: "gzip")
            let res = try await app.client.get(URI(string: "http://127.0.0.1:\(port)/offline/copy"), headers: headers)
            await app.server.shutdown()
            #expect(res.status == .ok && res.headers.first(name: .contentEncoding) == "gzip")
        }
    }
}
