import Domain
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct JurisdictionTests {
    @Test func anOfficerOfStationAGets404ForAResidentOfStationB() async throws {
        try await withJingmin { app, f in
            let officerA = try await app.bearer("officerA")
            #expect(try await app.get("/api/v1/residents/\(f.residentA.id)", officerA).status == .ok)
            #expect(try await app.get("/api/v1/residents/\(f.residentB.id)", officerA).status == .notFound)
            #expect(try await app.get("/api/v1/households/\(f.householdB.id)", officerA).status == .notFound)
            #expect(try await app.get("/api/v1/units/\(f.gridB.id)", officerA).status == .notFound)
            let web = try await WebSession.signedIn(app, "officerA")
            #expect(try await web.get("/residents/\(f.residentB.id)").status == .notFound)
            #expect(try await web.get("/residents/\(f.residentA.id)").status == .ok)
        }
    }

    @Test func foreignResidentsNeverAppearInListsSearchesOrCounts() async throws {
        try await withJingmin { app, f in
            let officerA = try await app.bearer("officerA")
            // Search by the foreign resident's exact ID number, phone and name.
            for q in [Fixture.idB, "13912345678", "马建国", "乙街"] {
                let res = try await app.get("/api/v1/residents?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", officerA)
                #expect(try res.content.decode([ResidentView].self).isEmpty, "search \(q)")
            }
            let own = try await app.get("/api/v1/residents?q=\(Fixture.idA)", officerA)
            #expect(try own.content.decode([ResidentView].self).map(\.id) == [f.residentA.id])
            let counts = try await app.get("/api/v1/register/counts", officerA).content.decode(RegisterCounts.self)
            #expect(counts.households == 1 && counts.residents == 1)
            let households = try await app.get("/api/v1/households", officerA).content.decode([HouseholdView].self)
            #expect(households.map(\.id) == [f.householdA.id])
            let units = try await app.get("/api/v1/units", officerA).content.decode([Domain.Unit].self)
            #expect(!units.contains { $0.id == f.gridB.id })
            // The bureau sees both.
            let admin = try await app.bearer("admin")
            #expect(try await app.get("/api/v1/register/counts", admin).content.decode(RegisterCounts.self).residents == 2)
        }
    }

    @Test func stationsWhoseCodesShareAPrefixStaySeparate() async throws {
        try await withJingmin { app, _ in
            let cli = Caller.commandLine(user: "t")
            for code in ["SA0", "SA-X", "SAB"] {   // sort just around "SA/" — none is inside station SA
                _ = try await app.store.createUnit(code: code, name: code, kind: .station, parentCode: "B", cli)
                _ = try await app.store.createUnit(code: "\(code)-C", name: code, kind: .community, parentCode: code, cli)
                let grid = try await app.store.createUnit(code: "\(code)-G", name: code, kind: .grid, parentCode: "\(code)-C", cli)
                _ = try await app.store.createHousehold(gridID: grid.id, address: "\(code) 1号", cli)
            }
            let leaderA = try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            #expect(try await app.store.counts(leaderA).households == 1)
            #expect(try await app.store.units(leaderA).map(\.code) == ["SA", "SA-C", "SA-G"])
        }
    }

    @Test func anOfficerCannotWriteIntoAnotherStation() async throws {
        try await withJingmin { app, f in
            let officerA = try await app.bearer("officerA")
            let res = try await app.testing().sendRequest(.POST, "/api/v1/households", headers: officerA, beforeRequest: { req in
                try req.content.encode(["gridID": .int(f.gridB.id), "address": "闯入街1号"] as [String: AnyEncodableValue], as: .json)
            })
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("gridID"))
            let admin = try await app.bearer("admin")
            #expect(try await app.get("/api/v1/register/counts", admin).content.decode(RegisterCounts.self).households == 2)
        }
    }

    @Test func aResidentSeesOnlyTheirOwnHousehold() async throws {
        try await withJingmin { app, f in
            let resident = try await app.bearer("residentA")
            #expect(try await app.get("/api/v1/households/\(f.householdA.id)", resident).status == .ok)
            #expect(try await app.get("/api/v1/residents/\(f.residentA.id)", resident).status == .ok)
            #expect(try await app.get("/api/v1/residents/\(f.residentB.id)", resident).status == .notFound)
            #expect(try await app.get("/api/v1/units", resident).content.decode([Domain.Unit].self).isEmpty)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/residents/\(f.residentA.id)/reveal", headers: resident).status == .forbidden)
        }
    }
}

/// Lets a test build a JSON object of mixed values.
enum AnyEncodableValue: Encodable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case int(Int64), string(String)
    init(integerLiteral v: Int64) { self = .int(v) }
    init(stringLiteral v: String) { self = .string(v) }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self { case .int(let v): try c.encode(v); case .string(let v): try c.encode(v) }
    }
}
