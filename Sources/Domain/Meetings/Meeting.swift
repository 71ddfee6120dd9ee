import Foundation

/// 恳谈会 / 座谈会 / 警风监督员座谈会.
public enum MeetingKind: String, Sendable, Codable, CaseIterable {
    case heartToHeart = "heart_to_heart"   // 恳谈会
    case forum                              // 座谈会
    case conductSupervisors = "conduct_supervisors"  // 警风监督员座谈会
}

/// Who came, by kind; the names go in the minutes.
public struct Attendance: Sendable, Codable, Equatable {
    public var residents: Int
    public var deputies: Int
    public var cadres: Int
    public var supervisors: Int
    public init(residents: Int = 0, deputies: Int = 0, cadres: Int = 0, supervisors: Int = 0) {
        self.residents = residents; self.deputies = deputies; self.cadres = cadres; self.supervisors = supervisors
    }
    public var total: Int { residents + deputies + cadres + supervisors }

    /// A kind left out of a JSON body counts 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(residents: try c.decodeIfPresent(Int.self, forKey: .residents) ?? 0, deputies: try c.decodeIfPresent(Int.self, forKey: .deputies) ?? 0,
                  cadres: try c.decodeIfPresent(Int.self, forKey: .cadres) ?? 0, supervisors: try c.decodeIfPresent(Int.self, forKey: .supervisors) ?? 0)
    }
    private enum CodingKeys: String, CodingKey { case residents, deputies, cadres, supervisors }
}

/// The on-site evaluation (现场测评), entered as counts per rating.
public struct Evaluation: Sendable, Codable, Equatable {
    public var satisfied: Int
    public var basicallySatisfied: Int
    public var dissatisfied: Int
    public init(satisfied: Int = 0, basicallySatisfied: Int = 0, dissatisfied: Int = 0) {
        self.satisfied = satisfied; self.basicallySatisfied = basicallySatisfied; self.dissatisfied = dissatisfied
    }
    public var answered: Int { satisfied + basicallySatisfied + dissatisfied }
    /// 满意率 = (满意 + 基本满意) ÷ 参评人数; "—" when nobody rated.
    public var rateText: String { Percent.text(satisfied + basicallySatisfied, of: answered) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(satisfied: try c.decodeIfPresent(Int.self, forKey: .satisfied) ?? 0,
                  basicallySatisfied: try c.decodeIfPresent(Int.self, forKey: .basicallySatisfied) ?? 0,
                  dissatisfied: try c.decodeIfPresent(Int.self, forKey: .dissatisfied) ?? 0)
    }
    private enum CodingKeys: String, CodingKey { case satisfied, basicallySatisfied, dissatisfied }
}

/// A suggestion raised at the meeting: it becomes a request linked to the meeting.
public struct MeetingSuggestion: Sendable, Codable, Equatable {
    public var categoryCode: String
    public var description: String
    public init(categoryCode: String, description: String) { self.categoryCode = categoryCode; self.description = description }
}

public struct MeetingInput: Sendable, Codable, Equatable {
    public var unitID: Int64
    public var kind: String
    public var heldOn: String        // yyyy-MM-dd, China time
    public var place: String
    public var attendance: Attendance
    public var minutes: String
    public var evaluation: Evaluation
    public var suggestions: [MeetingSuggestion]

    public init(unitID: Int64, kind: String, heldOn: String, place: String, attendance: Attendance, minutes: String,
                evaluation: Evaluation, suggestions: [MeetingSuggestion] = []) {
        self.unitID = unitID; self.kind = kind; self.heldOn = heldOn; self.place = place; self.attendance = attendance
        self.minutes = minutes; self.evaluation = evaluation; self.suggestions = suggestions
    }

    /// Minutes, evaluation and suggestions may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(unitID: try c.decode(Int64.self, forKey: .unitID), kind: try c.decode(String.self, forKey: .kind), heldOn: try c.decode(String.self, forKey: .heldOn),
                  place: try c.decode(String.self, forKey: .place), attendance: try c.decode(Attendance.self, forKey: .attendance),
                  minutes: try c.decodeIfPresent(String.self, forKey: .minutes) ?? "", evaluation: try c.decodeIfPresent(Evaluation.self, forKey: .evaluation) ?? Evaluation(),
                  suggestions: try c.decodeIfPresent([MeetingSuggestion].self, forKey: .suggestions) ?? [])
    }
    private enum CodingKeys: String, CodingKey { case unitID, kind, heldOn, place, attendance, minutes, evaluation, suggestions }
}

public struct ValidMeeting: Sendable, Equatable {
    public var unitID: Int64
    public var kind: MeetingKind
    public var heldAt: Date
    public var heldOn: String
    public var place: String
    public var attendance: Attendance
    public var minutes: String
    public var evaluation: Evaluation
    public var suggestions: [(category: RequestCategory, description: String)]

    public static func == (a: ValidMeeting, b: ValidMeeting) -> Bool {
        a.unitID == b.unitID && a.kind == b.kind && a.heldAt == b.heldAt && a.place == b.place && a.attendance == b.attendance
            && a.minutes == b.minutes && a.evaluation == b.evaluation && a.suggestions.map(\.description) == b.suggestions.map(\.description)
    }
}

public enum MeetingRules {
    public static let maxMinutes = 10_000, maxPlace = 100, maxSuggestions = 50, maxCount = 10_000

    public static func validate(_ input: MeetingInput, categories: [RequestCategory], now: Date) -> Result<ValidMeeting, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        let kind = MeetingKind(rawValue: input.kind)
        if kind == nil { fail("kind", .invalidChoice) }
        let day = Period.days(from: input.heldOn, to: input.heldOn)?.start
        if day == nil { fail("heldOn", .invalidDate) } else if day! > now { fail("heldOn", .inFuture) }
        let place = input.place.trimmed
        if place.isEmpty { fail("place", .required) } else if place.count > maxPlace { fail("place", .tooLong) }
        let a = input.attendance, e = input.evaluation
        for (f, n) in [("attendance.residents", a.residents), ("attendance.deputies", a.deputies), ("attendance.cadres", a.cadres),
                       ("attendance.supervisors", a.supervisors), ("evaluation.satisfied", e.satisfied),
                       ("evaluation.basicallySatisfied", e.basicallySatisfied), ("evaluation.dissatisfied", e.dissatisfied)] where !(0...maxCount).contains(n) {
            fail(f, .invalidChoice)
        }
        if a.total == 0 { fail("attendance", .required) }
        if e.answered > a.total { fail("evaluation", .moreThanAttended) }
        let minutes = input.minutes.trimmed
        if minutes.count > maxMinutes { fail("minutes", .tooLong) }
        var suggestions: [(RequestCategory, String)] = []
        if input.suggestions.count > maxSuggestions { fail("suggestions", .tooLong) }
        for (i, s) in input.suggestions.enumerated() {
            let text = s.description.trimmed
            let category = categories.first { $0.code == s.categoryCode && $0.active }
            if category == nil { fail("suggestions.\(i).categoryCode", .invalidChoice) }
            if text.isEmpty { fail("suggestions.\(i).description", .required) }
            else if text.count > RequestRules.maxDescription { fail("suggestions.\(i).description", .tooLong) }
            if let category, !text.isEmpty { suggestions.append((category, text)) }
        }
        guard errors.isEmpty, let kind, let day else { return .failure(ValidationFailure(errors)) }
        return .success(ValidMeeting(unitID: input.unitID, kind: kind, heldAt: day, heldOn: input.heldOn, place: place, attendance: a,
                                     minutes: minutes, evaluation: e, suggestions: suggestions))
    }
}
