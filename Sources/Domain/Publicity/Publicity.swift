import Foundation

/// 宣传: an event on the ground (leaflets handed out, an audience) or online publicity (posts,
/// short videos, the station's screens).
public enum PublicityKind: String, Sendable, Codable, CaseIterable {
    case event
    case online
}

/// 宣传主题.
public enum PublicityTopic: String, Sendable, Codable, CaseIterable {
    case antiFraud = "anti_fraud"   // 反诈
    case traffic                    // 交通安全
    case fire                       // 防火
    case antiCult = "anti_cult"     // 反邪教
    case drugs                      // 禁毒
    case other                      // 其他
}

/// Where online publicity went out.
public enum PublicityChannel: String, Sendable, Codable, CaseIterable {
    case weibo, douyin, wechat
    case screen                     // 所内电子屏、社区大屏
    case other
}

public struct PublicityInput: Sendable, Codable, Equatable {
    public var kind: String
    public var topic: String
    /// The day, `2026-04-05`.
    public var heldOn: String
    public var unitID: Int64
    public var summary: String
    /// An event: where, how many came, how many leaflets went out, how many officers took part.
    public var place: String?
    public var audience: Int?
    public var leaflets: Int?
    public var officers: Int?
    /// Online: where, how many posts or videos, and their views if known.
    public var channel: String?
    public var posts: Int?
    public var views: Int?
    public init(kind: String, topic: String, heldOn: String, unitID: Int64, summary: String = "", place: String? = nil, audience: Int? = nil, leaflets: Int? = nil,
                officers: Int? = nil, channel: String? = nil, posts: Int? = nil, views: Int? = nil) {
        self.kind = kind; self.topic = topic; self.heldOn = heldOn; self.unitID = unitID; self.summary = summary; self.place = place; self.audience = audience
        self.leaflets = leaflets; self.officers = officers; self.channel = channel; self.posts = posts; self.views = views
    }

    private enum CodingKeys: String, CodingKey { case kind, topic, heldOn, unitID, summary, place, audience, leaflets, officers, channel, posts, views }
    /// A summary a client leaves out is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(String.self, forKey: .kind), topic: try c.decode(String.self, forKey: .topic), heldOn: try c.decode(String.self, forKey: .heldOn),
                  unitID: try c.decode(Int64.self, forKey: .unitID), summary: try c.decodeIfPresent(String.self, forKey: .summary) ?? "",
                  place: try c.decodeIfPresent(String.self, forKey: .place), audience: try c.decodeIfPresent(Int.self, forKey: .audience),
                  leaflets: try c.decodeIfPresent(Int.self, forKey: .leaflets), officers: try c.decodeIfPresent(Int.self, forKey: .officers),
                  channel: try c.decodeIfPresent(String.self, forKey: .channel), posts: try c.decodeIfPresent(Int.self, forKey: .posts),
                  views: try c.decodeIfPresent(Int.self, forKey: .views))
    }
}

public struct ValidPublicity: Sendable, Equatable {
    public var kind: PublicityKind
    public var topic: PublicityTopic
    public var heldOn: String
    public var summary: String
    public var place: String
    public var audience: Int
    public var leaflets: Int
    public var officers: Int
    public var channel: PublicityChannel?
    public var posts: Int
    public var views: Int?
}

public enum PublicityRules {
    public static let maxCount = 1_000_000, maxViews = 2_000_000_000, maxText = 2_000, maxPlace = 100

    /// Every problem at once; the day may not be ahead of `today`.
    public static func validate(_ input: PublicityInput, today: String) -> Result<ValidPublicity, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        func count(_ f: String, _ v: Int?, max: Int = maxCount) -> Int {
            guard let v else { return 0 }
            if !(0...max).contains(v) { fail(f, v < 0 ? .negativeAmount : .tooLarge) }
            return v
        }
        let kind = PublicityKind(rawValue: input.kind), topic = PublicityTopic(rawValue: input.topic)
        if kind == nil { fail("kind", .invalidChoice) }
        if topic == nil { fail("topic", .invalidChoice) }
        let day = input.heldOn.trimmed
        if !ResidentRules.isISODate(day) { fail("heldOn", .invalidDate) } else if day > today { fail("heldOn", .inFuture) }
        let summary = input.summary.trimmed, place = (input.place ?? "").trimmed
        if summary.count > maxText { fail("summary", .tooLong) }
        if place.count > maxPlace { fail("place", .tooLong) }
        let audience = count("audience", input.audience), leaflets = count("leaflets", input.leaflets), officers = count("officers", input.officers)
        let posts = count("posts", input.posts), views = input.views.map { count("views", $0, max: maxViews) }
        var channel: PublicityChannel?
        switch kind {
        case .event:
            if place.isEmpty { fail("place", .required) }
            if input.channel != nil || input.posts != nil || input.views != nil { fail("channel", .notAllowedNow) }
        case .online:
            channel = input.channel.flatMap(PublicityChannel.init(rawValue:))
            if channel == nil { fail("channel", .invalidChoice) }
            if posts < 1 { fail("posts", .required) }
            if input.audience != nil || input.leaflets != nil { fail("audience", .notAllowedNow) }
        case nil: break
        }
        guard errors.isEmpty, let kind, let topic else { return .failure(ValidationFailure(errors)) }
        return .success(ValidPublicity(kind: kind, topic: topic, heldOn: day, summary: summary, place: place, audience: audience, leaflets: leaflets,
                                       officers: officers, channel: channel, posts: posts, views: views))
    }
}
