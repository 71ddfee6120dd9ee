import Foundation

/// 专项活动 ("大走访", "五进五民", a festival care drive): a period, a scope of units and a kind
/// of target. Creating one gives every target in scope a task for its grid's officer, due at
/// the end of the campaign.
public enum CampaignTarget: Sendable, Equatable, Codable {
    case households                     // every household in scope
    case residents(tags: [ResidentTag]) // residents with any of the tags
    case careSubjects                   // every 关爱对象 (a festival drive)
    case places(kind: PlaceKind)

    public var kindCode: String {
        switch self {
        case .households: "households"
        case .residents: "residents"
        case .careSubjects: "care_subjects"
        case .places: "places"
        }
    }

    public static let kindCodes = ["households", "residents", "care_subjects", "places"]
}

public struct CampaignInput: Sendable, Codable, Equatable {
    public var name: String
    public var startDate: String
    public var endDate: String
    public var unitIDs: [Int64]
    public var target: String
    public var tags: [String]?
    public var placeKind: String?

    public init(name: String, startDate: String, endDate: String, unitIDs: [Int64], target: String, tags: [String]? = nil, placeKind: String? = nil) {
        self.name = name; self.startDate = startDate; self.endDate = endDate; self.unitIDs = unitIDs
        self.target = target; self.tags = tags; self.placeKind = placeKind
    }
}

public struct ValidCampaign: Sendable, Equatable {
    public var name: String
    public var period: Period
    public var unitIDs: [Int64]
    public var target: CampaignTarget

    /// Tasks fall due at the last moment of the campaign's last day.
    public var dueAt: Date { period.end.addingTimeInterval(-1) }
}

public enum CampaignRules {
    public static let maxName = 60, maxDays = 366

    /// Every problem at once. Whether the units exist and lie in the caller's jurisdiction is
    /// the store's check.
    public static func validate(_ input: CampaignInput, today: Date, calendar: Calendar = .shanghai) -> Result<ValidCampaign, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }

        let name = input.name.trimmed
        if name.isEmpty { fail("name", .required) } else if name.count > maxName { fail("name", .tooLong) }

        let (period, periodErrors) = Period.planned(from: input.startDate, to: input.endDate, today: today, maxDays: maxDays, calendar: calendar)
        errors += periodErrors

        if input.unitIDs.isEmpty { fail("unitIDs", .required) }

        var target: CampaignTarget?
        switch input.target {
        case "households": target = .households
        case "care_subjects": target = .careSubjects
        case "residents":
            let parsed = ResidentTag.parseList((input.tags ?? []).joined(separator: ";"))
            if !parsed.unknown.isEmpty { fail("tags", .unknownTag) }
            else if parsed.tags.isEmpty { fail("tags", .required) }
            else { target = .residents(tags: parsed.tags) }
        case "places":
            if let kind = input.placeKind.flatMap(PlaceKind.init(rawValue:)) { target = .places(kind: kind) }
            else { fail("placeKind", input.placeKind?.isEmpty ?? true ? .required : .invalidChoice) }
        case "": fail("target", .required)
        default: fail("target", .invalidChoice)
        }

        guard errors.isEmpty, let period, let target else { return .failure(ValidationFailure(errors)) }
        return .success(ValidCampaign(name: name, period: period, unitIDs: Array(Set(input.unitIDs)).sorted(), target: target))
    }
}

/// Done over total, for a campaign or any part of it.
public struct TaskProgress: Sendable, Equatable, Codable {
    public var total: Int
    public var done: Int
    public var overdue: Int

    public init(total: Int, done: Int, overdue: Int = 0) { self.total = total; self.done = done; self.overdue = overdue }

    public var rate: Double? { total == 0 ? nil : Double(done) / Double(total) }
    public var percentText: String { Percent.text(done, of: total) }

    public static func + (a: TaskProgress, b: TaskProgress) -> TaskProgress {
        TaskProgress(total: a.total + b.total, done: a.done + b.done, overdue: a.overdue + b.overdue)
    }
    public static let zero = TaskProgress(total: 0, done: 0)
}

/// A campaign's progress rolled up from per-grid, per-officer counts.
public struct CampaignProgress: Sendable, Equatable {
    /// One counted group as SQL returns it: the task's grid path and its officer.
    public struct Count: Sendable, Equatable {
        public var gridPath: String
        public var assigneeID: Int64?
        public var progress: TaskProgress
        public init(gridPath: String, assigneeID: Int64?, progress: TaskProgress) {
            self.gridPath = gridPath; self.assigneeID = assigneeID; self.progress = progress
        }
    }

    public var overall: TaskProgress
    /// Keyed by unit path: every station, community/village and grid that has tasks.
    public var byUnit: [String: TaskProgress]
    /// Keyed by officer id; nil = tasks waiting for a grid officer to be named.
    public var byOfficer: [Int64?: TaskProgress]

    public init(counts: [Count]) {
        var byUnit: [String: TaskProgress] = [:], byOfficer: [Int64?: TaskProgress] = [:]
        for c in counts {
            // Every ancestor below the bureau: /B/S/C/G/ → /B/S/, /B/S/C/, /B/S/C/G/.
            let codes = c.gridPath.split(separator: "/")
            for depth in stride(from: 2, through: codes.count, by: 1) {
                let path = "/" + codes.prefix(depth).joined(separator: "/") + "/"
                byUnit[path, default: .zero] = byUnit[path, default: .zero] + c.progress
            }
            byOfficer[c.assigneeID, default: .zero] = byOfficer[c.assigneeID, default: .zero] + c.progress
        }
        self.overall = counts.reduce(.zero) { $0 + $1.progress }
        self.byUnit = byUnit
        self.byOfficer = byOfficer
    }
}

/// "87.5%" — one decimal, rounded down, so that 199/200 does not read as 100 %; "—" when
/// there is nothing to count.
public enum Percent {
    public static func text(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = part * 1000 / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
