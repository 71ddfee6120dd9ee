import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// The first station's roster for this month — a weekly pattern: the station desk by day and
    /// by night on working days, a 24-hour holiday shift at weekends, the registration hall every
    /// day — and its roll calls since the month began, a few missed. Next month is left to fill,
    /// with 元旦 among its gaps ahead.
    static func duty(_ store: Store) async throws {
        let leader = try await store.credentials(username: "suozhang")!.account.caller(clientAddress: "demo")
        let station = try await store.dutyStation(id: nil, leader)
        var id: [String: Int64] = [:]
        for a in try await store.staff(of: station) { id[a.username] = a.id }
        let today = CivilDate.dayNumber(ChinaTime.day(store.now()))!, first = today - (Int(ChinaTime.day(store.now()).suffix(2))! - 1)
        let p = ChinaTime.day(store.now()).split(separator: "-").compactMap { Int($0) }
        let (from, to) = (CivilDate.iso(dayNumber: first), CivilDate.iso(dayNumber: first + CivilDate.daysIn(month: p[1], year: p[0]) - 1))
        let pattern: [(String, DutyPost, ShiftKind, [Int])] = [
            ("officer01", .station, .day, [1]), ("officer02", .station, .day, [2]), ("officer03", .station, .day, [3]), ("officer04", .station, .day, [4]), ("minjing", .station, .day, [5]),
            ("officer03", .station, .night, [1]), ("officer04", .station, .night, [2]), ("minjing", .station, .night, [3]), ("officer01", .station, .night, [4]), ("officer02", .station, .night, [5]),
            ("suozhang", .station, .holiday, [6]), ("officer01", .station, .holiday, [7]),
            ("fujing", .hall, .day, [1, 2, 3, 4, 5]), ("officer02", .hall, .holiday, [6]), ("officer03", .hall, .holiday, [7]),
        ]
        for (user, post, kind, weekdays) in pattern {
            guard let u = id[user] else { continue }
            _ = try await store.assignShifts(stationID: station.id, ShiftInput(post: post.rawValue, kind: kind.rawValue, userID: u, from: from, to: to, weekdays: weekdays), leader)
        }
        let staff = Array(id.values)
        for n in first...today {
            for slot in RollCallSlot.allCases {
                // Weekends skip the noon call; today only the morning one has been held.
                if (CivilDate.weekday(dayNumber: n) >= 6 && slot == .noon) || (n == today && slot != .morning) { continue }
                var attendance = Dictionary(uniqueKeysWithValues: staff.map { ($0, RollCallStatus.present.rawValue) })
                if let aux = id["fujing"], n % 5 == 0 { attendance[aux] = RollCallStatus.leave.rawValue }
                if let o = id["officer04"], slot == .evening { attendance[o] = RollCallStatus.elsewhere.rawValue }
                _ = try await store.recordRollCall(stationID: station.id, RollCallInput(day: CivilDate.iso(dayNumber: n), slot: slot.rawValue, attendance: attendance,
                                                                                       note: slot == .morning ? "强调冬季防火和反诈宣传" : ""), leader)
            }
        }
    }
}
