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
    public init(neighbourhood: String, householdIDs: [Int64]) { self.neighbourhood = neighbourhood; self.householdIDs = householdIDs }
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

    /// Where a household's nearest neighbours live, read from its address, nearest first: the
    /// village group (马小村5组); the building then the street (解放街40号, 解放街 for
    /// 解放街40号2单元202); the street or lane of a house (兴华巷 for 兴华巷15号).
    public static func neighbourhoods(of address: String) -> [String] {
        let a = address.trimmed
        if let g = a.firstIndex(of: "组") { return [String(a[...g])] }
        guard let h = a.firstIndex(of: "号") else { return [a] }
        // The street: the house number dropped.
        let street = String(a[..<h].reversed().drop { $0.isNumber || $0 == "-" }.reversed())
        let streets = street.isEmpty ? [] : [street]
        return a.index(after: h) < a.endIndex ? [String(a[...h])] + streets : (streets.isEmpty ? [a] : streets)
    }

    public static func neighbourhood(of address: String) -> String { neighbourhoods(of: address)[0] }

    /// Households not yet in a group, by neighbourhood in address order, split into as few groups
    /// of at most nine as will hold them, as even as can be (20 → 7, 7, 6). A neighbourhood of one
    /// household suggests nothing (a group needs two).
    public static func suggestions(_ households: [(id: Int64, address: String)]) -> [GroupSuggestion] {
        var out: [GroupSuggestion] = []
        var pending = households
        // The nearest neighbourhood first; a household alone in its building is then grouped by its street.
        for level in 0..<2 {
            var byPlace: [String: [(id: Int64, address: String)]] = [:], order: [String] = []
            for h in pending {
                let levels = neighbourhoods(of: h.address)
                guard level < levels.count else { continue }
                if byPlace[levels[level]] == nil { order.append(levels[level]) }
                byPlace[levels[level], default: []].append(h)
            }
            var placed = Set<Int64>()
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
                placed.formUnion(ids)
            }
            pending.removeAll { placed.contains($0.id) }
        }
        return out
    }
}
