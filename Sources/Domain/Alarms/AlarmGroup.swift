import Foundation

/// 联防组: neighbouring households of one grid who receive each other's alarm (和谐警铃, seed
/// 003: "一户发生警情，8户都能接受报警信息"). Nine by default; two to twenty.
public struct AlarmGroupInput: Sendable, Codable, Equatable {
    public var gridID: Int64
    public var name: String
    public var householdIDs: [Int64]
    public init(gridID: Int64, name: String, householdIDs: [Int64]) { self.gridID = gridID; self.name = name; self.householdIDs = householdIDs }
}

public struct ValidAlarmGroup: Sendable, Equatable {
    public var name: String
    public var householdIDs: [Int64]
    public init(name: String, householdIDs: [Int64]) { self.name = name; self.householdIDs = householdIDs }
}

/// A group the page suggests: households that share a building, a lane or a village group.
public struct GroupSuggestion: Sendable, Equatable, Codable {
    /// 解放街40号, 马小村5组.
    public var neighbourhood: String
    public var householdIDs: [Int64]
}

public enum AlarmGroupRules {
    public static let minHouseholds = 2, maxHouseholds = 20, usualSize = 9, maxName = 30

    public static func validate(_ input: AlarmGroupInput) -> Result<ValidAlarmGroup, ValidationFailure> {
        var errors: [FieldError] = []
        let name = input.name.trimmed
        if name.isEmpty { errors.append(FieldError(field: "name", problem: .required)) } else if name.count > maxName { errors.append(FieldError(field: "name", problem: .tooLong)) }
        var ids: [Int64] = []
        for id in input.householdIDs where !ids.contains(id) { ids.append(id) }
        if ids.count < minHouseholds { errors.append(FieldError(field: "householdIDs", problem: .tooFewHouseholds)) }
        else if ids.count > maxHouseholds { errors.append(FieldError(field: "householdIDs", problem: .tooLong)) }
        return errors.isEmpty ? .success(ValidAlarmGroup(name: name, householdIDs: ids)) : .failure(ValidationFailure(errors))
    }

    /// Where a household's nearest neighbours live, read from its address: the village group
    /// (马小村5组), the building (解放街40号, for 解放街40号2单元202), else the street or lane of a
    /// house (兴华巷 for 兴华巷15号).
    public static func neighbourhood(of address: String) -> String {
        let a = address.trimmed
        if let g = a.firstIndex(of: "组") { return String(a[...g]) }
        if let h = a.firstIndex(of: "号") {
            if a.index(after: h) < a.endIndex { return String(a[...h]) }
            // A house: its number dropped, the street or lane is the neighbourhood.
            let street = a[..<h].reversed().drop { $0.isNumber || $0 == "-" }
            return street.isEmpty ? a : String(street.reversed())
        }
        return a
    }

    /// Households not yet in a group, by neighbourhood in address order, split into as few groups
    /// of at most nine as will hold them, as even as can be (20 → 7, 7, 6). A neighbourhood of one
    /// household suggests nothing (a group needs two).
    public static func suggestions(_ households: [(id: Int64, address: String)]) -> [GroupSuggestion] {
        var byPlace: [String: [(id: Int64, address: String)]] = [:], order: [String] = []
        for h in households {
            let key = neighbourhood(of: h.address)
            if byPlace[key] == nil { order.append(key) }
            byPlace[key, default: []].append(h)
        }
        var out: [GroupSuggestion] = []
        for key in order {
            let ids = byPlace[key]!.sorted { $0.address.localizedStandardCompare($1.address) == .orderedAscending }.map(\.id)
            guard ids.count >= minHouseholds else { continue }
            let groups = (ids.count + usualSize - 1) / usualSize
            var start = 0
            for g in 0..<groups {
                let size = ids.count / groups + (g < ids.count % groups ? 1 : 0)
                out.append(GroupSuggestion(neighbourhood: key, householdIDs: Array(ids[start..<start + size])))
                start += size
            }
        }
        return out
    }
}
