import Foundation

/// 救助 / 帮助: what an officer did for people, counted as the stations report it.
public enum HelpKind: String, Sendable, Codable, CaseIterable {
    case rescue                          // 救助群众 (人)
    case personFound = "person_found"    // 找回走失老人、小孩、精神病患 (人)
    case property                        // 追回财物 (件: 电动车、三轮车、手机 …)
    case money                           // 追回 / 挽回现金 (元)
    case thanks                          // 群众致谢 (锦旗、感谢信)

    /// What the count of this kind counts: people, items, or (for money) nothing.
    public var countsPeople: Bool { self == .rescue || self == .personFound }
}

public struct HelpInput: Sendable, Codable, Equatable {
    public var kind: String
    public var detail: String
    /// People helped or found; items recovered; banners or letters received.
    public var count: Int?
    /// What was recovered or received: 电动车, 手机, 锦旗 …
    public var item: String?
    /// Yuan, as typed: "2500", "3,050.00".
    public var amount: String?
    public init(kind: String, detail: String = "", count: Int? = nil, item: String? = nil, amount: String? = nil) {
        self.kind = kind; self.detail = detail; self.count = count; self.item = item; self.amount = amount
    }

    private enum CodingKeys: String, CodingKey { case kind, detail, count, item, amount }
    /// A detail a client leaves out is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(String.self, forKey: .kind), detail: try c.decodeIfPresent(String.self, forKey: .detail) ?? "",
                  count: try c.decodeIfPresent(Int.self, forKey: .count), item: try c.decodeIfPresent(String.self, forKey: .item),
                  amount: try c.decodeIfPresent(String.self, forKey: .amount))
    }
}

public struct ValidHelp: Sendable, Equatable {
    public var kind: HelpKind
    public var detail: String
    public var count: Int
    public var item: String
    public var amountFen: Int64
}

public enum HelpRules {
    public static let maxDetail = 1_000, maxItem = 20, maxCount = 10_000

    public static func validate(_ input: HelpInput) -> Result<ValidHelp, ValidationFailure> {
        var errors: [FieldError] = []
        let kind = HelpKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", problem: .invalidChoice)) }
        let detail = input.detail.trimmed, item = (input.item ?? "").trimmed
        if detail.count > maxDetail { errors.append(FieldError(field: "detail", problem: .tooLong)) }
        var count = input.count ?? 1, fen: Int64 = 0
        if !(1...maxCount).contains(count) { errors.append(FieldError(field: "count", problem: .invalidChoice)) }
        let amount = (input.amount ?? "").trimmed
        if kind == .money {
            count = 0   // money is counted in fen, not in items
            switch Yuan.parse(amount) {
            case .success(let f) where f > 0: fen = f
            case .success: errors.append(FieldError(field: "amount", problem: .required))
            case .failure(let p): errors.append(FieldError(field: "amount", problem: amount.isEmpty ? .required : p))
            }
        } else if kind != nil {
            if !amount.isEmpty { errors.append(FieldError(field: "amount", problem: .notAllowedNow)) }
            if (kind == .property || kind == .thanks) && item.isEmpty { errors.append(FieldError(field: "item", problem: .required)) }
        }
        if item.count > maxItem { errors.append(FieldError(field: "item", problem: .tooLong)) }
        guard errors.isEmpty, let kind else { return .failure(ValidationFailure(errors)) }
        return .success(ValidHelp(kind: kind, detail: detail, count: count, item: kind == .money || kind.countsPeople ? "" : item, amountFen: fen))
    }
}
