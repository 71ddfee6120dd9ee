import Foundation

/// 登录失败锁定: after `freeAttempts` failures for one account or one client address, further
/// attempts wait; each extra failure doubles the wait, up to `maxLock`.
public struct LoginThrottle: Sendable {
    public var freeAttempts = 5
    public var baseLock: TimeInterval = 60
    public var maxLock: TimeInterval = 3600
    /// Failures older than this are forgotten.
    public var window: TimeInterval = 3600
    public init() {}

    public func lockedUntil(failures: Int, lastFailure: Date) -> Date? {
        guard failures >= freeAttempts else { return nil }
        let doublings = min(failures - freeAttempts, 16)
        return lastFailure.addingTimeInterval(min(baseLock * pow(2, Double(doublings)), maxLock))
    }

    /// Counts failures as zero once the window has passed since the last one.
    public func effectiveFailures(_ failures: Int, lastFailure: Date, now: Date) -> Int {
        now.timeIntervalSince(lastFailure) > window ? 0 : failures
    }
}

/// 会话期限: 30 minutes idle, 12 hours absolute.
public struct SessionPolicy: Sendable {
    public var idle: TimeInterval = 30 * 60
    public var absolute: TimeInterval = 12 * 3600
    public init() {}
    public func isExpired(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) > idle || now.timeIntervalSince(createdAt) > absolute
    }
}

public enum PasswordPolicy {
    public static let minimumLength = 10
    public static func isAcceptable(_ password: String) -> Bool {
        password.count >= minimumLength && Set(password).count >= 4
    }
}
