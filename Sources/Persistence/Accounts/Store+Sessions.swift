import Crypto
import Domain
import Foundation
import SQLKit

/// Web sessions and API tokens: one table, secrets stored only as SHA-256, shared by every instance.
extension Store {
    public enum SessionKind: String, Sendable { case web, api }

    /// Returns the secret to hand to the client; only its SHA-256 is stored.
    public func startSession(account: Account, kind: SessionKind, clientAddress: String) async throws -> String {
        let secret = Self.randomToken()
        let t = now()
        let row = AuthSessionRow(id: Self.sessionKey(secret), userId: account.id, kind: kind.rawValue, createdAt: t, lastSeenAt: t, clientAddress: clientAddress)
        try await write { tx in
            try await insertBuilder(tx, "auth_sessions", [row]).run()
            try await audit(tx, account.caller(clientAddress: clientAddress), "auth.login", "user", String(account.id), kind.rawValue, at: account.unitPath)
        }
        return secret
    }

    /// The account behind a live session; expired ones are deleted on sight. Activity is
    /// recorded at most once a minute so that reading pages does not turn into writes.
    /// One query (the session joined to its account and unit), or none when this server checked
    /// the same session within the last seconds (see `SessionCache`).
    public func session(secret: String, kind: SessionKind, policy: SessionPolicy = SessionPolicy()) async throws -> Account? {
        let key = Self.sessionKey(secret)
        let t = now()
        var entry: SessionCache.Entry
        var changed = false   // loaded from the database or its activity moved: remember it
        if let hit = sessionCache.entry(key, kind: kind, now: t) {
            entry = hit
        } else {
            guard let row = try await accountQuery()
                .columns(SQLRaw("s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at"))
                .join(SQLAlias(SQLIdentifier("auth_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.user_id = u.id"))
                .where(SQLColumn("id", table: "s"), .equal, SQLBind(key))
                .where(SQLColumn("kind", table: "s"), .equal, SQLBind(kind.rawValue))
                .first() else { return nil }
            entry = SessionCache.Entry(kind: kind, account: try row.decode(model: AccountRow.self, with: Store.rowDecoder).account,
                                       createdAt: try row.decode(column: "session_created_at", as: Date.self),
                                       lastSeenAt: try row.decode(column: "session_last_seen_at", as: Date.self), loadedAt: t)
            changed = true
        }
        if policy.isExpired(createdAt: entry.createdAt, lastSeenAt: entry.lastSeenAt, now: t) {
            sessionCache.remove(key)
            try await write { tx in try await tx.delete(from: "auth_sessions").where("id", .equal, key).run() }
            return nil
        }
        guard !entry.account.disabled else { return nil }
        if t.timeIntervalSince(entry.lastSeenAt) > 60 {
            try await write { tx in try await tx.update("auth_sessions").set("last_seen_at", to: t).where("id", .equal, key).run() }
            entry.lastSeenAt = t
            changed = true
        }
        if changed { sessionCache.store(entry, for: key) }
        return entry.account
    }

    public func endSession(secret: String) async throws {
        let key = Self.sessionKey(secret)
        try await write { tx in try await tx.delete(from: "auth_sessions").where("id", .equal, key).run() }
        sessionCache.remove(key)
    }

    static func sessionKey(_ secret: String) -> String { Data(SHA256.hash(data: Data(secret.utf8))).hexString }

    /// Letters and digits without look-alikes (no 0/O, 1/l/I): easy to type from paper or a phone.
    public static func readableToken(length: Int) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &g)! })
    }

    public static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &g) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
