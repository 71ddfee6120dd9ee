import Foundation

/// The 1-3-5 standard (seed 002: "'1、3、5'分钟快速处置机制"): the duty desk acknowledges within
/// one minute, an officer is on scene within three, the alarm is handled (or reinforcement
/// called) within five. Each station may set its own, because remote rural stations differ.
public struct AlarmStandard: Sendable, Codable, Equatable {
    public var acknowledgeSeconds: Int
    public var arriveSeconds: Int
    public var handleSeconds: Int
    public static let standard = AlarmStandard(acknowledgeSeconds: 60, arriveSeconds: 180, handleSeconds: 300)
    public static let maxSeconds = 7_200
    public init(acknowledgeSeconds: Int, arriveSeconds: Int, handleSeconds: Int) {
        self.acknowledgeSeconds = acknowledgeSeconds; self.arriveSeconds = arriveSeconds; self.handleSeconds = handleSeconds
    }

    /// A station's stored limits (a row of `alarm_standards`, absent when it kept the standard).
    public init(stored acknowledge: Int?, _ arrive: Int?, _ handle: Int?) {
        guard let acknowledge else { self = .standard; return }
        self.init(acknowledgeSeconds: acknowledge, arriveSeconds: arrive ?? Self.standard.arriveSeconds, handleSeconds: handle ?? Self.standard.handleSeconds)
    }

    public func seconds(_ stage: AlarmStage) -> Int {
        switch stage {
        case .acknowledge: acknowledgeSeconds
        case .arrive: arriveSeconds
        case .handle: handleSeconds
        }
    }

    /// Each limit between 10 seconds and two hours, and the stages in order.
    public func validate() -> Result<AlarmStandard, ValidationFailure> {
        var errors: [FieldError] = []
        for (field, v) in [("acknowledgeSeconds", acknowledgeSeconds), ("arriveSeconds", arriveSeconds), ("handleSeconds", handleSeconds)]
        where v < 10 || v > Self.maxSeconds { errors.append(FieldError(field: field, problem: .invalidAmount)) }
        if errors.isEmpty && arriveSeconds < acknowledgeSeconds { errors.append(FieldError(field: "arriveSeconds", problem: .beforeStart)) }
        if errors.isEmpty && handleSeconds < arriveSeconds { errors.append(FieldError(field: "handleSeconds", problem: .beforeStart)) }
        return errors.isEmpty ? .success(self) : .failure(ValidationFailure(errors))
    }
}

public enum AlarmStage: String, Sendable, Codable, CaseIterable {
    case acknowledge   // 受理
    case arrive        // 到场
    case handle        // 处置 (结案或请求增援)
}

/// When each stage of one alarm was reached.
public struct AlarmTimes: Sendable, Equatable {
    public var pressedAt: Date
    public var acknowledgedAt: Date?
    public var arrivedAt: Date?
    public var reinforcedAt: Date?
    public var closedAt: Date?
    public init(pressedAt: Date, acknowledgedAt: Date? = nil, arrivedAt: Date? = nil, reinforcedAt: Date? = nil, closedAt: Date? = nil) {
        self.pressedAt = pressedAt; self.acknowledgedAt = acknowledgedAt; self.arrivedAt = arrivedAt; self.reinforcedAt = reinforcedAt; self.closedAt = closedAt
    }

    public func reached(_ stage: AlarmStage) -> Date? {
        switch stage {
        case .acknowledge: acknowledgedAt
        case .arrive: arrivedAt
        // Handled: closed, or reinforcement called, whichever came first.
        case .handle: [reinforcedAt, closedAt].compactMap { $0 }.min()
        }
    }
}

/// Where a stage stands against its limit.
public enum StageState: Sendable, Equatable {
    /// Reached within the limit, after so many seconds.
    case met(seconds: Int)
    /// Reached after the limit, or not reached and the limit passed.
    case missed(seconds: Int?)
    /// Not reached yet; so many seconds left.
    case pending(remaining: Int)
    /// The alarm was closed within the limit without this stage (a false alarm settled by phone).
    case skipped

    public var isMissed: Bool { if case .missed = self { true } else { false } }
}

public enum AlarmTiming {
    public static func state(_ stage: AlarmStage, _ times: AlarmTimes, _ standard: AlarmStandard, now: Date) -> StageState {
        let limit = standard.seconds(stage)
        if let at = times.reached(stage) {
            let s = Int(at.timeIntervalSince(times.pressedAt).rounded(.down))
            return s <= limit ? .met(seconds: s) : .missed(seconds: s)
        }
        let end = times.closedAt ?? now
        let elapsed = Int(end.timeIntervalSince(times.pressedAt).rounded(.down))
        if elapsed > limit { return .missed(seconds: nil) }
        return times.closedAt == nil ? .pending(remaining: limit - elapsed) : .skipped
    }

    public static func missed(_ times: AlarmTimes, _ standard: AlarmStandard, now: Date) -> [AlarmStage] {
        AlarmStage.allCases.filter { state($0, times, standard, now: now).isMissed }
    }

    /// Escalate once: still open, not acknowledged, and past the acknowledgement limit.
    public static func shouldEscalate(_ times: AlarmTimes, escalatedAt: Date?, _ standard: AlarmStandard, now: Date) -> Bool {
        times.closedAt == nil && times.acknowledgedAt == nil && escalatedAt == nil
            && now.timeIntervalSince(times.pressedAt) > Double(standard.acknowledgeSeconds)
    }

    /// The latest press time that is overdue for acknowledgement at `now` (for the escalation query).
    public static func escalationCutoff(_ standard: AlarmStandard, now: Date) -> Date {
        now.addingTimeInterval(-Double(standard.acknowledgeSeconds))
    }
}
