import Foundation
import Testing
@testable import Domain

private func at(_ s: String) -> Date { ChinaTime.parseFormInput(s)! }

@Suite struct AppointmentRulesTests {
    let plan = WeeklyPlan(blocks: [PlannedBlock(weekday: 1, block: .morning), PlannedBlock(weekday: 1, block: .afternoon)])

    @Test func slotsComeFromThePlanLessTheDaysOff() {
        let slots = AppointmentRules.slots(plan: plan, from: "2026-12-07", days: 14, capacity: 2, except: ["2026-12-14"])
        #expect(slots.map { "\($0.day) \($0.block.rawValue)" } == ["2026-12-07 morning", "2026-12-07 afternoon"])
        #expect(slots.first?.start == at("2026-12-07 08:30"))
    }

    @Test func aBookingNeedsAPlannedSlotNotStartedWithRoom() {
        let slots = AppointmentRules.slots(plan: plan, from: "2026-12-07", days: 7, capacity: 1)
        let now = at("2026-12-07 10:00")
        func problem(_ day: String, _ block: OfficeBlock, taken: Int) -> FieldProblem? {
            AppointmentRules.validateBooking(day: day, block: block, slots: slots, taken: taken, now: now)?.errors.first?.problem
        }
        #expect(problem("2026-12-07", .afternoon, taken: 0) == nil)
        #expect(problem("2026-12-07", .afternoon, taken: 1) == .slotFull)                    // one place, taken
        #expect(problem("2026-12-07", .morning, taken: 0) == .inPast)                        // began at 08:30
        #expect(problem("2026-12-08", .morning, taken: 0) == .outsidePlan)                   // Tuesday is not planned
        #expect(problem("2026-12-07", .evening, taken: 0) == .outsidePlan)
        #expect(problem("2026-13-01", .morning, taken: 0) == .invalidDate)
    }

    @Test func onlyAnOpenAppointmentChangesAndAReasonIsGivenForAReschedule() {
        #expect(AppointmentRules.validateChange(status: .booked, reason: nil, needsReason: false) == nil)          // confirm
        #expect(AppointmentRules.validateChange(status: .confirmed, reason: " ", needsReason: true)?.errors.first?.problem == .required)
        #expect(AppointmentRules.validateChange(status: .confirmed, reason: "老人住院", needsReason: true) == nil)
        #expect(AppointmentRules.validateChange(status: .done, reason: "改期", needsReason: true)?.errors.first?.problem == .notAllowedNow)
        #expect(AppointmentRules.validateChange(status: .cancelled, reason: "改期", needsReason: true)?.errors.first?.problem == .notAllowedNow)
    }

    @Test func theReminderComesAtNineTheDayBeforeOrAtOnce() {
        let slot = AppointmentSlot(day: "2026-12-07", block: .afternoon, capacity: 1)
        #expect(AppointmentRules.remindAt(slot, bookedAt: at("2026-12-01 15:00")) == at("2026-12-06 09:00"))
        #expect(AppointmentRules.remindAt(slot, bookedAt: at("2026-12-06 20:00")) == at("2026-12-06 20:00"))
    }

    @Test func countersAreCheckedAgainstTheKindAndSummedPerKind() throws {
        let idCard = try #require(ServiceKind.seeded.first { $0.code == "id_card_home" })
        #expect(idCard.atHome && idCard.materials.contains("户口簿"))
        #expect(idCard.validate(counts: ["id_cards": 1]) == nil)
        #expect(idCard.validate(counts: ["household_books": 1, "id_cards": -1])?.errors.map(\.problem) == [.invalidChoice, .negativeAmount])
        let totals = ServiceCounts.summed([("id_card_home", ["id_cards": 1]), ("id_card_home", ["id_cards": 33]),
                                           ("household_move", ["household_books": 10, "registrations": 2])])
        #expect(totals == ["id_card_home": ["id_cards": 34], "household_move": ["household_books": 10, "registrations": 2]])
    }
}

extension AppointmentRulesTests {
    @Test func anAdministratorsKindKeepsTheStandardCountersOnly() throws {
        let kind = try ServiceKind.validate(code: "minor_id", name: " 未成年人办理身份证 ", materials: "户口簿\n\n 监护人身份证 \n", counters: ["id_cards"], atHome: true, active: true).get()
        #expect(kind.name == "未成年人办理身份证" && kind.materials == ["户口簿", "监护人身份证"] && kind.counters == [ServiceKind.idCards])
        let bad = ServiceKind.validate(code: "x y", name: "", materials: String(repeating: "材料\n", count: 21), counters: ["passports"], atHome: false, active: true)
        #expect((try? bad.get()) == nil)
        if case .failure(let f) = bad { #expect(f.errors.map(\.field) == ["code", "name", "materials", "counters"]) }
    }
}
