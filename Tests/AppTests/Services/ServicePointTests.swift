import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

/// Seed 001's 旅客联动服务平台: the staff log what they did by kind, take a traveller's request
/// into the usual workflow with channel 服务点, and the dashboard counts the people served.
@Suite(.serialized) struct ServicePointTests {
    @Test func aBusStationDeskLogsItsServicesAndTakesARequest() async throws {
        try await withJingmin { app, f in
            let cli = Caller.commandLine(user: "t")
            let desk = try await app.store.savePlace(id: nil, gridID: f.gridA.id, name: "汽车站旅客联动服务平台", kind: "service_point", address: "甲街汽车站", cli)
            let office = try await app.store.savePlace(id: nil, gridID: f.gridA.id, name: "甲社区警务室", kind: "police_office", address: "甲街10号", cli)
            let foreign = try await app.store.savePlace(id: nil, gridID: f.gridB.id, name: "乙站服务点", kind: "service_point", address: "乙街车站", cli)
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await officer.get("/service-points").body.string.contains("汽车站旅客联动服务平台"))
            #expect(try await officer.post("/service-points", ["placeID": String(desk.id), "kind": "directions", "count": "3"]).status == .seeOther)
            #expect(try await officer.post("/service-points", ["placeID": String(desk.id), "kind": "lost_found", "count": "1", "note": "旅客遗失钱包，已归还"]).status == .seeOther)
            // Bad input: no one served, not a service point, another station's point, an unknown kind. Nothing stored.
            for (form, message) in [(["placeID": String(desk.id), "kind": "directions", "count": "0"], "人次："),
                                    (["placeID": String(office.id), "kind": "directions", "count": "1"], "服务点："),
                                    (["placeID": String(foreign.id), "kind": "directions", "count": "1"], "服务点："),
                                    (["placeID": String(desk.id), "kind": "taxi", "count": "1"], "服务类别：")] {
                let res = try await officer.post("/service-points", form)
                #expect(res.status == .unprocessableEntity && res.body.string.contains(message), "\(form)")
            }
            #expect(try await count(app, "service_point_logs") == 2)
            let points = try await app.get("/api/v1/service-points", try await app.bearer("leaderA")).content.decode([ServicePointView].self)
            #expect(points.map(\.name) == ["汽车站旅客联动服务平台"] && points[0].counts == ["directions": 3, "lost_found": 1])
            let station = try await app.store.unit(code: "SA", cli)
            let counts = try await app.store.figureCounts(FigureScope(unit: station, period: .month(of: TestClock.reference)),
                                                          try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t"))
            #expect(counts.servicePointServices == 4)

            // A traveller's request, taken at the desk: channel 服务点, in the station's queue.
            #expect(try await officer.get("/requests/new?point=\(desk.id)").body.string.contains("name=\"servicePointID\" value=\"\(desk.id)\""))
            let taken = try await officer.post("/requests/new", ["kind": "request", "categoryCode": "traffic", "description": "车站门口出租车乱停", "address": "甲街汽车站",
                                                                 "gridID": String(f.gridA.id), "servicePointID": String(desk.id)])
            #expect(taken.status == .seeOther)
            let id = try #require(taken.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            #expect(try await app.get("/api/v1/requests/\(id)", try await app.bearer("leaderA")).body.string.contains("\"channel\":\"service_point\""))
            #expect(try await app.get("/api/v1/service-points", try await app.bearer("officerB")).content.decode([ServicePointView].self).map(\.name) == ["乙站服务点"])
        }
    }
}
