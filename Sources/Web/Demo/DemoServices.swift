import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// The first station's office plans (four half-days and their evenings each), two weeks of
    /// check-ins for the demo officer — one morning missed, one evening's check-out forgotten —
    /// and the demo household's appointments: one done (身份证 1 张, rated 满意), one booked.
    static func services(_ store: Store, resident household: Int64) async throws {
        let leader = try await store.credentials(username: "suozhang")!.account.caller(clientAddress: "demo")
        let officer = try await store.credentials(username: "minjing")!.account
        let (station, plans) = try await store.officePlans(stationID: nil, leader)
        for (i, p) in plans.enumerated() {
            // Each officer's four days start a day later than the last one's, so the week is covered.
            let days = (0..<4).map { (i + $0) % 5 + 1 }, half = i % 2 == 0 ? "morning" : "afternoon"
            let blocks = p.officerID == officer.id ? (1...4).flatMap { ["\($0):morning", "\($0):evening"] } : days.flatMap { ["\($0):\(half)", "\($0):evening"] }
            _ = try await store.setOfficePlan(stationID: station.id, OfficePlanInput(officerID: p.officerID, blocks: blocks, capacity: 2), leader)
        }

        let now = store.now(), today = CivilDate.dayNumber(ChinaTime.day(now))!
        let monday = CivilDate.dayNumber(OfficeHours.monday(of: ChinaTime.day(now))!)!
        var sessions: [OfficeSession] = []
        for day in (monday - 7)..<today where CivilDate.weekday(dayNumber: day) <= 4 {
            let at = { (minute: Int) in OfficeHours.date(minute: day * 1440 + minute) }
            if day != monday - 5 { sessions.append(OfficeSession(checkIn: at(8 * 60 + 25), checkOut: at(12 * 60 + 5))) }   // last Wednesday's morning missed
            sessions.append(OfficeSession(checkIn: at(17 * 60), checkOut: day == monday - 4 ? nil : at(21 * 60)))          // last Thursday: check-out forgotten
        }
        try await store.importOfficeSessions(userID: officer.id, sessions, commandLineCaller)

        let officerCaller = officer.caller(clientAddress: "demo")
        let slots = try await store.bookableSlots(householdID: household, officerCaller)
        guard slots.count >= 2 else { return }
        let done = try await store.bookAppointment(AppointmentInput(householdID: household, kind: "id_card_home", place: "home", day: slots[0].day, block: slots[0].block.rawValue,
                                                                    note: "老人行动不便，身份证已过期"), officerCaller)
        _ = try await store.completeAppointment(id: done.id, counts: ["id_cards": 1], note: "上门采集照片和指纹，新证寄到家", officerCaller)
        let jumin = try await store.credentials(username: "jumin")!.account.caller(clientAddress: "demo")
        _ = try await store.rateAppointment(id: done.id, rating: "satisfied", jumin)
        _ = try await store.bookAppointment(AppointmentInput(householdID: household, kind: "certificate", place: "office", day: slots[1].day, block: slots[1].block.rawValue,
                                                             note: "开具无犯罪记录证明"), jumin)
    }
}
