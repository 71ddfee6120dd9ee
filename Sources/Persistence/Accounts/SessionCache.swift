import Foundation
import NIOConcurrencyHelpers

/// Sessions checked a moment ago, so that a busy client's requests do not each read the session
/// table: at district scale that read cost visit logging about a fifth of its throughput. An entry
/// is trusted for `ttl` seconds. Logging out, disabling an account and resetting a password take
/// effect on this server at once (they clear entries here); another server sharing the database
/// notices within `ttl`.
final class SessionCache: Sendable {
    struct Entry: Sendable {
        var kind: Store.SessionKind
        var account: Account
        var createdAt: Date
        var lastSeenAt: Date
        var loadedAt: Date
    }

    static let ttl: TimeInterval = 5
    /// Past this many live entries the cache starts over rather than grow without bound.
    static let capacity = 20_000

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    /// Keyed by the session's stored key alone (a hash of a random secret); a web cookie offered
    /// as an API token, or the reverse, is not a hit.
    func entry(_ key: String, kind: Store.SessionKind, now: Date) -> Entry? {
        entries.withLockedValue { entries in
            guard let hit = entries[key], hit.kind == kind else { return nil }
            // A clock set back also ends trust in the entry.
            guard hit.loadedAt <= now, now.timeIntervalSince(hit.loadedAt) < Self.ttl else {
                entries[key] = nil
                return nil
            }
            return hit
        }
    }

    func store(_ entry: Entry, for key: String) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    func remove(_ key: String) { _ = entries.withLockedValue { $0.removeValue(forKey: key) } }

    func removeAll() { entries.withLockedValue { $0.removeAll() } }
}
