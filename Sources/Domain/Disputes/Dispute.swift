import Foundation

/// 纠纷类型: data an administrator can extend; the seed is the types stations report on.
public struct DisputeType: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var active: Bool
    public init(code: String, name: String, active: Bool = true) { self.code = code; self.name = name; self.active = active }

    public static let seed: [DisputeType] = [
        DisputeType(code: "neighbour", name: "邻里纠纷"), DisputeType(code: "family", name: "婚姻家庭纠纷"),
        DisputeType(code: "land", name: "土地山林纠纷"), DisputeType(code: "housing", name: "房屋宅基地纠纷"),
        DisputeType(code: "labour", name: "劳资纠纷"), DisputeType(code: "consumer", name: "经济消费纠纷"),
        DisputeType(code: "traffic", name: "交通事故纠纷"), DisputeType(code: "other", name: "其他纠纷"),
    ]

    /// An administrator's new or changed type; every problem at once.
    public static func validate(code: String, name: String, active: Bool) -> Result<DisputeType, ValidationFailure> {
        var errors: [FieldError] = []
        let n = name.trimmed
        if !SettingCode.isValid(code) { errors.append(FieldError(field: "code", problem: .invalidCode)) }
        if n.isEmpty { errors.append(FieldError(field: "name", problem: .required)) } else if n.count > SettingCode.maxName { errors.append(FieldError(field: "name", problem: .tooLong)) }
        return errors.isEmpty ? .success(DisputeType(code: code, name: n, active: active)) : .failure(ValidationFailure(errors))
    }
}

/// 排查来源: where a dispute came to the station's notice.
public enum DisputeSource: String, Sendable, Codable, CaseIterable {
    case visit                   // 走访发现
    case hotline                 // 电话
    case walkIn = "walk_in"      // 来访
    case request                 // 诉求转入
    case meeting                 // 恳谈会
    case patrol                  // 巡逻发现
}

/// 风险等级. 高: a risk of violence, or of the dispute turning criminal (民转刑).
public enum DisputeRisk: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high
    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// 当事人一方.
public enum PartySide: String, Sendable, Codable, CaseIterable {
    case applicant     // 申请方
    case respondent    // 被申请方
    case other         // 其他
}

/// Where a dispute stands. 化解, 转交 and 终止 end the mediation; a flare-up after 化解 reopens it.
public enum DisputeStatus: String, Sendable, Codable, CaseIterable {
    case open          // 调解中
    case resolved      // 已化解
    case referred      // 已转交
    case terminated    // 已终止

    public var isOpen: Bool { self == .open }
}

/// A party as submitted: a registered resident, or an outside person by name and phone.
public struct PartyInput: Sendable, Codable, Equatable {
    public var residentID: Int64?
    public var name: String?
    public var phone: String?
    public var side: String
    public init(residentID: Int64? = nil, name: String? = nil, phone: String? = nil, side: String) {
        self.residentID = residentID; self.name = name; self.phone = phone; self.side = side
    }
}

public struct DisputeInput: Sendable, Codable, Equatable {
    public var typeCode: String
    public var summary: String
    public var gridID: Int64
    /// The grid's own officer when absent.
    public var officerID: Int64?
    public var risk: String
    public var source: String
    public var findingID: Int64?
    public var requestID: Int64?
    public var meetingID: Int64?
    public var patrolID: Int64?
    public var parties: [PartyInput]

    public init(typeCode: String, summary: String, gridID: Int64, officerID: Int64? = nil, risk: String, source: String,
                findingID: Int64? = nil, requestID: Int64? = nil, meetingID: Int64? = nil, patrolID: Int64? = nil, parties: [PartyInput]) {
        self.typeCode = typeCode; self.summary = summary; self.gridID = gridID; self.officerID = officerID; self.risk = risk
        self.source = source; self.findingID = findingID; self.requestID = requestID; self.meetingID = meetingID; self.patrolID = patrolID; self.parties = parties
    }
}

public struct ValidParty: Sendable, Equatable {
    public enum Who: Sendable, Equatable { case resident(Int64), outside(name: String, phone: String?) }
    public var who: Who
    public var side: PartySide
}

public struct ValidDispute: Sendable, Equatable {
    public var type: DisputeType
    public var summary: String
    public var risk: DisputeRisk
    public var source: DisputeSource
    public var parties: [ValidParty]
}

public enum DisputeRules {
    public static let maxSummary = 2_000, maxParties = 20, maxName = 50

    /// Checks what can be checked without the database; the store checks that the grid, the
    /// officer, the residents and the linked record are in the caller's reach.
    public static func validate(_ input: DisputeInput, types: [DisputeType]) -> Result<ValidDispute, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        let type = types.first { $0.code == input.typeCode && $0.active }
        if type == nil { fail("typeCode", .invalidChoice) }
        let summary = input.summary.trimmed
        if summary.isEmpty { fail("summary", .required) } else if summary.count > maxSummary { fail("summary", .tooLong) }
        let risk = DisputeRisk(rawValue: input.risk)
        if risk == nil { fail("risk", .invalidChoice) }
        let source = DisputeSource(rawValue: input.source)
        if source == nil { fail("source", .invalidChoice) }
        // The linked record must match the source: a visit's finding, a request, a meeting.
        switch source {
        case .visit: if input.findingID == nil { fail("findingID", .required) }
        case .request: if input.requestID == nil { fail("requestID", .required) }
        case .meeting: if input.meetingID == nil { fail("meetingID", .required) }
        case .patrol: if input.patrolID == nil { fail("patrolID", .required) }
        default: break
        }
        var parties: [ValidParty] = []
        if input.parties.isEmpty { fail("parties", .required) } else if input.parties.count > maxParties { fail("parties", .tooLong) }
        var residents = Set<Int64>()
        for (i, p) in input.parties.prefix(maxParties).enumerated() {
            let side = PartySide(rawValue: p.side)
            if side == nil { fail("parties.\(i).side", .invalidChoice) }
            let name = (p.name ?? "").trimmed
            let phone = PhoneNumber.normalize(p.phone ?? "")
            var who: ValidParty.Who?
            if let r = p.residentID {
                if !name.isEmpty || !phone.isEmpty { fail("parties.\(i).name", .invalidChoice) }
                else if !residents.insert(r).inserted { fail("parties.\(i).residentID", .repeatedInFile) }
                else { who = .resident(r) }
            } else if name.isEmpty {
                fail("parties.\(i).name", .required)
            } else if name.count > maxName {
                fail("parties.\(i).name", .tooLong)
            } else if !phone.isEmpty && !PhoneNumber.isValid(phone) {
                fail("parties.\(i).phone", .invalidPhone)
            } else {
                who = .outside(name: name, phone: phone.isEmpty ? nil : phone)
            }
            if let who, let side { parties.append(ValidParty(who: who, side: side)) }
        }
        guard errors.isEmpty, let type, let risk, let source else { return .failure(ValidationFailure(errors)) }
        return .success(ValidDispute(type: type, summary: summary, risk: risk, source: source, parties: parties))
    }
}
