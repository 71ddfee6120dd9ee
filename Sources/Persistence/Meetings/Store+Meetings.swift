import Domain
import Foundation
import SQLKit

/// A meeting as its list and page show it.
public struct MeetingView: Sendable, Equatable, Codable {
    public var id: Int64
    public var unitID: Int64
    public var unitName: String
    public var kind: MeetingKind
    public var heldOn: String
    public var place: String
    public var attendance: Attendance
    public var minutes: String
    public var evaluation: Evaluation
    public var satisfactionRate: String
    public var suggestionCount: Int
    public var recordedBy: String?
}

public struct MeetingDetail: Sendable, Equatable, Codable {
    public var meeting: MeetingView
    public var requests: [RequestView]
}

extension Store {
    /// 恳谈会 / 座谈会: the record, and each suggestion raised as a request of the meeting's unit,
    /// waiting there to be handed out (交办) — all in one transaction.
    public func createMeeting(_ input: MeetingInput, _ caller: Caller) async throws -> MeetingView {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        var errors: [FieldError] = []
        let unit = try? await unit(id: input.unitID, caller)
        if unit == nil || unit?.kind == .bureau { errors.append(FieldError(field: "unitID", problem: .unknownUnit)) }
        var valid: ValidMeeting?
        switch MeetingRules.validate(input, categories: try await requestCategories(), now: now()) {
        case .success(let v): valid = v
        case .failure(let f): errors += f.errors
        }
        guard errors.isEmpty, let unit, let m = valid else { throw ValidationFailure(errors) }
        let id: Int64 = try await write { tx in
            let id = try await tx.insert(into: "meetings")
                .columns("unit_id", "unit_path", "kind", "held_at", "place", "residents", "deputies", "cadres", "supervisors", "minutes",
                         "satisfied", "basically_satisfied", "dissatisfied", "created_by", "created_at")
                .values(SQLBind(unit.id), SQLBind(unit.path), SQLBind(m.kind.rawValue), SQLBind(m.heldAt), SQLBind(m.place), SQLBind(m.attendance.residents),
                        SQLBind(m.attendance.deputies), SQLBind(m.attendance.cadres), SQLBind(m.attendance.supervisors), SQLBind(m.minutes),
                        SQLBind(m.evaluation.satisfied), SQLBind(m.evaluation.basicallySatisfied), SQLBind(m.evaluation.dissatisfied),
                        SQLBind(caller.userID), SQLBind(now()))
                .returning("id").first()!.decode(column: "id", as: Int64.self)
            try await self.audit(tx, caller, "meeting.create", "meeting", String(id),
                                 "\(m.kind.rawValue) \(m.heldOn) attendees=\(m.attendance.total) rated=\(m.evaluation.answered) suggestions=\(m.suggestions.count)", at: unit.path)
            for s in m.suggestions {
                let r = ValidRequest(kind: .suggestion, category: s.category, description: s.description, address: m.place, gridID: unit.kind == .grid ? unit.id : nil)
                _ = try await self.insertRequest(tx, r, origin: RequestOrigin(channel: .meeting, meetingID: id), unitPath: unit.path,
                                                 gridID: r.gridID, requesterUser: nil, contactName: "", phoneCipher: nil, caller)
            }
            return id
        }
        return try await meeting(id: id, caller).meeting
    }

    static let meetingColumns = """
        m.id, m.unit_id, u.name AS unit_name, m.kind, m.held_at, m.place, m.residents, m.deputies, m.cadres, m.supervisors, m.minutes, \
        m.satisfied, m.basically_satisfied, m.dissatisfied, w.display_name AS recorded_by, \
        (SELECT COUNT(*) FROM requests q WHERE q.meeting_id = m.id) AS suggestion_count
        """

    struct MeetingRow: Decodable {
        var id: Int64; var unitId: Int64; var unitName: String; var kind: String; var heldAt: Date; var place: String
        var residents: Int; var deputies: Int; var cadres: Int; var supervisors: Int; var minutes: String
        var satisfied: Int; var basicallySatisfied: Int; var dissatisfied: Int; var recordedBy: String?; var suggestionCount: Int
        var view: MeetingView {
            let e = Evaluation(satisfied: satisfied, basicallySatisfied: basicallySatisfied, dissatisfied: dissatisfied)
            return MeetingView(id: id, unitID: unitId, unitName: unitName, kind: MeetingKind(rawValue: kind) ?? .forum, heldOn: ChinaTime.day(heldAt), place: place,
                               attendance: Attendance(residents: residents, deputies: deputies, cadres: cadres, supervisors: supervisors), minutes: minutes,
                               evaluation: e, satisfactionRate: e.rateText, suggestionCount: suggestionCount, recordedBy: recordedBy)
        }
    }

    func meetingQuery(_ caller: Caller) -> SQLSelectBuilder {
        sql.select().columns(SQLRaw(Self.meetingColumns))
            .from(SQLAlias(SQLIdentifier("meetings"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), on: SQLRaw("u.id = m.unit_id"))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("w")), method: SQLJoinMethod.left, on: SQLRaw("w.id = m.created_by"))
            .where(caller.role.usesPortal ? SQLBinaryExpression(SQLLiteral.numeric("1"), .equal, SQLLiteral.numeric("0"))
                   : caller.jurisdiction.predicate(pathColumn: "m.unit_path", householdColumn: "m.id"))
    }

    public func meetings(_ caller: Caller, limit: Int = 200) async throws -> [MeetingView] {
        try await meetingQuery(caller).orderBy(SQLColumn("held_at", table: "m"), SQLDirection.descending).orderBy(SQLColumn("id", table: "m"), SQLDirection.descending)
            .limit(limit).all(decoding: MeetingRow.self, with: Store.rowDecoder).map(\.view)
    }

    public func meeting(id: Int64, _ caller: Caller) async throws -> MeetingDetail {
        guard let m = try await meetingQuery(caller).where(SQLColumn("id", table: "m"), .equal, SQLBind(id))
            .first(decoding: MeetingRow.self, with: Store.rowDecoder)?.view else { throw NotFound() }
        // The suggestions as requests, wherever they have since been handed (still in scope).
        let requests = try await requests(RequestFilter(show: .all, meetingID: id), caller)
        return MeetingDetail(meeting: m, requests: requests)
    }
}
