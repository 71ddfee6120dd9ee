import Foundation

/// 巡逻方式.
public enum PatrolMode: String, Sendable, Codable, CaseIterable {
    case foot       // 步巡
    case car        // 车巡
    case ebike      // 电动车
}

/// Starting a patrol: where, how, who comes along. The officer who starts it is always on it.
public struct PatrolStart: Sendable, Codable, Equatable {
    public var gridIDs: [Int64]
    public var mode: String
    /// Officers and auxiliaries of the station who go along.
    public var companionIDs: [Int64]
    /// Residents and volunteers on a joint patrol (警民联防): how many, and their names if given.
    public var residents: Int
    public var residentNames: String
    public init(gridIDs: [Int64], mode: String, companionIDs: [Int64] = [], residents: Int = 0, residentNames: String = "") {
        self.gridIDs = gridIDs; self.mode = mode; self.companionIDs = companionIDs; self.residents = residents; self.residentNames = residentNames
    }

    private enum CodingKeys: String, CodingKey { case gridIDs, mode, companionIDs, residents, residentNames }
    /// Lists and counts a client leaves out are empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(gridIDs: try c.decodeIfPresent([Int64].self, forKey: .gridIDs) ?? [], mode: try c.decode(String.self, forKey: .mode),
                  companionIDs: try c.decodeIfPresent([Int64].self, forKey: .companionIDs) ?? [], residents: try c.decodeIfPresent(Int.self, forKey: .residents) ?? 0,
                  residentNames: try c.decodeIfPresent(String.self, forKey: .residentNames) ?? "")
    }
}

public struct ValidPatrolStart: Sendable, Equatable {
    public var gridIDs: [Int64]
    public var mode: PatrolMode
    public var companionIDs: [Int64]
    public var residents: Int
    public var residentNames: String
    /// The person-patrols (人次) it counts.
    public var officers: Int { PatrolRules.officers(companions: companionIDs.count) }
}

public enum PatrolRules {
    public static let maxGrids = 50, maxCompanions = 50, maxResidents = 500, maxNote = 2_000

    /// `starter`: the account starting it, never counted twice.
    public static func validateStart(_ input: PatrolStart, starter: Int64?) -> Result<ValidPatrolStart, ValidationFailure> {
        var errors: [FieldError] = []
        let grids = input.gridIDs.reduce(into: [Int64]()) { if !$0.contains($1) { $0.append($1) } }
        if grids.isEmpty { errors.append(FieldError(field: "gridIDs", problem: .required)) } else if input.gridIDs.count > maxGrids { errors.append(FieldError(field: "gridIDs", problem: .tooLong)) }
        let mode = PatrolMode(rawValue: input.mode)
        if mode == nil { errors.append(FieldError(field: "mode", problem: .invalidChoice)) }
        let companions = input.companionIDs.reduce(into: [Int64]()) { if $1 != starter && !$0.contains($1) { $0.append($1) } }
        if input.companionIDs.count > maxCompanions { errors.append(FieldError(field: "companionIDs", problem: .tooLong)) }
        if !(0...maxResidents).contains(input.residents) { errors.append(FieldError(field: "residents", problem: .invalidChoice)) }
        let names = input.residentNames.trimmed
        if names.count > maxNote { errors.append(FieldError(field: "residentNames", problem: .tooLong)) }
        guard errors.isEmpty, let mode else { return .failure(ValidationFailure(errors)) }
        return .success(ValidPatrolStart(gridIDs: grids, mode: mode, companionIDs: companions, residents: input.residents, residentNames: names))
    }

    /// A patrol ends once, not before it started (to the minute a form can give) and not ahead of now.
    public static func validateEnd(startedAt: Date, endedAt: Date, alreadyEnded: Bool, now: Date) -> FieldError? {
        if alreadyEnded { return FieldError(field: "endedAt", problem: .notAllowedNow) }
        if endedAt < startedAt.addingTimeInterval(-ChinaTime.formSlack) { return FieldError(field: "endedAt", problem: .beforeStart) }
        if endedAt > now.addingTimeInterval(300) { return FieldError(field: "endedAt", problem: .inFuture) }
        return nil
    }

    /// What was found on the way (隐患, 纠纷, 线索 …): a kind and what it is, as on a visit.
    public static func validateFinding(_ input: FindingInput) -> Result<ValidFinding, ValidationFailure> {
        var errors: [FieldError] = []
        let kind = FindingKind(rawValue: input.kind), text = input.description.trimmed
        if kind == nil { errors.append(FieldError(field: "findingKind", problem: .invalidChoice)) }
        if text.isEmpty { errors.append(FieldError(field: "description", problem: .required)) } else if text.count > VisitRules.maxFinding { errors.append(FieldError(field: "description", problem: .tooLong)) }
        guard errors.isEmpty, let kind else { return .failure(ValidationFailure(errors)) }
        return .success(ValidFinding(kind: kind, description: text))
    }

    /// 人次: every officer and auxiliary on a patrol counts once for it, as the seed's
    /// "全警参与巡逻342人次" does; residents on a joint patrol are counted apart.
    public static func personPatrols(_ patrols: [(companions: Int, residents: Int)]) -> Int {
        patrols.reduce(0) { $0 + officers(companions: $1.companions) }
    }

    /// One patrol's 人次: the officer who started it and each one along.
    public static func officers(companions: Int) -> Int { 1 + companions }
}
