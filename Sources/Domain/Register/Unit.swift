import Foundation

/// 单位层级: bureau 分局 > station 派出所 > community 社区 / village 村 > grid 网格.
public enum UnitKind: String, Sendable, Codable, CaseIterable {
    case bureau, station, community, village, grid

    public var depth: Int {
        switch self {
        case .bureau: 0
        case .station: 1
        case .community, .village: 2
        case .grid: 3
        }
    }

    /// Which kinds may sit directly under this one.
    public var childKinds: Set<UnitKind> {
        switch self {
        case .bureau: [.station]
        case .station: [.community, .village]
        case .community, .village: [.grid]
        case .grid: []
        }
    }
}

/// A unit of the organisation tree. `path` is the chain of codes from the root,
/// e.g. `/QA/QA-S01/QA-S01-C02/QA-S01-C02-G03/`; a jurisdiction is a path prefix.
public struct Unit: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var parentID: Int64?
    public var path: String
    /// 责任民警: the one officer answering for a grid (一村一警).
    public var responsibleOfficerID: Int64?

    public init(id: Int64, code: String, name: String, kind: UnitKind, parentID: Int64?, path: String, responsibleOfficerID: Int64? = nil) {
        self.id = id; self.code = code; self.name = name; self.kind = kind
        self.parentID = parentID; self.path = path; self.responsibleOfficerID = responsibleOfficerID
    }

    public static func path(parentPath: String?, code: String) -> String {
        (parentPath ?? "/") + code + "/"
    }

    /// Stable codes: letters, digits and dashes, so they can live inside a path.
    public static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
