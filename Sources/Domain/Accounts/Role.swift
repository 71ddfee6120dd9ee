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

    // The one permission policy: every layer asks these, never compares roles itself.

    /// 群众 use the resident portal: they see their own household and requests only, file from
    /// the portal and rate an outcome themselves.
    public var usesPortal: Bool { self == .resident }
    /// Police staff read the work records of their jurisdiction (visits, tasks, coverage, figures).
    public var seesWorkRecords: Bool { !usesPortal }
    /// Records work done in the field or the office: visits, meetings, requests taken by phone.
    /// The administrator configures and does not.
    public var mayRecordWork: Bool { seesWorkRecords && self != .admin }
    /// Files a request: staff for a caller, a resident for themselves — not the administrator.
    public var mayFileRequests: Bool { self != .admin }
    /// Installation-wide settings: units, 五必访 rules, cadences, categories, Open311 keys; also
    /// reads the installation's own audit lines.
    public var mayConfigure: Bool { self == .admin }
    /// Writes the register out with full ID numbers (audited like a reveal).
    public var mayExportRegister: Bool { mayRevealPersonalData || mayConfigure }
    /// How a return visit by this role may have been made.
    public var returnVisitMethods: [String] { usesPortal ? ["portal"] : ["phone", "in_person"] }

    /// Leaders (and the administrator) direct work: name a grid's officer, hand a task over.
    public var mayDirectWork: Bool { self == .admin || self == .bureauLeader || self == .stationLeader }
    /// Goes out into the grids: may be sent on a visit or handed a task.
    public var doesFieldWork: Bool { self == .officer || self == .auxiliary || self == .stationLeader }
    /// 一村一警: a grid answers to a sworn officer, never an auxiliary.
    public var mayAnswerForGrid: Bool { self == .officer || self == .stationLeader }
    /// Confidential people — who gave a clue (信息员), the victims of sensitive cases — are known
    /// to leaders and to the officer handling them only.
    public var seesConfidential: Bool { self == .bureauLeader || self == .stationLeader }
    /// Leaders keep their station's duty roster and call the roll (早中晚点名).
    public var keepsRoster: Bool { self == .bureauLeader || self == .stationLeader }
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
