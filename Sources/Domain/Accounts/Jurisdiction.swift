/// 辖区: the one rule deciding which register rows a caller may see or change.
/// Every query of register data is filtered by it; nothing outside it exists for the caller.
public enum Jurisdiction: Sendable, Equatable {
    /// A unit subtree, given by the unit's path (prefix match).
    case subtree(path: String)
    /// A resident account: only its own household.
    case household(id: Int64)
    /// An account not attached to anything sees nothing.
    case nothing

    public static func of(role: Role, unitPath: String?, householdID: Int64?) -> Jurisdiction {
        if role.usesPortal {
            guard let householdID else { return .nothing }
            return .household(id: householdID)
        }
        guard let unitPath else { return .nothing }
        return .subtree(path: unitPath)
    }

    /// The deepest unit path containing every one of `paths` ("/" when they share nothing).
    public static func commonPath(_ paths: [String]) -> String {
        guard var common = paths.first?.split(separator: "/") else { return "/" }
        for p in paths.dropFirst() {
            let parts = p.split(separator: "/")
            common = Array(zip(common, parts).prefix { $0 == $1 }.map(\.0))
        }
        return common.isEmpty ? "/" : "/" + common.joined(separator: "/") + "/"
    }

    public func contains(unitPath: String) -> Bool {
        switch self {
        case .subtree(let path): unitPath.hasPrefix(path)
        case .household, .nothing: false
        }
    }

    public func contains(householdID: Int64, unitPath: String) -> Bool {
        switch self {
        case .subtree: contains(unitPath: unitPath)
        case .household(let id): id == householdID
        case .nothing: false
        }
    }
}
