import Foundation
import Testing
@testable import Domain

@Suite struct AuditChainTests {
    /// Any deterministic digest will do for the rule itself.
    func digest(_ s: String) -> String { String(s.hashValue, radix: 16) + String(s.count) }

    func chain(_ n: Int) -> [AuditEntry] {
        var prev = AuditEntry.genesisHash
        return (1...n).map { i in
            var e = AuditEntry(seq: Int64(i), at: Date(timeIntervalSince1970: Double(i)), actor: "u", action: "resident.update",
                               objectType: "resident", objectID: "\(i)", summary: "s\(i)", clientAddress: "127.0.0.1", prevHash: prev, hash: "")
            e.hash = digest(e.canonical); prev = e.hash
            return e
        }
    }

    @Test func anIntactChainVerifies() {
        #expect(AuditChain.verify(chain(5), hash: digest) == nil)
    }

    @Test func anEditedSummaryIsCaught() {
        var c = chain(5)
        c[2].summary = "nothing happened"
        #expect(AuditChain.verify(c, hash: digest) == .hashMismatch(seq: 3))
    }

    @Test func aDeletedEntryIsCaught() {
        var c = chain(5)
        c.remove(at: 1)
        #expect(AuditChain.verify(c, hash: digest) == .gap(after: 1, next: 3))
    }

    @Test func aPageContinuesFromWhereThePreviousEnded() {
        let c = chain(6)
        #expect(AuditChain.verify(Array(c[3...]), after: 3, prevHash: c[2].hash, hash: digest) == nil)
        #expect(AuditChain.verify(Array(c[3...]), after: 3, prevHash: "wrong", hash: digest) == .linkBroken(seq: 4))
    }
}

@Suite struct AuditCanonicalTests {
    func entry(actor: String, summary: String) -> AuditEntry {
        AuditEntry(seq: 7, at: Date(timeIntervalSince1970: 1.5), actor: actor, action: "a", objectType: "t", objectID: "1",
                   summary: summary, clientAddress: "ip", prevHash: "p", hash: "")
    }

    @Test func separatorsInsideFieldsAreEscapedSoFieldsCannotBeShifted() {
        #expect(entry(actor: "x", summary: "s").canonical == "7|1500|x|a|t|1|s|ip|p")
        #expect(entry(actor: "x|y", summary: "a\\b").canonical == "7|1500|x\\|y|a|t|1|a\\\\b|ip|p")
        #expect(entry(actor: "x|a", summary: "s").canonical != entry(actor: "x", summary: "s").canonical)
    }
}
