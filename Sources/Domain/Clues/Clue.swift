import Foundation

/// Where a clue (线索) came from.
public enum ClueSource: String, Sendable, Codable, CaseIterable {
    case visit                   // 走访发现
    case informant               // 信息员
    case patrol                  // 巡逻
    case walkIn = "walk_in"      // 群众来所
}

/// What came of a clue: 核实, 破案 (with the case number), 无价值, or still being checked.
public enum ClueOutcome: String, Sendable, Codable, CaseIterable {
    case open
    case verified
    case solved
    case noValue = "no_value"
}

public struct ClueInput: Sendable, Codable, Equatable {
    public var gridID: Int64
    public var source: String
    public var summary: String
    /// The visit's 线索 finding (source visit).
    public var findingID: Int64?
    /// The resident who reported it (source informant): a registered 信息员.
    public var informantID: Int64?
    /// The patrol it was found on (source patrol), when recorded from the patrol's page.
    public var patrolID: Int64?
    public init(gridID: Int64, source: String, summary: String, findingID: Int64? = nil, informantID: Int64? = nil, patrolID: Int64? = nil) {
        self.gridID = gridID; self.source = source; self.summary = summary; self.findingID = findingID; self.informantID = informantID; self.patrolID = patrolID
    }
}

public struct ValidClue: Sendable, Equatable {
    public var source: ClueSource
    public var summary: String
}

public enum ClueRules {
    public static let maxSummary = 2_000, maxCaseNumber = 40

    public static func validate(_ input: ClueInput) -> Result<ValidClue, ValidationFailure> {
        var errors: [FieldError] = []
        let source = ClueSource(rawValue: input.source)
        if source == nil { errors.append(FieldError(field: "source", problem: .invalidChoice)) }
        if source == .visit && input.findingID == nil { errors.append(FieldError(field: "findingID", problem: .required)) }
        if source == .informant && input.informantID == nil { errors.append(FieldError(field: "informantID", problem: .required)) }
        let summary = input.summary.trimmed
        if summary.isEmpty { errors.append(FieldError(field: "summary", problem: .required)) }
        else if summary.count > maxSummary { errors.append(FieldError(field: "summary", problem: .tooLong)) }
        guard errors.isEmpty, let source else { return .failure(ValidationFailure(errors)) }
        return .success(ValidClue(source: source, summary: summary))
    }

    /// 核实 / 破案 / 无价值 once, from open; 破案 names the case it led to.
    public static func outcome(_ raw: String, caseNumber: String?, current: ClueOutcome) -> Result<(ClueOutcome, String), ValidationFailure> {
        guard current == .open || current == .verified else { return .failure(ValidationFailure(field: "outcome", .notAllowedNow)) }
        guard let outcome = ClueOutcome(rawValue: raw), outcome != .open, outcome != current else { return .failure(ValidationFailure(field: "outcome", .invalidChoice)) }
        let number = (caseNumber ?? "").trimmed
        if outcome == .solved {
            if number.isEmpty { return .failure(ValidationFailure(field: "caseNumber", .required)) }
            if number.count > maxCaseNumber { return .failure(ValidationFailure(field: "caseNumber", .tooLong)) }
        }
        return .success((outcome, outcome == .solved ? number : ""))
    }

    /// The informant's identity: to leaders and to the officer who received the clue, no one else.
    public static func showsInformant(to caller: Caller, receivedBy: Int64?) -> Bool {
        caller.role.seesConfidential || (caller.userID != nil && caller.userID == receivedBy)
    }
}
