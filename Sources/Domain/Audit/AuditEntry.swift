import Foundation

/// 审计日志: one line per write or reveal. Entries are chained: each hash covers the previous
/// hash and this entry's canonical text, so an edited or deleted row breaks the chain.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: Date
    public var actor: String        // username, or "cli:<user>" for the command line
    public var action: String       // e.g. resident.create, resident.reveal, auth.login
    public var objectType: String
    public var objectID: String
    public var summary: String      // before/after summary, never plaintext personal data
    public var clientAddress: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, at: Date, actor: String, action: String, objectType: String, objectID: String,
                summary: String, clientAddress: String, prevHash: String, hash: String) {
        self.seq = seq; self.at = at; self.actor = actor; self.action = action; self.objectType = objectType
        self.objectID = objectID; self.summary = summary; self.clientAddress = clientAddress
        self.prevHash = prevHash; self.hash = hash
    }

    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact bytes hashed; milliseconds since 1970 so both databases round-trip the time.
    public var canonical: String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        var out = ""
        for (i, field) in [String(seq), String(millis), actor, action, objectType, objectID, summary, clientAddress, prevHash].enumerated() {
            if i > 0 { out.append("|") }
            // Escape the separator and the escape character (most fields contain neither).
            if field.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\\") }) {
                for c in field {
                    if c == "|" || c == "\\" { out.append("\\") }
                    out.append(c)
                }
            } else {
                out.append(field)
            }
        }
        return out
    }
}

public enum AuditChain {
    public enum Break: Sendable, Equatable {
        case hashMismatch(seq: Int64)
        case linkBroken(seq: Int64)
        case gap(after: Int64, next: Int64)
    }

    /// Walks entries in sequence order; `hash` computes the digest of a canonical text.
    /// A long log is checked in pages: pass where the previous page ended.
    public static func verify(_ entries: [AuditEntry], after lastSeq: Int64 = 0, prevHash: String = AuditEntry.genesisHash,
                              hash: (String) -> String) -> Break? {
        var prev = prevHash
        var lastSeq = lastSeq
        for e in entries {
            if e.seq != lastSeq + 1 { return .gap(after: lastSeq, next: e.seq) }
            if e.prevHash != prev { return .linkBroken(seq: e.seq) }
            if hash(e.canonical) != e.hash { return .hashMismatch(seq: e.seq) }
            prev = e.hash; lastSeq = e.seq
        }
        return nil
    }
}
