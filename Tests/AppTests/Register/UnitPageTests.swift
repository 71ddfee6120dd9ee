import Domain
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct UnitPageTests {
    @Test func anAdministratorAddsAGridUnderACommunity() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "admin")
            let community = try await app.store.unit(code: "SA-C", Caller.commandLine(user: "t"))
            try await web.get("/units/\(community.id)")
            let dup = try await web.post("/units/\(community.id)/children", ["code": "SA-G", "name": "重名网格", "kind": "grid"])
            #expect(dup.status == .unprocessableEntity && dup.body.string.contains("编码已被使用"))
            let res = try await web.post("/units/\(community.id)/children", ["code": "SA-G2", "name": "第二网格", "kind": "grid"])
            #expect(res.status == .seeOther)
            let grid = try await app.store.unit(code: "SA-G2", Caller.commandLine(user: "t"))
            #expect(grid.path == "/B/SA/SA-C/SA-G2/" && grid.kind == .grid)
            // An officer cannot.
            let officer = try await WebSession.signedIn(app, "officerA")
            try await officer.get("/units/\(f.gridA.id)")
            #expect(try await officer.post("/units/\(f.gridA.id)/children", ["code": "X", "name": "x", "kind": "grid"]).status == .forbidden)
        }
    }

    @Test func aStationLeaderNamesTheGridOfficerFromTheirOwnStationOnly() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "leaderA")
            let page = try await web.get("/units/\(f.gridA.id)")
            #expect(page.body.string.contains("officerA") && !page.body.string.contains("officerB"))
            let officerA = try await app.store.credentials(username: "officerA")!.account
            let officerB = try await app.store.credentials(username: "officerB")!.account
            let foreign = try await web.post("/units/\(f.gridA.id)/officer", ["officer": String(officerB.id)])
            #expect(foreign.status == .unprocessableEntity)
            #expect(try await web.post("/units/\(f.gridA.id)/officer", ["officer": String(officerA.id)]).status == .seeOther)
            #expect(try await web.get("/units/\(f.gridA.id)").body.string.contains("<strong id=\"officer\">officerA</strong>"))
        }
    }

    @Test func anOfficerRegistersAPlaceInTheirGrid() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "officerA")
            try await web.get("/units/\(f.gridA.id)")
            let bad = try await web.post("/units/\(f.gridA.id)/places", ["name": "", "kind": "casino", "address": "甲街9号"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("名称：必填"))
            #expect(try await web.post("/units/\(f.gridA.id)/places", ["name": "马小村群众聚堆点", "kind": "gathering_point", "address": "村委会广场"]).status == .seeOther)
            let page = try await web.get("/units/\(f.gridA.id)")
            #expect(page.body.string.contains("马小村群众聚堆点") && page.body.string.contains("群众聚堆点"))
            #expect(try await web.post("/units/\(f.gridB.id)/places", ["name": "越界", "kind": "school", "address": "乙街"]).status == .notFound)
        }
    }
}
