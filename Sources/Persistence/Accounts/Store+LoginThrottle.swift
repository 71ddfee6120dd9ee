import Domain
import Foundation
import SQLKit

/// Failed sign-ins counted in the database, so every instance sees the same lockout.
extension Store {
    public func lockedUntil(keys: [String], throttle: LoginThrottle = LoginThrottle()) async throws -> Date? {
        let t = now()
        let rows = try await sql.select().column("*").from("login_failures").where("id", .in, keys).all()
        return try rows.compactMap { r -> Date? in
            let last = try r.decode(column: "last_failure_at", as: Date.self)
            let n = throttle.effectiveFailures(try r.decode(column: "failures", as: Int.self), lastFailure: last, now: t)
            return throttle.lockedUntil(failures: n, lastFailure: last).flatMap { $0 > t ? $0 : nil }
        }.max()
    }

    public func recordLoginFailure(keys: [String], clientAddress: String, username: String, throttle: LoginThrottle = LoginThrottle()) async throws {
        let t = now()
        try await write { tx in
            for key in keys {
                let existing = try await tx.select().column("*").from("login_failures").where("id", .equal, key).first()
                if let existing {
                    let last = try existing.decode(column: "last_failure_at", as: Date.self)
                    let n = throttle.effectiveFailures(try existing.decode(column: "failures", as: Int.self), lastFailure: last, now: t)
                    try await tx.update("login_failures").set("failures", to: n + 1).set("last_failure_at", to: t).where("id", .equal, key).run()
                } else {
                    try await tx.insert(into: "login_failures").columns("id", "failures", "last_failure_at").values(SQLBind(key), SQLBind(1), SQLBind(t)).run()
                }
            }
            let who = Caller(userID: nil, username: "anonymous", role: .resident, jurisdiction: .nothing, clientAddress: clientAddress)
            try await audit(tx, who, "auth.failure", "user", username, "failed sign-in")
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await write { tx in try await tx.delete(from: "login_failures").where("id", .equal, key).run() }
    }
}
