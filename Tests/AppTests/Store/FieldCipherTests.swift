import Crypto
import Foundation
import Persistence
import Testing

@Suite struct FieldCipherTests {
    @Test func sealedTextOpensOnlyWithTheSameKey() throws {
        let a = FieldCipher(masterKey: SymmetricKey(size: .bits256)), b = FieldCipher(masterKey: SymmetricKey(size: .bits256))
        let sealed = try a.seal("11010519491231002X")
        #expect(!sealed.contains("11010519491231002X"))
        #expect(try a.open(sealed) == "11010519491231002X")
        #expect(throws: (any Error).self) { try b.open(sealed) }
        #expect(try a.seal("x") != a.seal("x"))                     // a fresh nonce every time
        #expect(a.blindIndex("x") == a.blindIndex("x"))             // …but the search hash is stable
        #expect(a.blindIndex("x") != b.blindIndex("x"))
    }

    @Test func sealingManyAtOnceOpensToTheSameValuesEachWithItsOwnNonce() throws {
        let cipher = FieldCipher(masterKey: SymmetricKey(size: .bits256))
        let values = ["11010519491231002X", "13700000001", "11010519491231002X", ""]
        let sealed = try cipher.seal(values)
        #expect(try sealed.map(cipher.open) == values)
        #expect(Set(sealed).count == values.count)                   // the same value twice seals differently
        #expect(Set(sealed.map { Data(base64Encoded: String($0.dropFirst(3)))!.prefix(12) }).count == values.count)
        #expect(try cipher.seal(["137", nil, "138"]).map { try $0.map(cipher.open) } == ["137", nil, "138"])
        #expect(try cipher.seal([String]()).isEmpty)
    }

    @Test func theKeyFileIsCreatedPrivateAndReusedAndAnEnvironmentKeyWins() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("jingmin.key").path
        let first = try SecretKeyLoader.load(environment: ["JINGMIN_KEY_FILE": path])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try SecretKeyLoader.load(environment: ["JINGMIN_KEY_FILE": path])
        #expect(first == again)
        let envKey = Data(repeating: 7, count: 32).base64EncodedString()
        #expect(try SecretKeyLoader.load(environment: ["JINGMIN_SECRET_KEY": envKey, "JINGMIN_KEY_FILE": path]) == SymmetricKey(data: Data(repeating: 7, count: 32)))
        #expect(throws: SecretKeyLoader.Failure.self) { try SecretKeyLoader.load(environment: ["JINGMIN_SECRET_KEY": "too-short"]) }
    }
}
