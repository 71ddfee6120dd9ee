import Crypto
import Foundation

/// 个人信息加密: AES-GCM for ID numbers and phones at rest, and an HMAC "blind index" so an
/// exact number can be searched without storing it. Both keys are derived from one master key.
public struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let indexKey: SymmetricKey
    private let auditKey: SymmetricKey
    private let tokenKey: SymmetricKey

    public init(masterKey: SymmetricKey) {
        func derive(_ label: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data(label.utf8), outputByteCount: 32)
        }
        encryptionKey = derive("jingmin/field-encryption/v1")
        indexKey = derive("jingmin/blind-index/v1")
        auditKey = derive("jingmin/audit/v1")
        tokenKey = derive("jingmin/form-token/v1")
    }

    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey)
        guard let combined = box.combined else { throw CipherError.sealFailed }
        return "v1:" + combined.base64EncodedString()
    }

    public func open(_ stored: String) throws -> String {
        guard stored.hasPrefix("v1:"), let data = Data(base64Encoded: String(stored.dropFirst(3))) else { throw CipherError.malformed }
        let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: encryptionKey)
        return String(decoding: plain, as: UTF8.self)
    }

    public func blindIndex(_ value: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: indexKey)).hexString
    }

    /// Keyed so that someone with write access to the database alone cannot re-forge the chain.
    public func auditHash(_ canonical: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(canonical.utf8), using: auditKey)).hexString
    }

    /// Derives form tokens (CSRF) from a session secret without storing them.
    public func formToken(_ value: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: tokenKey)).hexString
    }

    public enum CipherError: Error { case sealFailed, malformed }
}

extension Data {
    /// Lower-case hex. Runs on every request (session key, form token), so no `String(format:)`.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
