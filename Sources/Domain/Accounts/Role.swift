/// 角色: what an account may do. Scope (where) comes from the account's unit, see `Jurisdiction`.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin            // 系统管理员: configuration, users, audit
    case bureauLeader     // 局领导 / 情指中心
    case stationLeader    // 所长
    case officer          // 社区民警
    case auxiliary        // 辅警
    case resident         // 群众

    /// Reading the full ID number or phone of a person in one's jurisdiction (每次查看都留痕).
    public var mayRevealPersonalData: Bool {
        switch self {
        case .bureauLeader, .stationLeader, .officer: true
        case .admin, .auxiliary, .resident: false
        }
    }

    public var mayWriteRegister: Bool { self != .resident }

    /// Leaders (and the administrator) direct work: name a grid's officer, hand a task over.
    public var mayDirectWork: Bool { self == .admin || self == .bureauLeader || self == .stationLeader }
    /// Goes out into the grids: may be sent on a visit or handed a task.
    public var doesFieldWork: Bool { self == .officer || self == .auxiliary || self == .stationLeader }
    /// 一村一警: a grid answers to a sworn officer, never an auxiliary.
    public var mayAnswerForGrid: Bool { self == .officer || self == .stationLeader }
    public var mayManageUsers: Bool { self == .admin }
    public var mayReadAudit: Bool { self == .admin || self == .bureauLeader }

    /// The unit kind an account of this role is attached to.
    public var allowedUnitKinds: Set<UnitKind> {
        switch self {
        case .admin, .bureauLeader: [.bureau]
        case .stationLeader: [.station]
        case .officer, .auxiliary: [.station, .community, .village, .grid]
        // Officers attach residents to their household's grid; self-registered ones name a community.
        case .resident: [.community, .village, .grid]
        }
    }
}
