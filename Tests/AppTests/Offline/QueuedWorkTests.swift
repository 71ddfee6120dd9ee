import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// Patrols and walk-in consultations from the phone's queue: stored once by their client ids, at
/// the times the officer gave, an end only after its start; and what came through the queue, how
/// late, on the dashboard, its drill-down and the export.
@Suite struct QueuedWorkTests {
    static func iso(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }

    static func send(_ app: Application, _ session: WebSession, _ path: String, _ json: String) async throws -> TestingHTTPResponse {
        let me = try (try await session.get("/field/session")).content.decode(OfflineController.FieldSession.self)
        var headers = session.headers
        headers.contentType = .json
        headers.add(name: "X-CSRF-Token", value: me.csrf)
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: json))
    }

    @Test func aPatrolAndAConsultationMadeOfflineArriveOnceAtTheirOwnTimes() async throws {
        try await withJingmin { app, f in
            let officer = try await WebSession.signedIn(app, "officerA")
            // Two days ago in the village, no signal since.
            let started = TestClock.reference.addingTimeInterval(-2 * 86400), ended = started.addingTimeInterval(5400)
            let start = """
                {"clientID":"patrol-start-0001","startedAt":"\(Self.iso(started))","gridIDs":[\(f.gridA.id)],"mode":"foot","residents":3}
                """
            let end = """
                {"clientID":"patrol-end-0001","startClientID":"patrol-start-0001","endedAt":"\(Self.iso(ended))","note":"村口路灯坏了"}
                """
            // An end that arrives before its start is refused, and says why.
            let early = try await Self.send(app, officer, "/field/patrol-ends", end)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("巡逻开始记录：巡逻记录不存在或不在辖区内"), "\(early.body.string)")

            let first = try await Self.send(app, officer, "/field/patrols", start)
            #expect(first.status == .created)
            let stored = try first.content.decode(OfflineController.Stored.self)
            let again = try await Self.send(app, officer, "/field/patrols", start)
            let storedAgain = try again.content.decode(OfflineController.Stored.self)
            #expect(again.status == .ok && storedAgain == stored && stored.path == "/patrols/\(stored.id)")
            // Another station's officer naming this patrol's start: refused like an unknown one, the patrol still running.
            let stranger = try await WebSession.signedIn(app, "officerB")
            let foreignEnd = try await Self.send(app, stranger, "/field/patrol-ends", end.replacingOccurrences(of: "patrol-end-0001", with: "patrol-end-0009"))
            #expect(foreignEnd.status == .unprocessableEntity && foreignEnd.body.string.contains("巡逻开始记录：巡逻记录不存在或不在辖区内"), "\(foreignEnd.body.string)")
            #expect(try await app.store.patrol(id: stored.id, Caller.commandLine(user: "t")).endedAt == nil)
            #expect(try await Self.send(app, officer, "/field/patrol-ends", end).status == .created)
            #expect(try await Self.send(app, officer, "/field/patrol-ends", end).status == .ok)

            let cli = Caller.commandLine(user: "t")
            let patrol = try await app.store.patrol(id: stored.id, cli)
            #expect(patrol.startedAt == started && patrol.endedAt == ended && patrol.note == "村口路灯坏了" && patrol.residents == 3)
            #expect(try await app.store.patrols(PatrolFilter(show: .all), cli).count == 1, "sent twice, one patrol")

            // Another station's grid: refused by name, nothing stored.
            let foreign = try await Self.send(app, officer, "/field/patrols", """
                {"clientID":"patrol-start-0002","startedAt":"\(Self.iso(started))","gridIDs":[\(f.gridB.id)],"mode":"foot"}
                """)
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("网格：网格不存在或不在辖区内"), "\(foreign.body.string)")

            // A walk-in noted at the village office an hour ago.
            let consultation = """
                {"clientID":"consult-0001","at":"\(Self.iso(TestClock.reference.addingTimeInterval(-3600)))","topic":"household_move","outcome":"answered","note":"问迁户口要带什么"}
                """
            let noted = try await Self.send(app, officer, "/field/consultations", consultation)
            #expect(noted.status == .created)
            #expect(try await Self.send(app, officer, "/field/consultations", consultation).status == .ok)
            let consultations = try await app.store.consultations(ConsultationFilter(), cli)
            #expect(consultations.count == 1 && consultations[0].createdAt == TestClock.reference.addingTimeInterval(-3600) && consultations[0].recordedBy != nil)
            let future = try await Self.send(app, officer, "/field/consultations", """
                {"clientID":"consult-0002","at":"\(Self.iso(TestClock.reference.addingTimeInterval(3 * 3600)))","topic":"household_move","outcome":"answered"}
                """)
            #expect(future.status == .unprocessableEntity && future.body.string.contains("时间："), "\(future.body.string)")

            // The queue's figures: three items, the patrol's two over a day late.
            let station = try await app.store.unit(code: "SA", cli)
            let week = Period(start: TestClock.reference.addingTimeInterval(-7 * 86400), end: TestClock.reference.addingTimeInterval(86400))
            let counts = try await app.store.figureCounts(FigureScope(unit: station, period: week), cli)
            #expect(counts.queuedRecords == 3 && counts.queuedLate == 2)
            let late = try await app.store.queueReceipts(QueueReceiptFilter(show: .late), cli)
            #expect(late.map(\.kind) == [.patrolEnd, .patrolStart] && late.allSatisfy { $0.recordID == stored.id && $0.label == f.gridA.name })

            // The drill-down and its export, and another station's officer sees none of it.
            let leader = try await WebSession.signedIn(app, "leaderA")
            let page = try await leader.get("/offline/received?show=late&unit=\(station.id)&from=2026-11-16&to=2026-11-23")
            #expect(page.status == .ok && page.body.string.contains("结束巡逻 · \(f.gridA.name)") && page.body.string.contains("隔日上传")
                    && !page.body.string.contains("接待登记 · "))
            let csv = try await leader.get("/offline/received/export?show=all&format=csv")
            #expect(csv.body.string.split(whereSeparator: \.isNewline).count == 4, "a header and three rows: \(csv.body.string)")
            let other = try await WebSession.signedIn(app, "officerB")
            #expect(try await other.get("/offline/received").body.string.contains("没有经离线队列上传的记录"))
        }
    }

    @Test func aVisitFromTheQueueIsFiledAsSuchAndOneFromTheFormIsNot() async throws {
        try await withJingmin { app, f in
            let officer = try await WebSession.signedIn(app, "officerA")
            #expect(try await Self.send(app, officer, "/field/visits", OfflineSyncTests.visit("field-0200", household: f.householdA.id)).status == .created)
            let cli = Caller.commandLine(user: "t")
            _ = try await app.store.recordVisit(VisitInput(clientID: "online-0200", householdID: f.householdA.id, visitedAt: TestClock.reference.addingTimeInterval(-60),
                                                           method: "in_person", categories: ["routine"]), try await app.store.credentials(username: "officerA")!.account.caller(clientAddress: "t"))
            let receipts = try await app.store.queueReceipts(QueueReceiptFilter(show: .all), cli)
            #expect(receipts.count == 1 && receipts[0].kind == .visit && receipts[0].delaySeconds == 3600 && !receipts[0].late)
        }
    }
}
