import Domain
import Foundation
import SQLKit

/// One line of an alarm's timeline: when, who, what.
public struct AlarmEvent: Sendable, Equatable, Codable {
    public var at: Date
    public var step: AlarmStep
    public var actorName: String
    /// The step's facts: a kind, an officer's name, an outcome and its notes, a delivery's status.
    public var detail: String
}

public struct AlarmView: Sendable, Equatable, Codable {
    public var id: Int64
    public var householdID: Int64
    public var address: String
    public var groupID: Int64
    public var groupName: String
    public var gridID: Int64
    public var gridName: String
    public var kind: AlarmKind
    public var note: String
    public var drill: Bool
    public var source: AlarmSource
    public var raisedByName: String
    public var pressedAt: Date
    public var acknowledgedAt: Date?
    public var dispatchedTo: Int64?
    public var dispatchedToName: String?
    public var arrivedAt: Date?
    public var reinforcedAt: Date?
    public var escalatedAt: Date?
    public var closedAt: Date?
    public var outcome: AlarmOutcome?
    public var closeNotes: String?
    /// The request or dispute a 真实警情 was followed up as.
    public var requestID: Int64?
    public var disputeID: Int64?
    /// The station's 1-3-5 limits the alarm is measured against.
    public var standard: AlarmStandard
    /// The timeline, oldest first (empty in lists).
    public var events: [AlarmEvent]
    /// The text messages owed to neighbours without a live page (staff only; empty in lists).
    public var deliveries: [AlarmDeliveryView] = []

    public var isOpen: Bool { closedAt == nil }
    public var times: AlarmTimes {
        AlarmTimes(pressedAt: pressedAt, acknowledgedAt: acknowledgedAt, arrivedAt: arrivedAt, reinforcedAt: reinforcedAt, closedAt: closedAt)
    }
}

/// An alarm row as the list query reads it.
struct AlarmRow: Decodable {
    var id: Int64, householdId: Int64, address: String, groupId: Int64, groupName: String, gridId: Int64, gridName: String
    var kind: String, note: String, drill: Bool, source: String, raisedByName: String
    var pressedAt: Date, acknowledgedAt: Date?, dispatchedTo: Int64?, dispatchedToName: String?, arrivedAt: Date?, reinforcedAt: Date?
    var escalatedAt: Date?, closedAt: Date?, outcome: String?, closeNotes: String?, requestId: Int64?, disputeId: Int64?
    var acknowledgeSeconds: Int?, arriveSeconds: Int?, handleSeconds: Int?

    /// The column names spelled out: live pages decode these rows by the thousand a second, and
    /// converting each key from snake case costs more than the query (see `decoder`).
    enum CodingKeys: String, CodingKey {
        case id, address, kind, note, drill, source, outcome
        case householdId = "household_id", groupId = "group_id", groupName = "group_name", gridId = "grid_id", gridName = "grid_name"
        case raisedByName = "raised_by_name", pressedAt = "pressed_at", acknowledgedAt = "acknowledged_at", dispatchedTo = "dispatched_to"
        case dispatchedToName = "dispatched_to_name", arrivedAt = "arrived_at", reinforcedAt = "reinforced_at", escalatedAt = "escalated_at"
        case closedAt = "closed_at", closeNotes = "close_notes", acknowledgeSeconds = "acknowledge_seconds", arriveSeconds = "arrive_seconds"
        case handleSeconds = "handle_seconds", requestId = "request_id", disputeId = "dispute_id"
    }
    static let decoder = SQLRowDecoder()

    var view: AlarmView {
        let standard = AlarmStandard(stored: acknowledgeSeconds, arriveSeconds, handleSeconds)
        return AlarmView(id: id, householdID: householdId, address: address, groupID: groupId, groupName: groupName, gridID: gridId, gridName: gridName,
                         kind: AlarmKind(rawValue: kind) ?? .other, note: note, drill: drill, source: AlarmSource(rawValue: source) ?? .portal,
                         raisedByName: raisedByName, pressedAt: pressedAt, acknowledgedAt: acknowledgedAt, dispatchedTo: dispatchedTo,
                         dispatchedToName: dispatchedToName, arrivedAt: arrivedAt, reinforcedAt: reinforcedAt, escalatedAt: escalatedAt,
                         closedAt: closedAt, outcome: outcome.flatMap(AlarmOutcome.init(rawValue:)), closeNotes: closeNotes, requestID: requestId,
                         disputeID: disputeId, standard: standard, events: [])
    }
}

extension Store {
    static let alarmColumns = """
        a.id, a.household_id, h.address, a.group_id, a.group_name, a.grid_id, g.name AS grid_name, a.kind, a.note, a.drill, a.source, a.raised_by_name, \
        a.pressed_at, a.acknowledged_at, a.dispatched_to, d.display_name AS dispatched_to_name, a.arrived_at, a.reinforced_at, a.escalated_at, \
        a.closed_at, a.outcome, a.close_notes, a.request_id, a.dispute_id, s.acknowledge_seconds, s.arrive_seconds, s.handle_seconds
        """

    /// Alarms the caller may see: staff, those of their reach; a resident, those of their
    /// household and of the groups it is in.
    func alarmQuery(_ caller: Caller) -> SQLSelectBuilder {
        let scope: any SQLExpression
        if case .household(let id) = caller.jurisdiction {
            scope = SQLQueryString("(a.household_id = \(bind: id) OR a.group_id IN (SELECT m.group_id FROM alarm_group_members m WHERE m.household_id = \(bind: id)))")
        } else {
            scope = workRecords(caller, "a")
        }
        return sql.select().columns(SQLRaw(Self.alarmColumns)).from(SQLAlias(SQLIdentifier("alarms"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("households"), as: SQLIdentifier("h")), on: SQLRaw("h.id = a.household_id"))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("g")), on: SQLRaw("g.id = a.grid_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("d")), method: SQLJoinMethod.left, on: SQLRaw("d.id = a.dispatched_to"))
            .join(SQLAlias(SQLIdentifier("alarm_standards"), as: SQLIdentifier("s")), method: SQLJoinMethod.left, on: SQLRaw("s.station_path = a.station_path"))
            .where(scope)
    }

    /// The topics an alarm's change wakes: its group (the household that pressed is in it), its
    /// station and the units above (a bureau's leaders watch every station's desk).
    static func alarmTopics(groupID: Int64, stationPath: String) -> [String] {
        let codes = stationPath.split(separator: "/")
        return ["g\(groupID)"] + (0...codes.count).map { "/" + codes.prefix($0).map { "\($0)/" }.joined() }
    }
}
