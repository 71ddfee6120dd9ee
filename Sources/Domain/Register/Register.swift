import Foundation

public enum Gender: String, Sendable, Codable, CaseIterable { case male, female }

/// 户: a household at an address inside one grid.
public struct Household: Sendable, Equatable, Codable {
    public var id: Int64
    public var gridID: Int64
    public var address: String
    public var unitPath: String
    public init(id: Int64, gridID: Int64, address: String, unitPath: String) {
        self.id = id; self.gridID = gridID; self.address = address; self.unitPath = unitPath
    }
}

/// 人: a resident. `idNumber` and `phone` are plaintext only in memory; storage encrypts them.
public struct Resident: Sendable, Equatable, Codable {
    public var id: Int64
    public var householdID: Int64
    public var name: String
    public var gender: Gender
    public var birthDate: String   // yyyy-MM-dd
    public var idNumber: String
    public var phone: String?
    public var tags: [ResidentTag]
    public var unitPath: String
    public init(id: Int64, householdID: Int64, name: String, gender: Gender, birthDate: String,
                idNumber: String, phone: String?, tags: [ResidentTag], unitPath: String) {
        self.id = id; self.householdID = householdID; self.name = name; self.gender = gender
        self.birthDate = birthDate; self.idNumber = idNumber; self.phone = phone; self.tags = tags; self.unitPath = unitPath
    }
}

/// 单位/场所 kinds.
public enum PlaceKind: String, Sendable, Codable, CaseIterable {
    case enterprise       // 企业
    case school           // 学校
    case venue            // 行业场所
    case gatheringPoint = "gathering_point"   // 群众聚堆点
    case policeOffice = "police_office"       // 社区警务室
    case servicePoint = "service_point"       // 服务点: 旅客联动服务平台, 户政大厅
}

public struct Place: Sendable, Equatable, Codable {
    public var id: Int64
    public var gridID: Int64
    public var name: String
    public var kind: PlaceKind
    public var address: String
    public var unitPath: String
    public init(id: Int64, gridID: Int64, name: String, kind: PlaceKind, address: String, unitPath: String) {
        self.id = id; self.gridID = gridID; self.name = name; self.kind = kind; self.address = address; self.unitPath = unitPath
    }
}
