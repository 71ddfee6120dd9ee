import Crypto
import Foundation

/// 个人信息加密: AES-GCM for ID numbers and phones at rest, and an HMAC "blind index" so an
/// exact number can be searched without storing it. Both keys are derived from one master key.
public struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    // Keyed once: each code copies one and hashes only its input (an import indexes 100,000s).
    private let indexMAC: HMAC<SHA256>
    private let auditMAC: HMAC<SHA256>
    private let tokenMAC: HMAC<SHA256>

    public init(masterKey: SymmetricKey) {
        func derive(_ label: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data(label.utf8), outputByteCount: 32)
        }
        encryptionKey = derive("jingmin/field-encryption/v1")
        indexMAC = HMAC(key: derive("jingmin/blind-index/v1"))
        auditMAC = HMAC(key: derive("jingmin/audit/v1"))
        tokenMAC = HMAC(key: derive("jingmin/form-token/v1"))
    }

    public func seal(_ plaintext: String) throws -> String {
        try seal(plaintext, nonce: AES.GCM.Nonce())
    }

    /// Seals many at once, as an import does: the nonces are cut from one draw of random bytes
    /// (a draw per value is a system call each, a third of the time of sealing).
    public func seal(_ plaintexts: [String]) throws -> [String] {
        guard !plaintexts.isEmpty else { return [] }
        let random = SymmetricKey(size: SymmetricKeySize(bitCount: plaintexts.count * 96))
        return try random.withUnsafeBytes { bytes in
            try plaintexts.indices.map { i in
                try seal(plaintexts[i], nonce: AES.GCM.Nonce(data: UnsafeRawBufferPointer(rebasing: bytes[i * 12 ..< i * 12 + 12])))
            }
        }
    }

    /// The same for values that may be absent (phones): nil stays nil.
    public func seal(_ plaintexts: [String?]) throws -> [String?] {
        var sealed = try seal(plaintexts.compactMap { $0 }).makeIterator()
        return plaintexts.map { $0 == nil ? nil : sealed.next() }
    }

    private func seal(_ plaintext: String, nonce: AES.GCM.Nonce) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey, nonce: nonce)
        guard let combined = box.combined else { throw CipherError.sealFailed }
        return "v1:" + combined.base64EncodedString()
    }

    public func open(_ stored: String) throws -> String {
        guard stored.hasPrefix("v1:"), let data = Data(base64Encoded: String(stored.dropFirst(3))) else { throw CipherError.malformed }
        let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: encryptionKey)
        return String(decoding: plain, as: UTF8.self)
    }

    public func blindIndex(_ value: String) -> String {
        Self.code(indexMAC, value)
    }

    /// Keyed so that someone with write access to the database alone cannot re-forge the chain.
    public func auditHash(_ canonical: String) -> String {
        Self.code(auditMAC, canonical)
    }

    /// Derives form tokens (CSRF) from a session secret without storing them.
    public func formToken(_ value: String) -> String {
        Self.code(tokenMAC, value)
    }

    private static func code(_ keyed: HMAC<SHA256>, _ value: String) -> String {
        var mac = keyed
        mac.update(data: Array(value.utf8))
        return Data(mac.finalize()).hexString
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
