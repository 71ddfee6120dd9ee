import Foundation

/// 调查轮次: a period, a questionnaire version and the units it covers, with its sample rule.
public struct RoundInput: Sendable, Codable, Equatable {
    public var name: String
    public var questionnaireID: Int64
    public var startDate: String
    public var endDate: String
    public var unitIDs: [Int64]
    public var mode: String
    /// Households per community for a random sample.
    public var perCommunity: Int?
    /// Recorded with the round; one is chosen when none is given.
    public var seed: UInt64?
    /// 配额: completed answers per community, at most.
    public var quota: Int?
    public var maxAttempts: Int?
    public init(name: String, questionnaireID: Int64, startDate: String, endDate: String, unitIDs: [Int64], mode: String,
                perCommunity: Int? = nil, seed: UInt64? = nil, quota: Int? = nil, maxAttempts: Int? = nil) {
        self.name = name; self.questionnaireID = questionnaireID; self.startDate = startDate; self.endDate = endDate; self.unitIDs = unitIDs
        self.mode = mode; self.perCommunity = perCommunity; self.seed = seed; self.quota = quota; self.maxAttempts = maxAttempts
    }
}

public struct ValidRound: Sendable, Equatable {
    public var name: String
    public var period: Period
    public var mode: SampleMode
    public var perCommunity: Int
    public var quota: Int?
    public var maxAttempts: Int
}

/// How a round was answered.
public enum SurveyChannel: String, Sendable, Codable, CaseIterable {
    case phone          // 电话
    case onSite = "on_site"   // 实地
    case online         // 网上（门户或一次性链接）
    case paper          // 纸质问卷录入
}

public enum RoundRules {
    public static let maxName = 60, maxDays = 120, maxPerCommunity = 10_000, defaultAttempts = 3, maxAttempts = 10, maxUnits = 50
    /// Seeds are whole numbers a spreadsheet or a JSON reader keeps exactly (up to 2⁵³ − 1).
    public static let maxSeed: UInt64 = 9_007_199_254_740_991

    public static func validate(_ input: RoundInput, today: Date, calendar: Calendar = .shanghai) -> Result<ValidRound, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        let name = input.name.trimmed
        if name.isEmpty { fail("name", .required) } else if name.count > maxName { fail("name", .tooLong) }
        let (period, periodErrors) = Period.planned(from: input.startDate, to: input.endDate, today: today, maxDays: maxDays, calendar: calendar)
        errors += periodErrors
        if input.unitIDs.isEmpty { fail("unitIDs", .required) } else if input.unitIDs.count > maxUnits { fail("unitIDs", .tooLarge) }
        if let s = input.seed, !(1...maxSeed).contains(s) { fail("seed", .outOfRange) }
        let mode = SampleMode(rawValue: input.mode)
        if mode == nil { fail("mode", input.mode.isEmpty ? .required : .invalidChoice) }
        let per = input.perCommunity ?? 0
        if mode == .random && !(1...maxPerCommunity).contains(per) { fail("perCommunity", input.perCommunity == nil ? .required : .outOfRange) }
        if let q = input.quota, !(1...maxPerCommunity).contains(q) { fail("quota", .outOfRange) }
        let attempts = input.maxAttempts ?? defaultAttempts
        if !(1...maxAttempts).contains(attempts) { fail("maxAttempts", .outOfRange) }
        guard errors.isEmpty, let period, let mode else { return .failure(ValidationFailure(errors)) }
        return .success(ValidRound(name: name, period: period, mode: mode, perCommunity: mode == .random ? per : 0, quota: input.quota, maxAttempts: attempts))
    }
}
