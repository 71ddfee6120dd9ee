import Foundation

/// 走访方式.
public enum VisitMethod: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"   // 入户
    case phone                    // 电话
    case meeting                  // 座谈/会面
}

/// 走访事由. One visit may serve several (进1次门、干多件事).
public enum VisitCategory: String, Sendable, Codable, CaseIterable {
    case routine                    // 日常走访
    case mustVisit = "must_visit"   // 五必访
    case care                       // 关爱慰问
    case returnVisit = "return_visit" // 回访
    case publicity                  // 宣传
    case inspection                 // 检查
    case homeService = "home_service" // 上门服务
}

/// What a visit found; each becomes its own record linked to the visit.
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    case need        // 急难愁盼
    case suggestion  // 意见建议
    case dispute     // 矛盾纠纷
    case hazard      // 隐患
    case clue        // 线索
}

public struct FindingInput: Sendable, Codable, Equatable {
    public var kind: String
    public var description: String
    public init(kind: String, description: String) { self.kind = kind; self.description = description }
}

/// A visit as submitted, before it is trusted. `clientID` is made by the client (a form or a
/// phone app) so that a visit sent twice — a double tap, a retried upload — is stored once.
public struct VisitInput: Sendable, Codable, Equatable {
    public var clientID: String
    public var householdID: Int64?
    public var placeID: Int64?
    public var residentIDs: [Int64]
    public var officerIDs: [Int64]
    public var companions: String?
    public var visitedAt: Date
    public var method: String
    public var categories: [String]
    public var notes: String?
    public var findings: [FindingInput]

    public init(clientID: String, householdID: Int64?, placeID: Int64? = nil, residentIDs: [Int64] = [], officerIDs: [Int64] = [],
                companions: String? = nil, visitedAt: Date, method: String, categories: [String], notes: String? = nil, findings: [FindingInput] = []) {
        self.clientID = clientID; self.householdID = householdID; self.placeID = placeID; self.residentIDs = residentIDs
        self.officerIDs = officerIDs; self.companions = companions; self.visitedAt = visitedAt; self.method = method
        self.categories = categories; self.notes = notes; self.findings = findings
    }

    private enum CodingKeys: String, CodingKey {
        case clientID, householdID, placeID, residentIDs, officerIDs, companions, visitedAt, method, categories, notes, findings
    }

    /// Lists a client leaves out are empty, as the API document says.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clientID: try c.decode(String.self, forKey: .clientID),
                  householdID: try c.decodeIfPresent(Int64.self, forKey: .householdID),
                  placeID: try c.decodeIfPresent(Int64.self, forKey: .placeID),
                  residentIDs: try c.decodeIfPresent([Int64].self, forKey: .residentIDs) ?? [],
                  officerIDs: try c.decodeIfPresent([Int64].self, forKey: .officerIDs) ?? [],
                  companions: try c.decodeIfPresent(String.self, forKey: .companions),
                  visitedAt: try c.decode(Date.self, forKey: .visitedAt),
                  method: try c.decode(String.self, forKey: .method),
                  categories: try c.decode([String].self, forKey: .categories),
                  notes: try c.decodeIfPresent(String.self, forKey: .notes),
                  findings: try c.decodeIfPresent([FindingInput].self, forKey: .findings) ?? [])
    }
}

public struct ValidFinding: Sendable, Equatable {
    public var kind: FindingKind
    public var description: String
}

public struct ValidVisit: Sendable, Equatable {
    public var clientID: String
    public var target: Target
    public var residentIDs: [Int64]
    public var officerIDs: [Int64]
    public var companions: String
    public var visitedAt: Date
    public var method: VisitMethod
    public var categories: [VisitCategory]
    public var notes: String
    public var findings: [ValidFinding]

    public enum Target: Sendable, Equatable { case household(Int64), place(Int64) }
}

public enum VisitRules {
    /// Clocks on phones drift; a visit a few minutes "in the future" is still today's visit.
    public static let futureTolerance: TimeInterval = 5 * 60
    /// Older paper records belong to an import, not to field capture.
    public static let maxAge: TimeInterval = 400 * 86400
    public static let maxNotes = 2000, maxFinding = 500, maxFindings = 20

    /// Checks every field and reports all problems at once. Scope (does the household exist
    /// for this caller?) is checked by the store, which knows the jurisdiction.
    public static func validate(_ input: VisitInput, now: Date) -> Result<ValidVisit, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }

        let cid = input.clientID.trimmed
        if let p = QueueRules.clientIDProblem(cid) { fail("clientID", p) }

        var target: ValidVisit.Target?
        switch (input.householdID, input.placeID) {
        case (let h?, nil): target = .household(h)
        case (nil, let p?): target = .place(p)
        case (nil, nil): fail("householdID", .required)
        case (_?, _?): fail("placeID", .invalidChoice)
        }

        if let p = QueueRules.timeProblem(input.visitedAt, now: now) { fail("visitedAt", p) }

        let method = VisitMethod(rawValue: input.method)
        if method == nil { fail("method", .invalidChoice) }

        var categories: [VisitCategory] = []
        for raw in input.categories { if let c = VisitCategory(rawValue: raw), !categories.contains(c) { categories.append(c) } }
        if input.categories.isEmpty { fail("categories", .required) }
        else if input.categories.contains(where: { VisitCategory(rawValue: $0) == nil }) { fail("categories", .invalidChoice) }

        let notes = (input.notes ?? "").trimmed
        if notes.count > maxNotes { fail("notes", .tooLong) }

        var findings: [ValidFinding] = []
        if input.findings.count > maxFindings { fail("findings", .tooLong) }
        for (i, f) in input.findings.enumerated() {
            let text = f.description.trimmed
            guard let kind = FindingKind(rawValue: f.kind) else { fail("findings.\(i).kind", .invalidChoice); continue }
            if text.isEmpty { fail("findings.\(i).description", .required) }
            else if text.count > maxFinding { fail("findings.\(i).description", .tooLong) }
            else { findings.append(ValidFinding(kind: kind, description: text)) }
        }

        guard errors.isEmpty, let target, let method else { return .failure(ValidationFailure(errors)) }
        return .success(ValidVisit(clientID: cid, target: target, residentIDs: Array(Set(input.residentIDs)).sorted(),
                                   officerIDs: Array(Set(input.officerIDs)).sorted(),
                                   companions: (input.companions ?? "").trimmed,
                                   visitedAt: input.visitedAt, method: method, categories: categories, notes: notes, findings: findings))
    }
}
