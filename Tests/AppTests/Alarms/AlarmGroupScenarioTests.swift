import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// The grid officer forms 联防组 from the page's suggestions or by hand; a household is in one
/// group only; changes are audited; coverage reaches the dashboard; another station sees none of it.
@Suite(.serialized) struct AlarmGroupScenarioTests {
    @Test func theOfficerFormsGroupsOfNeighboursAndCoverageIsCounted() async throws {
        try await withJingmin { app, f in
            let cli = Caller.commandLine(user: "t")
            // Eleven more households in the village group of 甲街, one in a lane: 12 + 1 with the fixture's own.
            var ids: [Int64] = []
            for n in 1...11 { ids.append(try await app.store.createHousehold(gridID: f.gridA.id, address: "甲村3组\(n)号", cli).id) }
            let lone = try await app.store.createHousehold(gridID: f.gridA.id, address: "甲巷7号", cli)
            let officer = try await WebSession.signedIn(app, "officerA")
            let page = try await officer.get("/alarm-groups?grid=\(f.gridA.id)").body.string
            #expect(page.contains("甲村3组联防组") && page.contains("未入组的户 (13)"), "one suggestion of 11 split in two, none for the lone households")
            let suggested = try await app.get("/api/v1/alarm-groups?grid=\(f.gridA.id)", try await app.bearer("officerA")).content.decode(GridAlarmGroups.self)
            #expect(suggested.suggestions.map(\.householdIDs.count) == [6, 5] && suggested.households == 13)

            // One tap on the first suggestion forms it.
            var form = ["gridID": String(f.gridA.id), "name": "甲村3组联防组"]
            for (i, id) in suggested.suggestions[0].householdIDs.enumerated() { form["householdIDs[\(i)]"] = String(id) }
            #expect(try await officer.post("/alarm-groups", form).status == .seeOther)

            // Bad input: one household, a household of the first group, a household of another station — refused, nothing changes.
            let before = try await count(app, "alarm_group_members")
            let one = try await officer.post("/alarm-groups", ["gridID": String(f.gridA.id), "name": "单户", "householdIDs[0]": String(lone.id)])
            #expect(one.status == .unprocessableEntity && one.body.string.contains("户：至少 2 户"))
            let taken = try await officer.post("/alarm-groups", ["gridID": String(f.gridA.id), "name": "重复", "householdIDs[0]": String(lone.id),
                                                                 "householdIDs[1]": String(suggested.suggestions[0].householdIDs[0])])
            #expect(taken.status == .unprocessableEntity && taken.body.string.contains("甲村3组1号：已在另一个联防组"))
            var json = try await app.bearer("officerA")
            json.contentType = .json
            let foreign = try await app.testing().sendRequest(.POST, "/api/v1/alarm-groups", headers: json,
                                                              body: ByteBuffer(string: #"{"gridID":\#(f.gridA.id),"name":"跨所","householdIDs":[\#(lone.id),\#(f.householdB.id)]}"#))
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("householdIDs.1"))
            #expect(try await count(app, "alarm_group_members") == before)

            // The second by hand, with the lone household too; then changed, audited before and after.
            let rest = suggested.suggestions[1].householdIDs + [lone.id]
            let made = try await app.testing().sendRequest(.POST, "/api/v1/alarm-groups", headers: json,
                                                           body: ByteBuffer(string: #"{"gridID":\#(f.gridA.id),"name":"甲村二组","householdIDs":[\#(rest.map(String.init).joined(separator: ","))]}"#))
            #expect(made.status == .created)
            let group = try made.content.decode(AlarmGroupView.self)
            #expect(group.members.count == 6 && group.members.contains { $0.address == "甲巷7号" })
            let changed = try await officer.post("/alarm-groups/\(group.id)", ["gridID": String(f.gridA.id), "name": "甲村二组", "householdIDs[0]": String(rest[0]),
                                                                               "householdIDs[1]": String(f.householdA.id)])
            #expect(changed.status == .seeOther)
            let audit = try await (app.db as! any SQLDatabase).select().column("summary").from("audit_log").where("action", .equal, "alarm_group.update").all()
            let summary = try audit.first?.decode(column: "summary", as: String.self) ?? ""
            #expect(audit.count == 1 && summary.contains("→ \(rest[0]),\(f.householdA.id)"))

            // Who an alarm reaches: the resident's household has an account; the phone is masked.
            let shown = try await officer.get("/alarm-groups/\(group.id)").body.string
            #expect(shown.contains("1 个账号，页面实时接收") && shown.contains("郭秀英 138****5678") && !shown.contains(Fixture.phoneA))

            // Coverage: 6 + 2 of 13 households.
            let station = try await app.store.unit(code: "SA", cli)
            let dash = try await WebSession.signedIn(app, "leaderA").get("/dashboard?unit=\(station.id)").body.string
            #expect(tile(dash, .alarmGroups).contains(">2<") && tile(dash, .alarmCoverage).contains(">61.5%<"), "\(tile(dash, .alarmCoverage))")
            #expect(try await officer.get("/units/\(f.gridA.id)").body.string.contains("联防组：5 户未入组"))
            let csv = try await officer.get("/alarm-groups/export?format=csv").body.string
            #expect(csv.contains("SA网格,2,8,13,61.5%"), "\(csv)")

            // Another station: no group, no grid, no change.
            let other = try await app.bearer("officerB")
            #expect(try await app.get("/api/v1/alarm-groups/\(group.id)", other).status == .notFound)
            #expect(try await app.get("/api/v1/alarm-groups?grid=\(f.gridA.id)", other).status == .notFound)
            var otherJSON = other
            otherJSON.contentType = .json
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/alarm-groups/\(group.id)", headers: otherJSON).status == .notFound)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/alarm-groups/\(group.id)", headers: json).status == .noContent)
            #expect(try await count(app, "alarm_group_members") == 6)
        }
    }
}
