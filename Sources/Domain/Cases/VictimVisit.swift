import Foundation

/// 被害人回访: what the visit to a crime victim records.
public struct VictimVisitInput: Sendable, Codable, Equatable {
    public var method: String
    public var satisfaction: String
    /// Each becomes a request of the victim's grid.
    public var needs: [String]
    public var advice: String
    public var notes: String
    public init(method: String, satisfaction: String, needs: [String] = [], advice: String = "", notes: String = "") {
        self.method = method; self.satisfaction = satisfaction; self.needs = needs; self.advice = advice; self.notes = notes
    }

    private enum CodingKeys: String, CodingKey { case method, satisfaction, needs, advice, notes }

    /// Needs, advice and notes may be left out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(method: try c.decode(String.self, forKey: .method), satisfaction: try c.decode(String.self, forKey: .satisfaction),
                  needs: try c.decodeIfPresent([String].self, forKey: .needs) ?? [], advice: try c.decodeIfPresent(String.self, forKey: .advice) ?? "",
                  notes: try c.decodeIfPresent(String.self, forKey: .notes) ?? "")
    }
}

public struct ValidVictimVisit: Sendable, Equatable {
    public var method: String
    public var satisfaction: Satisfaction
    public var needs: [String]
    public var advice: String
    public var notes: String
}

public enum VictimVisitRules {
    public static let methods = ["in_person", "phone"], maxText = 2_000, maxNeeds = 10
    /// Days after import that a victim's return visit is due, unless the work settings say otherwise.
    public static let defaultDueDays = 7

    /// Due at the end of the Nth day after the case arrived, China time.
    public static func due(importedAt: Date, days: Int) -> Date { MustVisitRule.endOfDay(days: days, after: importedAt, calendar: .shanghai) }

    /// 张*英: the given name's middle hidden, as lists and exports show a victim.
    public static func maskedName(_ name: String) -> String {
        let c = Array(name)
        switch c.count {
        case 0, 1: return name
        case 2: return String(c[0]) + "*"
        default: return String(c[0]) + String(repeating: "*", count: c.count - 2) + String(c[c.count - 1])
        }
    }

    public static func validate(_ input: VictimVisitInput) -> Result<ValidVictimVisit, ValidationFailure> {
        var errors: [FieldError] = []
        if !methods.contains(input.method) { errors.append(FieldError(field: "method", problem: .invalidChoice)) }
        let satisfaction = Satisfaction(rawValue: input.satisfaction)
        if satisfaction == nil { errors.append(FieldError(field: "satisfaction", problem: .invalidChoice)) }
        let needs = input.needs.map { $0.trimmed }.filter { !$0.isEmpty }
        if needs.count > maxNeeds { errors.append(FieldError(field: "needs", problem: .tooLong)) }
        for (i, n) in needs.enumerated() where n.count > RequestRules.maxDescription { errors.append(FieldError(field: "needs.\(i)", problem: .tooLong)) }
        let advice = input.advice.trimmed, notes = input.notes.trimmed
        if advice.count > maxText { errors.append(FieldError(field: "advice", problem: .tooLong)) }
        if notes.count > maxText { errors.append(FieldError(field: "notes", problem: .tooLong)) }
        guard errors.isEmpty, let satisfaction else { return .failure(ValidationFailure(errors)) }
        return .success(ValidVictimVisit(method: input.method, satisfaction: satisfaction, needs: needs, advice: advice, notes: notes))
    }
}
