import Crypto
import Domain
import Foundation
import NIOConcurrencyHelpers
import Persistence
import SQLKit
import Testing
import VaporTesting
@testable import Web

/// 和谐警铃 end to end, on both databases: a resident presses (after one confirming tap), the
/// group and the station's desk are woken, the desk acknowledges and dispatches, the officer
/// arrives and closes; each stage is timed against 1-3-5; bad input changes nothing.
@Suite(.serialized) struct AlarmScenarioTests {
    /// Group 1: the fixture's household A and 甲街3号 (with the neighbour's account); group 2:
    /// 甲街5号 and 6号 (another resident's account); station B's own group of two.
    struct Village { var neighbourHousehold: Int64; var otherGroupHousehold: Int64; var foreignGroup: Int64 }

    static func village(_ app: Application, _ f: Fixture) async throws -> Village {
        let s = app.store, cli = Caller.commandLine(user: "t")
        var ids: [Int64] = []
        for a in ["甲街3号", "甲街5号", "甲街6号"] { ids.append(try await s.createHousehold(gridID: f.gridA.id, address: a, cli).id) }
        let hB2 = try await s.createHousehold(gridID: f.gridB.id, address: "乙街4号", cli)
        let officerA = try await s.credentials(username: "officerA")!.account.caller(clientAddress: "t")
        let officerB = try await s.credentials(username: "officerB")!.account.caller(clientAddress: "t")
        _ = try await s.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: f.gridA.id, name: "甲街一组", householdIDs: [f.householdA.id, ids[0]]), officerA)
        _ = try await s.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: f.gridA.id, name: "甲街二组", householdIDs: [ids[1], ids[2]]), officerA)
        let foreign = try await s.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: f.gridB.id, name: "乙街组", householdIDs: [f.householdB.id, hB2.id]), officerB)
        let hash = try await app.password.async.hash(Fixture.password)
        for (u, h) in [("neighbourA", ids[0]), ("otherGroupA", ids[1])] {
            _ = try await s.createAccount(NewAccount(username: u, displayName: u, role: .resident, unitCode: "SA-G", householdID: h), passwordHash: hash, cli)
        }
        return Village(neighbourHousehold: ids[0], otherGroupHousehold: ids[1], foreignGroup: foreign.id)
    }

    static func caller(_ app: Application, _ user: String) async throws -> Caller {
        try await app.store.credentials(username: user)!.account.caller(clientAddress: "t")
    }

    static func json(_ app: Application, _ user: String) async throws -> HTTPHeaders {
        var h = try await app.bearer(user)
        h.contentType = .json
        return h
    }

    @Test func aPressReachesTheGroupAndTheDeskOnlyAndIsTimedAgainstOneThreeFive() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            _ = try await Self.village(app, f)
            let store = app.store
            let listener = LiveListener()
            try await listener.didBootAsync(app)
            if !isSQLiteRun { try await Task.sleep(for: .milliseconds(300)) }
            func subscribe(_ user: String) async throws -> (UUID, AsyncStream<Void>) {
                let s = store.alarmBus.subscribe(try await store.alarmTopics(for: try await Self.caller(app, user)))
                return (s.id, s.changes)
            }
            let neighbour = try await subscribe("neighbourA"), desk = try await subscribe("leaderA"), officer = try await subscribe("officerA")
            let otherGroup = try await subscribe("otherGroupA"), foreignDesk = try await subscribe("officerB")

            // The first tap shows the confirmation and sends nothing.
            let resident = try await WebSession.signedIn(app, "residentA")
            #expect(try await resident.get("/").body.string.contains("一键报警"))
            #expect(try await resident.get("/alarms/new").body.string.contains("甲街一组的其他 1 户"))
            let first = try await resident.post("/alarms/new", ["kind": "burglary", "note": "有人撬门"])
            #expect(first.status == .ok && first.body.string.contains("确认报警") && first.body.string.contains("入室盗窃"))
            #expect(try await count(app, "alarms") == 0, "nothing is raised before the confirming tap")
            let pressed = try await resident.post("/alarms/new", ["kind": "burglary", "note": "有人撬门", "confirm": "1"])
            #expect(pressed.status == .seeOther)
            let id = try #require(Int64(pressed.headers.first(name: .location)!.split(separator: "/").last!))

            #expect(await wakes(neighbour.1), "the other household of the group is woken")
            #expect(await wakes(desk.1), "the station's desk is woken")
            #expect(await wakes(officer.1), "the grid officer is woken")
            #expect(await !wakes(otherGroup.1, within: 0.5), "a household of another group is not")
            #expect(await !wakes(foreignDesk.1, within: 0.5), "another station is not")
            for s in [neighbour, desk, officer, otherGroup, foreignDesk] { store.alarmBus.unsubscribe(s.0) }
            #expect(try await store.openAlarms(try await Self.caller(app, "neighbourA")).map(\.id) == [id], "opened later, the neighbour's page shows it")
            #expect(try await store.openAlarms(try await Self.caller(app, "otherGroupA")).isEmpty)
            #expect(try await store.openAlarms(try await Self.caller(app, "officerB")).isEmpty)

            // Pressed again while open: the same alarm.
            let again = try await app.testing().sendRequest(.POST, "/api/v1/alarms", headers: try await Self.json(app, "residentA"), body: ByteBuffer(string: #"{"kind":"fire"}"#))
            let againID = try again.content.decode(AlarmView.self).id, alarms = try await count(app, "alarms")
            #expect(again.status == .ok && againID == id && alarms == 1)

            // The neighbour answers 收到, once.
            let neighbourWeb = try await WebSession.signedIn(app, "neighbourA")
            #expect(try await neighbourWeb.get("/alarms/\(id)").body.string.contains("甲街1号"))
            #expect(try await neighbourWeb.post("/alarms/\(id)/seen", [:]).status == .seeOther)
            #expect(try await neighbourWeb.post("/alarms/\(id)/seen", [:]).status == .unprocessableEntity)

            // Another station may not acknowledge it: not found, nothing changes.
            let foreign = try await app.testing().sendRequest(.POST, "/api/v1/alarms/\(id)/acknowledge", headers: try await app.bearer("officerB"))
            #expect(foreign.status == .notFound)
            #expect(try await store.alarm(id: id, try await Self.caller(app, "leaderA")).acknowledgedAt == nil)

            // 0:30 the desk acknowledges and sends the grid officer; 2:10 on scene; 5:30 closed.
            let officerID = try await store.credentials(username: "officerA")!.account.id
            clock.advance(30)
            let ack = try await app.testing().sendRequest(.POST, "/api/v1/alarms/\(id)/acknowledge", headers: try await Self.json(app, "leaderA"),
                                                          body: ByteBuffer(string: #"{"officerID":\#(officerID)}"#))
            let dispatched = try ack.content.decode(AlarmView.self).dispatchedTo
            #expect(ack.status == .ok && dispatched == officerID)
            let twice = try await app.testing().sendRequest(.POST, "/api/v1/alarms/\(id)/acknowledge", headers: try await app.bearer("leaderA"))
            #expect(twice.status == .unprocessableEntity, "acknowledged once")
            clock.advance(100)
            let web = try await WebSession.signedIn(app, "officerA")
            _ = try await web.get("/alarms/\(id)")
            #expect(try await web.post("/alarms/\(id)/arrive", [:]).status == .seeOther)
            clock.advance(200)
            let noOutcome = try await web.post("/alarms/\(id)/close", ["notes": "无"])
            #expect(noOutcome.status == .unprocessableEntity && noOutcome.body.string.contains("处置结果：必填"))
            #expect(try await store.alarm(id: id, try await Self.caller(app, "leaderA")).isOpen, "a close without an outcome changes nothing")
            #expect(try await web.post("/alarms/\(id)/close", ["outcome": "real", "notes": "嫌疑人逃离"]).status == .seeOther)

            let a = try await store.alarm(id: id, try await Self.caller(app, "leaderA"))
            #expect(a.outcome == .real && a.events.map(\.step) == [.raised, .seen, .acknowledged, .dispatched, .arrived, .closed])
            #expect(AlarmTiming.state(.acknowledge, a.times, a.standard, now: clock.now) == .met(seconds: 30))
            #expect(AlarmTiming.state(.arrive, a.times, a.standard, now: clock.now) == .met(seconds: 130))
            #expect(AlarmTiming.state(.handle, a.times, a.standard, now: clock.now) == .missed(seconds: 330))
            let page = try await web.get("/alarms/\(id)").body.string
            #expect(page.contains("达标（用时 0分30秒）") && page.contains("超时（用时 5分30秒）") && page.contains("邻居：收到 · neighbourA"))
            let audited = try await (app.db as! any SQLDatabase).select().column("action").from("audit_log").where("object_type", .equal, "alarm").orderBy("id").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audited == ["alarm.raise", "alarm.seen", "alarm.acknowledge", "alarm.arrive", "alarm.close"])
            await listener.shutdownAsync(app)
        }
    }

    @Test func anAlarmNotAcknowledgedInTimeEscalatesOnceAndAStationMaySetItsOwnLimits() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let v = try await Self.village(app, f), store = app.store
            let raised = try await store.raiseAlarm(AlarmInput(kind: "medical"), try await Self.caller(app, "residentA"))
            clock.advance(60)
            #expect(try await store.escalateAlarms() == 0, "one minute is still in time")
            clock.advance(2)
            #expect(try await store.escalateAlarms() == 1)
            #expect(try await store.escalateAlarms() == 0, "escalated once")
            let leader = try await Self.caller(app, "leaderA")
            #expect(try await store.inbox(leader).first?.kind == "alarm.escalated")
            let page = try await WebSession.signedIn(app, "leaderA").get("/alarms").body.string
            #expect(page.contains("超时未受理，已上报所领导"))
            #expect(try await store.alarm(id: raised.alarm.id, leader).events.last?.step == .escalated)

            // A remote station allows two minutes: its alarm is not escalated at one.
            let stationA = try await store.unit(code: "SA", Caller.commandLine(user: "t"))
            let bad = try await app.testing().sendRequest(.PUT, "/api/v1/alarm-standards/\(stationA.id)", headers: try await Self.json(app, "leaderA"),
                                                          body: ByteBuffer(string: #"{"acknowledgeSeconds":300,"arriveSeconds":120,"handleSeconds":600}"#))
            #expect(bad.status == .unprocessableEntity)
            _ = try await store.saveAlarmStandard(stationID: stationA.id, AlarmStandard(acknowledgeSeconds: 120, arriveSeconds: 900, handleSeconds: 1200), leader)
            let second = try await store.raiseAlarm(AlarmInput(kind: "fire"), try await Self.caller(app, "otherGroupA"))
            clock.advance(90)
            #expect(try await store.escalateAlarms() == 0)
            clock.advance(31)
            #expect(try await store.escalateAlarms() == 1)
            #expect(try await store.alarm(id: second.alarm.id, leader).standard.arriveSeconds == 900)
            _ = v
        }
    }

    @Test func refusalsChangeNothing() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            let v = try await Self.village(app, f), store = app.store
            // A household in no group: a clear refusal.
            let cli = Caller.commandLine(user: "t")
            let lone = try await store.createHousehold(gridID: f.gridA.id, address: "甲街9号", cli)
            _ = try await store.createAccount(NewAccount(username: "loneA", displayName: "loneA", role: .resident, unitCode: "SA-G", householdID: lone.id),
                                              passwordHash: try await app.password.async.hash(Fixture.password), cli)
            let loneWeb = try await WebSession.signedIn(app, "loneA")
            #expect(try await loneWeb.get("/alarms/new").body.string.contains("尚未加入联防组"))
            let refused = try await loneWeb.post("/alarms/new", ["kind": "fire", "confirm": "1"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("您家尚未加入联防组"))
            #expect(try await count(app, "alarms") == 0)

            // `open` is true or false, nothing else.
            #expect(try await app.get("/api/v1/alarms?open=null", try await app.bearer("leaderA")).status == .unprocessableEntity)
            #expect(try await app.get("/api/v1/alarms?open=true", try await app.bearer("leaderA")).status == .ok)

            // Three alarms in ten minutes, then a fourth is refused until the first leaves the window.
            let resident = try await Self.caller(app, "residentA"), leader = try await Self.caller(app, "leaderA")
            for _ in 0..<3 {
                let a = try await store.raiseAlarm(AlarmInput(kind: "other", drill: true), resident)
                #expect(a.alarm.drill)
                _ = try await store.actOnAlarm(id: a.alarm.id, .close, AlarmActionInput(outcome: "drill"), leader)
                clock.advance(60)
            }
            let fourth = try await app.testing().sendRequest(.POST, "/api/v1/alarms", headers: try await Self.json(app, "residentA"), body: ByteBuffer(string: #"{"kind":"fire"}"#))
            #expect(fourth.status == .unprocessableEntity && fourth.body.string.contains("tooFrequent"))
            #expect(try await count(app, "alarms") == 3)
            clock.advance(421)
            #expect(try await store.raiseAlarm(AlarmInput(kind: "fire"), resident).created)

            // A device: registered by the officer, its secret shown once; unsigned, wrong, stale
            // and replayed presses are refused and change nothing.
            let reg = try await app.testing().sendRequest(.POST, "/api/v1/alarm-devices", headers: try await Self.json(app, "officerA"),
                                                          body: ByteBuffer(string: #"{"householdID":\#(v.otherGroupHousehold),"name":"门口警铃"}"#))
            #expect(reg.status == .created)
            let device = try reg.content.get(Int64.self, at: "device", "id"), secret = try reg.content.get(String.self, at: "secret")
            let body = #"{"kind":"burglary"}"#
            func press(_ ms: Int64, signature: String?) async throws -> TestingHTTPResponse {
                var h = HTTPHeaders()
                h.contentType = .json
                h.add(name: "X-Jingmin-Timestamp", value: String(ms))
                if let signature { h.add(name: "X-Jingmin-Signature", value: signature) }
                return try await app.testing().sendRequest(.POST, "/api/v1/alarm-devices/\(device)/press", headers: h, body: ByteBuffer(string: body))
            }
            let now = Int64(clock.now.timeIntervalSince1970 * 1000)
            let before = try await count(app, "alarms")
            let unsigned = try await press(now, signature: nil)
            #expect(unsigned.status == .unauthorized && unsigned.body.string.contains("设备签名缺失"))
            #expect(try await press(now, signature: DeviceSignature.sign(secret: "guess", deviceID: device, timestampMs: now, body: Data(body.utf8))).status == .unauthorized)
            let staleMs = now - 400_000
            #expect(try await press(staleMs, signature: DeviceSignature.sign(secret: secret, deviceID: device, timestampMs: staleMs, body: Data(body.utf8))).status == .unauthorized)
            #expect(try await count(app, "alarms") == before)
            let signed = DeviceSignature.sign(secret: secret, deviceID: device, timestampMs: now, body: Data(body.utf8))
            let ok = try await press(now, signature: signed)
            let fromDevice = try ok.content.decode(AlarmView.self)
            #expect(ok.status == .created && fromDevice.source == .device)
            let replay = try await press(now, signature: signed)
            #expect(replay.status == .unauthorized && replay.body.string.contains("重复的设备请求"))
            #expect(try await count(app, "alarms") == before + 1)

            // Closing another station's alarm, or without an outcome: refused.
            let foreignClose = try await app.testing().sendRequest(.POST, "/api/v1/alarms/\(fromDevice.id)/close",
                                                                  headers: try await Self.json(app, "officerB"), body: ByteBuffer(string: #"{"outcome":"false"}"#))
            #expect(foreignClose.status == .notFound)
            _ = v
        }
    }

    @Test func theFiguresTimeEachAlarmAgainstItsStationAndLeaveDrillsOut() async throws {
        let clock = TestClock()
        try await withJingmin(clock: clock) { app, f in
            _ = try await Self.village(app, f)
            let store = app.store, leader = try await Self.caller(app, "leaderA"), officer = try await Self.caller(app, "officerA")
            let officerID = try await store.credentials(username: "officerA")!.account.id
            /// Pressed by `who`, then each step after so many seconds from the press.
            func alarm(_ who: String, drill: Bool = false, ack: Double?, send: Bool, arrive: Double?, close: Double, outcome: String) async throws {
                let start = clock.now
                let id = try await store.raiseAlarm(AlarmInput(kind: "burglary", drill: drill), try await Self.caller(app, who)).alarm.id
                if let ack {
                    clock.advance(ack)
                    _ = try await store.actOnAlarm(id: id, .acknowledge, AlarmActionInput(officerID: send ? officerID : nil), leader)
                }
                if let arrive {
                    clock.advance(arrive - clock.now.timeIntervalSince(start))
                    _ = try await store.actOnAlarm(id: id, .arrive, AlarmActionInput(), officer)
                }
                clock.advance(close - clock.now.timeIntervalSince(start))
                _ = try await store.actOnAlarm(id: id, .close, AlarmActionInput(outcome: outcome), leader)
                clock.advance(60)
            }
            try await alarm("residentA", ack: 30, send: true, arrive: 150, close: 400, outcome: "real")
            try await alarm("residentA", ack: 90, send: true, arrive: 200, close: 300, outcome: "false")
            try await alarm("residentA", drill: true, ack: 10, send: true, arrive: 20, close: 30, outcome: "drill")
            try await alarm("otherGroupA", ack: 40, send: false, arrive: nil, close: 100, outcome: "false")

            let station = try await store.unit(code: "SA", Caller.commandLine(user: "t")), day = ChinaTime.day(clock.now)
            let c = try await store.figureCounts(FigureScope(unit: station, period: Period.days(from: day, to: day)!), leader)
            #expect([c.text(.alarms), c.text(.falseAlarms), c.text(.alarmAckOnTime), c.text(.alarmArriveOnTime)] == ["3", "2", "66.6%", "50.0%"],
                    "three counted (the drill left out), two false; acknowledged in time 2 of 3; on scene in time 1 of the 2 sent")
            #expect([c.text(.medianAlarmAck), c.text(.medianAlarmArrive)] == ["0:40", "2:55"])
            let officerB = try await Self.caller(app, "officerB")
            #expect(try await store.figureCounts(FigureScope(unit: try await store.unit(code: "SB", Caller.commandLine(user: "t")), period: Period.days(from: day, to: day)!),
                                                 try await Self.caller(app, "admin")).alarms == 0)
            _ = officerB

            // Each count's drill-down lists exactly its alarms; the dashboard links there.
            let web = try await WebSession.signedIn(app, "leaderA")
            let dashboard = try await web.get("/dashboard?unit=\(station.id)&from=\(day)&to=\(day)").body.string
            #expect(tile(dashboard, .alarms).contains(">3<") && tile(dashboard, .falseAlarms).contains("href=\"/alarms/ledger?show=false"))
            let all = try await store.alarmLedger(AlarmFilter(show: .all, unitID: station.id, period: Period.days(from: day, to: day)), leader)
            let falses = try await store.alarmLedger(AlarmFilter(show: .falseAlarms, unitID: station.id, period: Period.days(from: day, to: day)), leader)
            #expect(all.count == 3 && falses.count == 2 && falses.allSatisfy { $0.outcome == .falseAlarm })
            let ledger = try await web.get("/alarms/ledger?show=all&unit=\(station.id)&from=\(day)&to=\(day)").body.string
            #expect(ledger.contains("警铃报警台账 (3)") && ledger.contains("0:30") && ledger.contains("2:30"))
            let csv = try await web.get("/alarms/ledger/export?format=csv&show=false&unit=\(station.id)&from=\(day)&to=\(day)")
            #expect(csv.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3, "a header and the two false alarms")
        }
    }

    @Test func theGatewayGetsOneSignedMessagePerNeighbourWithoutAnAccountAndARetryAfterA500() async throws {
        // A local receiver in place of the SMS provider: it answers 500 once, then 200.
        let receiver = try await Application.make(.testing)
        let received = NIOLockedValueBox<[(timestamp: String, signature: String, body: Data)]>([])
        receiver.on(.POST, "sms", body: .collect(maxSize: "64kb")) { req -> HTTPStatus in
            let n = received.withLockedValue { r in
                r.append((req.headers.first(name: "X-Jingmin-Timestamp") ?? "", req.headers.first(name: "X-Jingmin-Signature") ?? "",
                          Data(req.body.data.map { Array($0.readableBytesView) } ?? [])))
                return r.count
            }
            return n == 1 ? .internalServerError : .ok
        }
        try await receiver.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(receiver.http.server.shared.localAddress?.port)
        let clock = TestClock()
        do {
            try await withJingmin(clock: clock) { app, f in
                let s = app.store, cli = Caller.commandLine(user: "t")
                let quiet = try await s.createHousehold(gridID: f.gridA.id, address: "甲街7号", cli)
                let online = try await s.createHousehold(gridID: f.gridA.id, address: "甲街8号", cli)
                for (name, id, phone) in [("王大爷", "110105194001010018", "13700000001"), ("王大妈", "110105194201010020", "13700000002")] {
                    _ = try await s.createResident(householdID: quiet.id, ResidentInput(name: name, gender: "male", birthDate: nil, idNumber: id, phone: phone, tags: []), cli)
                }
                _ = try await s.createResident(householdID: online.id, ResidentInput(name: "李青", gender: "female", birthDate: nil, idNumber: "110105199001010029",
                                                                                   phone: "13700000003", tags: []), cli)
                _ = try await s.createAccount(NewAccount(username: "onlineA", displayName: "onlineA", role: .resident, unitCode: "SA-G", householdID: online.id),
                                              passwordHash: "x", cli)
                _ = try await s.saveAlarmGroup(id: nil, AlarmGroupInput(gridID: f.gridA.id, name: "甲街三组", householdIDs: [f.householdA.id, quiet.id, online.id]),
                                               try await Self.caller(app, "officerA"))
                let alarm = try await s.raiseAlarm(AlarmInput(kind: "fire"), try await Self.caller(app, "residentA")).alarm
                let config = AlarmGatewayConfig(url: "http://127.0.0.1:\(port)/sms", secret: "gateway-secret")

                #expect(try await AlarmGateway.deliverDue(s, client: app.client, config: config) == 2, "the two neighbours without an account; not the one with a live page")
                #expect(try await AlarmGateway.deliverDue(s, client: app.client, config: config) == 0, "the failed one waits for its back-off")
                clock.advance(1)
                #expect(try await AlarmGateway.deliverDue(s, client: app.client, config: config) == 1, "retried after a second")
                #expect(try await AlarmGateway.deliverDue(s, client: app.client, config: config) == 0)

                let messages = received.withLockedValue { $0 }
                #expect(messages.count == 3)
                for m in messages {
                    #expect(m.signature == DeliveryRules.signature(secret: "gateway-secret", timestampMs: Int64(m.timestamp) ?? 0, body: m.body), "signed with the gateway's secret")
                }
                let phones = Set(messages.compactMap { try? JSONDecoder().decode(AlarmGateway.Message.self, from: $0.body) }.map(\.phone))
                #expect(phones == ["13700000001", "13700000002"], "one message per neighbour without an account, to the full number")
                #expect(messages.contains { String(decoding: $0.body, as: UTF8.self).contains("甲街1号") && String(decoding: $0.body, as: UTF8.self).contains("火情") })

                let leader = try await Self.caller(app, "leaderA")
                let view = try await s.alarm(id: alarm.id, leader)
                let deliveries = view.events.filter { $0.step == .delivery }.map(\.detail)
                #expect(deliveries.count == 3 && deliveries.filter { $0.hasSuffix("|sent|") }.count == 2 && deliveries.contains { $0.contains("|1|HTTP 500|1") })
                #expect(view.deliveries.map(\.status) == [.sent, .sent])
                let page = try await WebSession.signedIn(app, "leaderA").get("/alarms/\(alarm.id)").body.string
                #expect(page.contains("失败（HTTP 500），1 秒后重试") && page.contains("137****0001"))
            }
        } catch {
            await receiver.server.shutdown()
            try await receiver.asyncShutdown()
            throw error
        }
        await receiver.server.shutdown()
        try await receiver.asyncShutdown()
    }

    @Test func aRealAlarmIsFollowedUpAsADisputeAndARequestWithTheLinkKept() async throws {
        try await withJingmin { app, f in
            _ = try await Self.village(app, f)
            let store = app.store, leader = try await Self.caller(app, "leaderA")
            let alarm = try await store.raiseAlarm(AlarmInput(kind: "fight", note: "两户为停车吵起来"), try await Self.caller(app, "residentA")).alarm
            let web = try await WebSession.signedIn(app, "officerA")
            // Not before it is closed as 真实警情.
            #expect(try await web.get("/disputes/new?alarm=\(alarm.id)").status == .unprocessableEntity)
            _ = try await store.actOnAlarm(id: alarm.id, .close, AlarmActionInput(outcome: "real", notes: "现场劝开，需调解"), leader)
            #expect(try await web.get("/alarms/\(alarm.id)").body.string.contains("转为纠纷登记"))

            let form = try await web.get("/disputes/new?alarm=\(alarm.id)").body.string
            #expect(form.contains("【和谐警铃】纠纷打斗") && form.contains("现场劝开，需调解") && form.contains("name=\"alarmID\""))
            let residentID = try #require(try await store.residents(householdID: f.householdA.id, leader).first?.id)
            let made = try await web.post("/disputes/new", ["typeCode": "neighbour", "summary": "停车纠纷", "gridID": String(f.gridA.id), "risk": "high",
                                                            "source": "hotline", "alarmID": String(alarm.id), "residentSide[\(residentID)]": "applicant"])
            #expect(made.status == .seeOther)
            let linked = try await store.alarm(id: alarm.id, leader)
            let disputeID = try #require(linked.disputeID)
            #expect(made.headers.first(name: .location) == "/disputes/\(disputeID)" && linked.events.last?.step == .converted)
            // Once only: a second dispute from the same alarm is refused and nothing is made.
            let disputes = try await count(app, "disputes")
            let again = try await web.post("/disputes/new", ["typeCode": "neighbour", "summary": "重复", "gridID": String(f.gridA.id), "risk": "low",
                                                             "source": "hotline", "alarmID": String(alarm.id), "residentSide[\(residentID)]": "applicant"])
            let after = try await count(app, "disputes")
            #expect(again.status == .unprocessableEntity && after == disputes)

            #expect(try await web.get("/requests/new?alarm=\(alarm.id)").body.string.contains("【和谐警铃】纠纷打斗"))
            let request = try await web.post("/requests/new", ["kind": "request", "categoryCode": "traffic", "description": "停车位不足", "address": "甲街1号",
                                                               "gridID": String(f.gridA.id), "alarmID": String(alarm.id)])
            #expect(request.status == .seeOther)
            let page = try await web.get("/alarms/\(alarm.id)").body.string
            #expect(page.contains("已转为纠纷 #\(disputeID)") && page.contains("已转为诉求 #"))
        }
    }
}
