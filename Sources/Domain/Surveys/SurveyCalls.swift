import Foundation

/// 电话调查: each attempt's outcome, and where it leaves the sampled household.
public enum CallOutcome: String, Sendable, Codable, CaseIterable {
    case answered               // 接通并完成（随答案一并保存）
    case noAnswer = "no_answer" // 无人接听
    case refused                // 拒访
    case wrongNumber = "wrong_number" // 空号 / 错号
    case callback               // 约定回拨
}

/// Where a sampled household stands in its round.
public enum SampleStatus: String, Sendable, Codable, CaseIterable {
    case pending       // 待调查
    case completed     // 已完成
    case refused       // 拒访
    case unreachable   // 无法联系（空号，或次数用尽）
}

public enum SurveyCalls {
    public static let maxNote = 200

    /// The household's status after an attempt that did not complete the questionnaire; its
    /// next callback time, if any. `attempts` counts this attempt. A callback must be in the
    /// future and within the round; the last allowed attempt closes the household whatever it was.
    public static func after(_ outcome: CallOutcome, attempts: Int, maxAttempts: Int, callbackAt: Date?, now: Date, roundEnds: Date)
        -> Result<(SampleStatus, Date?), ValidationFailure> {
        switch outcome {
        case .answered: return .failure(ValidationFailure(field: "outcome", .invalidChoice))   // goes with the answers
        case .refused: return .success((.refused, nil))
        case .wrongNumber: return .success((.unreachable, nil))
        case .noAnswer: return .success((attempts >= maxAttempts ? .unreachable : .pending, nil))
        case .callback:
            guard let at = callbackAt else { return .failure(ValidationFailure(field: "callbackAt", .required)) }
            if at <= now { return .failure(ValidationFailure(field: "callbackAt", .inPast)) }
            if at >= roundEnds { return .failure(ValidationFailure(field: "callbackAt", .roundClosed)) }
            return .success(attempts >= maxAttempts ? (.unreachable, nil) : (.pending, at))
        }
    }
}
