import Domain
import Foundation
import Testing

/// The alarm's rules on a fixed clock: the 1-3-5 stages, escalation, drills, the rate limit and
/// the device signature.
@Suite struct AlarmRulesTests {
    static let pressed = Date(timeIntervalSince1970: 1_795_400_000)
    static func at(_ seconds: Double) -> Date { pressed.addingTimeInterval(seconds) }
    let standard = AlarmStandard.standard

    @Test func stagesAreMetMissedOrPendingAgainstTheStandard() {
        // Acknowledged at 0:45, on scene at 3:20, closed at 4:50.
        let times = AlarmTimes(pressedAt: Self.pressed, acknowledgedAt: Self.at(45), arrivedAt: Self.at(200), closedAt: Self.at(290))
        #expect(AlarmTiming.state(.acknowledge, times, standard, now: Self.at(400)) == .met(seconds: 45))
        #expect(AlarmTiming.state(.arrive, times, standard, now: Self.at(400)) == .missed(seconds: 200))
        #expect(AlarmTiming.state(.handle, times, standard, now: Self.at(400)) == .met(seconds: 290))
        #expect(AlarmTiming.missed(times, standard, now: Self.at(400)) == [.arrive])

        // Open, acknowledged in time, 2:30 in: arrival still has 30 seconds.
        let open = AlarmTimes(pressedAt: Self.pressed, acknowledgedAt: Self.at(20))
        #expect(AlarmTiming.state(.arrive, open, standard, now: Self.at(150)) == .pending(remaining: 30))
        #expect(AlarmTiming.state(.arrive, open, standard, now: Self.at(181)) == .missed(seconds: nil))
        // Reinforcement called at 4:00 handles the alarm in time even if it closes at 20:00.
        let reinforced = AlarmTimes(pressedAt: Self.pressed, acknowledgedAt: Self.at(20), arrivedAt: Self.at(100), reinforcedAt: Self.at(240), closedAt: Self.at(1200))
        #expect(AlarmTiming.state(.handle, reinforced, standard, now: Self.at(1300)) == .met(seconds: 240))
        // A false alarm settled by phone at 0:50: nobody had to go, nothing was missed.
        let settled = AlarmTimes(pressedAt: Self.pressed, acknowledgedAt: Self.at(30), closedAt: Self.at(50))
        #expect(AlarmTiming.state(.arrive, settled, standard, now: Self.at(900)) == .skipped)
        #expect(AlarmTiming.missed(settled, standard, now: Self.at(900)).isEmpty)
    }

    @Test func aRemoteStationsOwnStandardApplies() {
        let rural = AlarmStandard(acknowledgeSeconds: 60, arriveSeconds: 900, handleSeconds: 1200)
        let times = AlarmTimes(pressedAt: Self.pressed, acknowledgedAt: Self.at(40), arrivedAt: Self.at(600))
        #expect(AlarmTiming.state(.arrive, times, rural, now: Self.at(700)) == .met(seconds: 600))
        #expect(AlarmTiming.state(.arrive, times, standard, now: Self.at(700)) == .missed(seconds: 600))
        #expect(AlarmStandard(acknowledgeSeconds: 120, arriveSeconds: 60, handleSeconds: 300).validate() ==
                .failure(ValidationFailure(field: "arriveSeconds", .beforeStart)))
        #expect(AlarmStandard(acknowledgeSeconds: 0, arriveSeconds: 60, handleSeconds: 300).validate() ==
                .failure(ValidationFailure(field: "acknowledgeSeconds", .invalidAmount)))
    }

    @Test func anUnacknowledgedAlarmEscalatesOnceAfterTheLimit() {
        let open = AlarmTimes(pressedAt: Self.pressed)
        #expect(!AlarmTiming.shouldEscalate(open, escalatedAt: nil, standard, now: Self.at(60)))
        #expect(AlarmTiming.shouldEscalate(open, escalatedAt: nil, standard, now: Self.at(61)))
        #expect(!AlarmTiming.shouldEscalate(open, escalatedAt: Self.at(61), standard, now: Self.at(120)))
        let acknowledged = AlarmTimes(pressedAt: Self.pressed, acknowledgedAt: Self.at(59))
        #expect(!AlarmTiming.shouldEscalate(acknowledged, escalatedAt: nil, standard, now: Self.at(300)))
        #expect(AlarmTiming.escalationCutoff(standard, now: Self.at(61)) == Self.at(1))
    }

    @Test func drillsAreNotCounted() {
        #expect(AlarmRules.counts(drill: false, outcome: .real))
        #expect(AlarmRules.counts(drill: false, outcome: .falseAlarm))
        #expect(AlarmRules.counts(drill: false, outcome: nil))
        #expect(!AlarmRules.counts(drill: true, outcome: .real))
        #expect(!AlarmRules.counts(drill: false, outcome: .drill))
    }

    @Test func theRateLimitHoldsAHouseholdToThreeAlarmsInTenMinutes() {
        let limit = AlarmRateLimit()
        #expect(limit.blockedUntil(recent: [Self.at(0), Self.at(100)], now: Self.at(200)) == nil)
        #expect(limit.blockedUntil(recent: [Self.at(0), Self.at(100), Self.at(150)], now: Self.at(200)) == Self.at(600))
        // The first press has left the window: one more is allowed.
        #expect(limit.blockedUntil(recent: [Self.at(0), Self.at(100), Self.at(150)], now: Self.at(600)) == nil)
    }

    @Test func pressesAndClosingsAreChecked() {
        #expect(AlarmRules.validate(AlarmInput(kind: "fire")) == .success(ValidAlarm(kind: .fire, note: "", drill: false)))
        #expect(AlarmRules.validate(AlarmInput(kind: "flood")) == .failure(ValidationFailure(field: "kind", .invalidChoice)))
        #expect(AlarmRules.validate(AlarmInput(kind: "")) == .failure(ValidationFailure(field: "kind", .required)))
        #expect(AlarmRules.validate(AlarmInput(kind: "other", note: String(repeating: "急", count: 201))) == .failure(ValidationFailure(field: "note", .tooLong)))
        let closed = try? AlarmRules.close(outcome: "false", notes: " 小孩误按 ").get()
        #expect(closed?.0 == .falseAlarm && closed?.1 == "小孩误按")
        #expect(AlarmRules.close(outcome: nil, notes: "x").failure == ValidationFailure(field: "outcome", .required))
    }

    @Test func aDeviceSignatureIsCheckedForKeyTimeAndReplay() {
        let secret = "s3cret-bell-0001", body = Data(#"{"kind":"burglary"}"#.utf8), now = Self.at(0)
        let ms = Int64(now.timeIntervalSince1970 * 1000)
        let good = DeviceSignature.sign(secret: secret, deviceID: 7, timestampMs: ms, body: body)
        #expect(DeviceSignature.check(secret: secret, deviceID: 7, timestamp: String(ms), signature: good, body: body, lastAcceptedMs: nil, now: now) == .success(ms))
        // Another device's id, another body or another key: refused.
        #expect(DeviceSignature.check(secret: secret, deviceID: 8, timestamp: String(ms), signature: good, body: body, lastAcceptedMs: nil, now: now) == .failure(.badSignature))
        #expect(DeviceSignature.check(secret: secret, deviceID: 7, timestamp: String(ms), signature: good, body: Data(#"{"kind":"fire"}"#.utf8), lastAcceptedMs: nil, now: now) == .failure(.badSignature))
        #expect(DeviceSignature.check(secret: "other", deviceID: 7, timestamp: String(ms), signature: good, body: body, lastAcceptedMs: nil, now: now) == .failure(.badSignature))
        #expect(DeviceSignature.check(secret: secret, deviceID: 7, timestamp: nil, signature: good, body: body, lastAcceptedMs: nil, now: now) == .failure(.missing))
        // Signed correctly but six minutes old: stale.
        #expect(DeviceSignature.check(secret: secret, deviceID: 7, timestamp: String(ms), signature: good, body: body, lastAcceptedMs: nil, now: Self.at(360)) == .failure(.stale))
        // The same request again: a replay.
        #expect(DeviceSignature.check(secret: secret, deviceID: 7, timestamp: String(ms), signature: good, body: body, lastAcceptedMs: ms, now: Self.at(1)) == .failure(.replayed))
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}

@Suite struct AlarmDeliveryRulesTests {
    @Test func aFailedMessageIsRetriedWithBackOffThenGivenUp() {
        #expect((1...5).map { DeliveryRules.retryAfter(attempts: $0) } == [1, 2, 4, 8, nil])
    }

    @Test func theGatewayCanCheckWhereAMessageCameFrom() {
        let body = Data(#"{"alarmID":1}"#.utf8)
        let sig = DeliveryRules.signature(secret: "gw", timestampMs: 1_795_400_000_000, body: body)
        #expect(sig == DeviceSignature.hmac(secret: "gw", "1795400000000.", body) && sig.count == 64)
        #expect(sig != DeliveryRules.signature(secret: "gw", timestampMs: 1_795_400_000_001, body: body))
    }
}
