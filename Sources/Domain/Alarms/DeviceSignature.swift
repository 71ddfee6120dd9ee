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
        HMAC<SHA256>.authenticationCode(for: message(prefix, body), using: SymmetricKey(data: Data(secret.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    static func message(_ prefix: String, _ body: Data) -> Data {
        var message = Data(prefix.utf8)
        message.append(body)
        return message
    }

    /// The press's timestamp when it may be accepted.
    public static func check(secret: String, deviceID: Int64, timestamp: String?, signature: String?, body: Data,
                             lastAcceptedMs: Int64?, now: Date) -> Result<Int64, Refusal> {
        guard let timestamp, let ms = Int64(timestamp), let signature, let code = bytes(hex: signature), code.count == 32 else { return .failure(.missing) }
        // swift-crypto compares in constant time, so the signature cannot be guessed byte by byte.
        guard HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message("\(deviceID).\(ms).", body), using: SymmetricKey(data: Data(secret.utf8))) else {
            return .failure(.badSignature)
        }
        if abs(Double(ms) / 1000 - now.timeIntervalSince1970) > maxSkew { return .failure(.stale) }
        if let last = lastAcceptedMs, ms <= last { return .failure(.replayed) }
        return .success(ms)
    }

    /// "0a1b…" → its bytes; nil unless it is whole bytes of hex digits.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        let bytes = stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
        return bytes.count * 2 == digits.count ? bytes : nil
    }
}
