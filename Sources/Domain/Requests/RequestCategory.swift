import Foundation

/// A request category (configurable) with its default deadline: 交办 sets the deadline to
/// the assignment time plus `deadlineDays`, at the end of that day, China time.
public struct RequestCategory: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var deadlineDays: Int
    public var active: Bool

    public init(code: String, name: String, deadlineDays: Int, active: Bool = true) {
        self.code = code; self.name = name; self.deadlineDays = deadlineDays; self.active = active
    }

    public static let maxDeadlineDays = 90

    /// 23:59:59 China time on the `deadlineDays`-th day after `from` (a day to finish the work
    /// on, not a time of day). Day arithmetic as the rollups count days (UTC+8 all year): every
    /// request a visit raises computes it, and `Calendar` took a tenth of the writer's event loop.
    public func deadline(from: Date) -> Date {
        RollupKeys.start(ofDay: RollupKeys.day(from) + deadlineDays + 1).addingTimeInterval(-1)
    }

    /// What a new installation starts with; an administrator changes names and deadlines.
    public static let seeded: [RequestCategory] = [
        RequestCategory(code: "public_order", name: "治安问题", deadlineDays: 7),
        RequestCategory(code: "neighbour", name: "邻里纠纷", deadlineDays: 15),
        RequestCategory(code: "traffic", name: "交通出行", deadlineDays: 7),
        RequestCategory(code: "environment", name: "环境卫生", deadlineDays: 15),
        RequestCategory(code: "documents", name: "户籍证件", deadlineDays: 5),
        RequestCategory(code: "help", name: "求助救助", deadlineDays: 3),
        RequestCategory(code: "suggestion", name: "意见建议", deadlineDays: 15),
        RequestCategory(code: "other", name: "其他", deadlineDays: 15),
    ]

    /// Checks a category edit; every problem at once.
    public static func validate(code: String, name: String, deadlineDays: String) -> Result<RequestCategory, ValidationFailure> {
        var errors: [FieldError] = []
        let n = name.trimmed
        if !SettingCode.isValid(code) { errors.append(FieldError(field: "code", problem: .invalidCode)) }
        if n.isEmpty { errors.append(FieldError(field: "name", problem: .required)) } else if n.count > SettingCode.maxName { errors.append(FieldError(field: "name", problem: .tooLong)) }
        let days = Int(deadlineDays.trimmed)
        if days == nil || !(1...maxDeadlineDays).contains(days!) { errors.append(FieldError(field: "deadlineDays", problem: .invalidChoice)) }
        guard errors.isEmpty, let days else { return .failure(ValidationFailure(errors)) }
        return .success(RequestCategory(code: code, name: n, deadlineDays: days))
    }
}
