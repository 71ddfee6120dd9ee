import Foundation

/// The outbound SMS / voice gateway: each resident of the group's other households who has no
/// portal account (so no live page to show the alarm) gets one signed message. A failed send is
/// tried again after 1, 2, 4 and 8 seconds; after five attempts the delivery is given up and
/// the desk sees whom to phone.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    case pending, sent, failed
}

public enum DeliveryRules {
    public static let maxAttempts = 5
    /// How long a dispatcher may hold a delivery before another instance may take it.
    public static let lease: TimeInterval = 30

    /// The wait before the next attempt, after `attempts` failed ones; nil once given up.
    public static func retryAfter(attempts: Int) -> TimeInterval? {
        attempts >= maxAttempts ? nil : pow(2, Double(max(attempts, 1) - 1))
    }

    /// The gateway's signature header: hex HMAC-SHA256 with the gateway's secret over
    /// "<timestamp in ms>.<body>".
    public static func signature(secret: String, timestampMs: Int64, body: Data) -> String {
        DeviceSignature.hmac(secret: secret, "\(timestampMs).", body)
    }
}
