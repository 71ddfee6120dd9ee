import Domain
import Foundation
import Persistence
import Vapor

/// Where the SMS / voice gateway listens, and the secret its messages are signed with
/// (`JINGMIN_ALARM_GATEWAY_URL`, `JINGMIN_ALARM_GATEWAY_SECRET`).
public struct AlarmGatewayConfig: Sendable {
    public var url: String
    public var secret: String
    public init(url: String, secret: String) { self.url = url; self.secret = secret }
}

/// Sends the alarm's text messages to the gateway: every second, the messages due are taken
/// from the outbox and posted as signed JSON (`X-Jingmin-Timestamp`, `X-Jingmin-Signature`: see
/// `DeliveryRules.signature`). A 2xx answer is sent; anything else is tried again with back-off
/// (`DeliveryRules.retryAfter`), each attempt on the alarm's timeline.
struct AlarmGateway: LifecycleHandler {
    private struct TaskKey: StorageKey { typealias Value = Task<Void, Never> }

    /// The message as the gateway receives it; `text` is what the resident reads.
    struct Message: Content {
        var alarmID: Int64, name: String, phone: String, kind: String, address: String, group: String, pressedAt: Date, drill: Bool, text: String
    }

    func didBootAsync(_ app: Application) async throws {
        guard app.settings.schedulerInterval > 0, let config = app.settings.alarmGateway else { return }
        let store = app.store, client = app.client
        app.storage[TaskKey.self] = Task {
            while !Task.isCancelled {
                do { try await Self.deliverDue(store, client: client, config: config) } catch {
                    app.logger.error("alarm gateway run failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    func shutdownAsync(_ app: Application) async { app.storage[TaskKey.self]?.cancel() }

    /// One pass: sends what is due, side by side, and records each result. Returns how many were tried.
    @discardableResult
    static func deliverDue(_ store: Store, client: any Client, config: AlarmGatewayConfig) async throws -> Int {
        let due = try await store.claimDueDeliveries()
        let t = Texts(.zhHans), now = store.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for d in due {
                group.addTask {
                    let kind = t("alarm.kind.\(d.kind.rawValue)")
                    let message = Message(alarmID: d.alarmID, name: d.name, phone: d.phone, kind: d.kind.rawValue, address: d.address, group: d.groupName,
                                          pressedAt: d.pressedAt, drill: d.drill, text: t("alarm.sms", d.address, kind) + (d.drill ? t("alarm.smsDrill") : ""))
                    let body = try JSONEncoder().encode(message)
                    let ms = Int64((now().timeIntervalSince1970 * 1000).rounded())
                    var headers = HTTPHeaders()
                    headers.contentType = .json
                    headers.add(name: "X-Jingmin-Timestamp", value: String(ms))
                    headers.add(name: "X-Jingmin-Signature", value: DeliveryRules.signature(secret: config.secret, timestampMs: ms, body: body))
                    var result = "error"
                    do {
                        let response = try await client.post(URI(string: config.url), headers: headers) { $0.body = ByteBuffer(data: body) }
                        result = "HTTP \(response.status.code)"
                        if (200..<300).contains(response.status.code) { return try await store.recordDelivery(d, sent: true, result: result) }
                    } catch {}
                    try await store.recordDelivery(d, sent: false, result: result)
                }
            }
            try await group.waitForAll()
        }
        return due.count
    }
}
