/// What a service records when done (身份证 张, 户口簿 本, 户口 人 …): seed 004 counts
/// "办理身份证34张、户口簿10本,办理户口2人".
public struct ServiceCounter: Sendable, Codable, Equatable, Hashable {
    public var code: String
    public var name: String
    /// The measure word shown after the number: 张, 本, 人, 份.
    public var unit: String
    public init(code: String, name: String, unit: String) { self.code = code; self.name = name; self.unit = unit }
}

/// A kind of service to residents, configurable by the administrator: its checklist of materials
/// (seed 002's "一份清单,都需要哪些材料,到哪去办理") and what it counts when done.
public struct ServiceKind: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var materials: [String]
    public var counters: [ServiceCounter]
    /// Whether it can be done at the resident's home (上门办理), not only at the office.
    public var atHome: Bool
    /// A retired kind is no longer offered; its past appointments keep it.
    public var active: Bool
    public init(code: String, name: String, materials: [String], counters: [ServiceCounter], atHome: Bool, active: Bool = true) {
        self.code = code; self.name = name; self.materials = materials; self.counters = counters; self.atHome = atHome; self.active = active
    }

    public static let idCards = ServiceCounter(code: "id_cards", name: "身份证", unit: "张")
    public static let householdBooks = ServiceCounter(code: "household_books", name: "户口簿", unit: "本")
    public static let registrations = ServiceCounter(code: "registrations", name: "户口", unit: "人")
    public static let certificates = ServiceCounter(code: "certificates", name: "证明", unit: "份")
    public static let permits = ServiceCounter(code: "permits", name: "居住证", unit: "张")

    /// What a kind may count: the measures the dashboard knows.
    public static let standardCounters = [idCards, householdBooks, registrations, certificates, permits]
    public static let maxMaterials = 20, maxMaterial = 100

    /// An administrator's kind: a settings code, a name, up to 20 materials of a line each, standard counters only.
    public static func validate(code: String, name: String, materials: String, counters: [String], atHome: Bool, active: Bool) -> Result<ServiceKind, ValidationFailure> {
        var errors: [FieldError] = []
        let n = name.trimmed
        if !SettingCode.isValid(code) { errors.append(FieldError(field: "code", problem: .invalidCode)) }
        if n.isEmpty { errors.append(FieldError(field: "name", problem: .required)) } else if n.count > SettingCode.maxName { errors.append(FieldError(field: "name", problem: .tooLong)) }
        let lines = materials.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
        if lines.count > maxMaterials || lines.contains(where: { $0.count > maxMaterial }) { errors.append(FieldError(field: "materials", problem: .tooLong)) }
        let chosen = standardCounters.filter { counters.contains($0.code) }
        if chosen.count != Set(counters).count { errors.append(FieldError(field: "counters", problem: .invalidChoice)) }
        guard errors.isEmpty else { return .failure(ValidationFailure(errors)) }
        return .success(ServiceKind(code: code, name: n, materials: lines, counters: chosen, atHome: atHome, active: active))
    }

    /// The kinds a new installation starts with (issue: services to residents).
    public static let seeded: [ServiceKind] = [
        ServiceKind(code: "id_card_home", name: "上门办理身份证",
                    materials: ["户口簿", "本人近期免冠照片（民警可上门拍摄）", "原身份证（换领、补领时）"],
                    counters: [idCards], atHome: true),
        ServiceKind(code: "household_move", name: "户口迁入 / 迁出咨询",
                    materials: ["户口簿", "身份证", "房屋产权证明或租赁合同", "迁入地准予迁入证明（迁出时）"],
                    counters: [registrations, householdBooks], atHome: false),
        ServiceKind(code: "residence_permit", name: "居住证",
                    materials: ["身份证", "居住证明（租赁合同或房屋产权证明）", "近期免冠照片"],
                    counters: [permits], atHome: true),
        ServiceKind(code: "certificate", name: "开具证明",
                    materials: ["身份证", "户口簿", "需要证明事项的相关材料"],
                    counters: [certificates], atHome: false),
        ServiceKind(code: "other", name: "其他", materials: [], counters: [], atHome: true),
    ]

    /// The counts recorded for a done service: each a counter of this kind, whole and not negative.
    public func validate(counts: [String: Int]) -> ValidationFailure? {
        let known = Set(counters.map(\.code))
        let errors = counts.keys.sorted().compactMap { code -> FieldError? in
            if !known.contains(code) { return FieldError(field: "counts.\(code)", problem: .invalidChoice) }
            if counts[code]! < 0 { return FieldError(field: "counts.\(code)", problem: .negativeAmount) }
            return nil
        }
        return errors.isEmpty ? nil : ValidationFailure(errors)
    }
}

public enum ServiceCounts {
    /// Each kind's counters summed over the services done (the dashboard's 身份证 张 for a period).
    public static func summed(_ done: [(kind: String, counts: [String: Int])]) -> [String: [String: Int]] {
        var totals: [String: [String: Int]] = [:]
        for d in done {
            for (code, n) in d.counts { totals[d.kind, default: [:]][code, default: 0] += n }
        }
        return totals
    }
}
