import Foundation

/// 离线数据: what an officer's phone keeps for work with no signal — the households of the grids
/// they are responsible for (address, members' names, the tags that drive work) and their own
/// open tasks. Never an ID number or a phone number: the copy is the minimum a visit needs.
public struct OfflineCopy: Sendable, Equatable, Codable {
    public struct Grid: Sendable, Equatable, Codable {
        public var id: Int64, name: String
        public init(id: Int64, name: String) { self.id = id; self.name = name }
    }
    public struct Member: Sendable, Equatable, Codable {
        public var id: Int64, name: String, tags: [ResidentTag]
        public init(id: Int64, name: String, tags: [ResidentTag]) { self.id = id; self.name = name; self.tags = tags }
    }
    public struct Household: Sendable, Equatable, Codable {
        public var id: Int64, gridID: Int64, address: String, members: [Member]
        public init(id: Int64, gridID: Int64, address: String, members: [Member]) { self.id = id; self.gridID = gridID; self.address = address; self.members = members }
    }
    public struct OpenTask: Sendable, Equatable, Codable {
        public var id: Int64, householdID: Int64?, title: String, dueAt: Date
        public init(id: Int64, householdID: Int64?, title: String, dueAt: Date) { self.id = id; self.householdID = householdID; self.title = title; self.dueAt = dueAt }
    }
    public var madeAt: Date
    public var userID: Int64
    public var grids: [Grid]
    public var households: [Household]
    public var tasks: [OpenTask]

    public init(madeAt: Date, userID: Int64, grids: [Grid], households: [Household], tasks: [OpenTask]) {
        self.madeAt = madeAt; self.userID = userID; self.grids = grids; self.households = households; self.tasks = tasks
    }
}
