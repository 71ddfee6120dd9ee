import Foundation

/// 和谐警铃: what a household raises (seed 003: "一户发生警情，8户都能接受报警信息").
public enum AlarmKind: String, Sendable, Codable, CaseIterable {
    case burglary   // 入室盗窃
    case fire       // 火情
    case medical    // 急病
    case fight      // 纠纷打斗
    case other      // 其他
}

/// How an alarm was closed. 演练 alarms, like alarms pressed as drills, stay out of the figures.
public enum AlarmOutcome: String, Sendable, Codable, CaseIterable {
    case real            // 真实警情
    case falseAlarm = "false"  // 误报
    case drill           // 演练
}

/// Where the press came from: the resident's phone page or a wired bell / gateway box.
public enum AlarmSource: String, Sendable, Codable, CaseIterable {
    case portal, device
}

/// One line of an alarm's timeline.
public enum AlarmStep: String, Sendable, Codable, CaseIterable {
    case raised            // 报警
    case seen              // 邻居：收到
    case going             // 邻居：我去看看
    case acknowledged      // 值班台受理
    case dispatched        // 派警
    case arrived           // 到场
    case reinforced        // 请求增援
    case escalated         // 超时未受理，升级
    case closed            // 结案
    case delivery          // 短信/语音网关投递
    case converted         // 真实警情转为诉求或纠纷
}

/// What the duty desk, the dispatched officer and the neighbours may do to an alarm.
public enum AlarmAction: String, Sendable, CaseIterable {
    case acknowledge   // 受理 (and 派警 when an officer is named)
    case dispatch      // 派警 / 改派
    case arrive        // 到场
    case reinforce     // 请求增援
    case close         // 结案
    case seen          // 邻居：收到
    case going         // 邻居：我去看看

    public var byNeighbour: Bool { self == .seen || self == .going }
}

/// The facts an action carries beyond itself.
public struct AlarmActionInput: Sendable, Codable, Equatable {
    public var officerID: Int64?
    public var outcome: String?
    public var notes: String?
    public init(officerID: Int64? = nil, outcome: String? = nil, notes: String? = nil) { self.officerID = officerID; self.outcome = outcome; self.notes = notes }
}

public struct AlarmInput: Sendable, Codable, Equatable {
    public var kind: String
    public var note: String?
    public var drill: Bool?
    public init(kind: String, note: String? = nil, drill: Bool? = nil) { self.kind = kind; self.note = note; self.drill = drill }
}

public struct ValidAlarm: Sendable, Equatable {
    public var kind: AlarmKind
    public var note: String
    public var drill: Bool
    public init(kind: AlarmKind, note: String, drill: Bool) { self.kind = kind; self.note = note; self.drill = drill }
}

/// How often one household may raise an alarm: a press while its alarm is still open returns
/// that alarm (a bell pressed twice is one alarm); beyond `maxAlarms` new alarms in `window`,
/// a press is refused until the oldest of them leaves the window.
public struct AlarmRateLimit: Sendable, Equatable {
    public var maxAlarms = 3
    public var window: TimeInterval = 600
    public init() {}

    /// When the household may raise again, or nil if it may now. `recent`: its alarms' press times.
    public func blockedUntil(recent: [Date], now: Date) -> Date? {
        let inWindow = recent.filter { now.timeIntervalSince($0) < window }.sorted()
        guard inWindow.count >= maxAlarms else { return nil }
        return inWindow[inWindow.count - maxAlarms].addingTimeInterval(window)
    }
}

public enum AlarmRules {
    public static let maxNote = 200, maxCloseNotes = 2_000

    public static func validate(_ input: AlarmInput) -> Result<ValidAlarm, ValidationFailure> {
        var errors: [FieldError] = []
        let kind = AlarmKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", problem: input.kind.trimmed.isEmpty ? .required : .invalidChoice)) }
        let note = (input.note ?? "").trimmed
        if note.count > maxNote { errors.append(FieldError(field: "note", problem: .tooLong)) }
        guard errors.isEmpty, let kind else { return .failure(ValidationFailure(errors)) }
        return .success(ValidAlarm(kind: kind, note: note, drill: input.drill ?? false))
    }

    /// 结案: an outcome is required; the notes are optional.
    public static func close(outcome raw: String?, notes: String?) -> Result<(AlarmOutcome, String), ValidationFailure> {
        var errors: [FieldError] = []
        let outcome = raw.flatMap(AlarmOutcome.init(rawValue:))
        if outcome == nil { errors.append(FieldError(field: "outcome", problem: (raw ?? "").trimmed.isEmpty ? .required : .invalidChoice)) }
        let text = (notes ?? "").trimmed
        if text.count > maxCloseNotes { errors.append(FieldError(field: "notes", problem: .tooLong)) }
        guard errors.isEmpty, let outcome else { return .failure(ValidationFailure(errors)) }
        return .success((outcome, text))
    }

    /// A drill is pressed as one or closed as one; either way it is not counted.
    public static func counts(drill: Bool, outcome: AlarmOutcome?) -> Bool { !drill && outcome != .drill }
}
