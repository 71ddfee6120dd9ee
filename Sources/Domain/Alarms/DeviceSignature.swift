import Crypto
import Foundation

/// A wired bell or gateway box signs each press: HMAC-SHA256 with its own secret over
/// "<device id>.<timestamp in ms>.<body>", hex in `X-Jingmin-Signature`. A timestamp more than
/// five minutes from the server's clock is stale; one not later than the device's last
/// accepted press is a replay (the box's clock only moves forward), so a captured request
/// cannot be sent again.
public enum DeviceSignature {
    public static let maxSkew: TimeInterval = 300

    public enum Refusal: String, Error, Sendable, Equatable {
        case missing      // a header absent or malformed
        case stale        // timestamp too far from now
        case badSignature
        case replayed
    }

    public static func sign(secret: String, deviceID: Int64, timestampMs: Int64, body: Data) -> String {
        hmac(secret: secret, "\(deviceID).\(timestampMs).", body)
    }

    /// Hex HMAC-SHA256 over `prefix` then `body`: the devices' presses and the gateway's messages.
    public static func hmac(secret: String, _ prefix: String, _ body: Data) -> String {
        var message = Data(prefix.utf8)
        message.append(body)
        return HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    /// The press's timestamp when it may be accepted.
    public static func check(secret: String, deviceID: Int64, timestamp: String?, signature: String?, body: Data,
                             lastAcceptedMs: Int64?, now: Date) -> Result<Int64, Refusal> {
        guard let timestamp, let ms = Int64(timestamp), let signature, signature.count == 64 else { return .failure(.missing) }
        let expected = sign(secret: secret, deviceID: deviceID, timestampMs: ms, body: body)
        // Compared in constant time, so the signature cannot be guessed byte by byte.
        guard Data(expected.utf8).withUnsafeBytes({ a in Data(signature.lowercased().utf8).withUnsafeBytes { b in safeCompare(a, b) } }) else {
            return .failure(.badSignature)
        }
        if abs(Double(ms) / 1000 - now.timeIntervalSince1970) > maxSkew { return .failure(.stale) }
        if let last = lastAcceptedMs, ms <= last { return .failure(.replayed) }
        return .success(ms)
    }

    private static func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
