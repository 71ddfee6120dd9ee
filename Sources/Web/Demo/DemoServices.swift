import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// The first station's office plans (four half-days and their evenings each), two weeks of
    /// check-ins for the demo officer — one morning missed, one evening's check-out forgotten —
    /// the demo household's appointments: one done (身份证 1 张, rated 满意), one booked; the
    /// community's police office, its hours published, and the bus station's service desk.
    static func services(_ store: Store, grid: Domain.Unit, resident household: Int64) async throws {
        let leader = try await store.credentials(username: "suozhang")!.account.caller(clientAddress: "demo")
        let officer = try await store.credentials(username: "minjing")!.account
        let (station, plans) = try await store.officePlans(stationID: nil, leader)
        for (i, p) in plans.enumerated() {
            // Each officer's four days start a day later than the last one's, so the week is covered.
            let days = (0..<4).map { (i + $0) % 5 + 1 }, half = i % 2 == 0 ? "morning" : "afternoon"
            let blocks = p.officerID == officer.id ? (1...4).flatMap { ["\($0):morning", "\($0):evening"] } : days.flatMap { ["\($0):\(half)", "\($0):evening"] }
            _ = try await store.setOfficePlan(stationID: station.id, OfficePlanInput(officerID: p.officerID, blocks: blocks, capacity: 2), leader)
        }

        // Check-ins over the last week and this one: each officer keeps most planned blocks; the
        // demo officer missed last Wednesday's morning and forgot last Thursday's check-out.
        let now = store.now(), today = CivilDate.dayNumber(ChinaTime.day(now))!
        let monday = CivilDate.dayNumber(OfficeHours.monday(of: ChinaTime.day(now))!)!
        for (i, p) in try await store.officePlans(stationID: station.id, leader).plans.enumerated() {
            var sessions: [OfficeSession] = []
            for day in (monday - 7)..<today {
                for b in p.plan.blocks.filter({ $0.weekday == CivilDate.weekday(dayNumber: day) }).sorted() {
                    let at = { (minute: Int) in OfficeHours.date(minute: day * 1440 + minute) }
                    let (start, end) = (b.block.minutes.lowerBound - 5, b.block.minutes.upperBound + 5)
                    let missed = p.officerID == officer.id ? (day == monday - 5 && b.block == .morning) : (day + i + b.block.minutes.lowerBound / 60) % 6 == 0
                    let forgotten = p.officerID == officer.id && day == monday - 4 && b.block == .evening
                    if !missed { sessions.append(OfficeSession(checkIn: at(start), checkOut: forgotten ? nil : at(b.block == .evening ? end - 5 : end))) }
                }
            }
            try await store.importOfficeSessions(userID: p.officerID, sessions, commandLineCaller)
        }

        let office = try await store.savePlace(id: nil, gridID: grid.id, name: "\(grid.name.replacingOccurrences(of: "第1网格", with: ""))警务室", kind: "police_office",
                                               address: "社区服务中心一楼", commandLineCaller)
        _ = try await store.savePoliceOffice(placeID: office.id, phone: "0371-6688 1100", published: true, leader)
        let desk = try await store.savePlace(id: nil, gridID: grid.id, name: "汽车站旅客联动服务平台", kind: "service_point", address: "汽车站候车大厅", commandLineCaller)
        for (kind, count, note) in [("directions", 12, "换乘和就医问路"), ("lost_found", 2, "旅客遗失的背包，已归还"), ("help", 1, "帮助走失老人联系家属")] {
            try await store.logServicePointService(ServicePointLogInput(placeID: desk.id, kind: kind, count: count, note: note), officer.caller(clientAddress: "demo"))
        }
        _ = try await store.recordConsultation(ConsultationInput(topic: "household_move", outcome: "answered", note: "子女落户需要的材料"), officer.caller(clientAddress: "demo"))

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
