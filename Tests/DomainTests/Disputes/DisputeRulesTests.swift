import Foundation
import Testing
@testable import Domain

@Suite struct DisputeRulesTests {
    let now = Date(timeIntervalSince1970: 1_795_397_400)   // Monday 2026-11-23 09:30 in Shanghai
    let types = DisputeType.seed

    func input(risk: String = "high", source: String = "visit", finding: Int64? = 7, parties: [PartyInput]? = nil) -> DisputeInput {
        DisputeInput(typeCode: "neighbour", summary: "两户因院墙滴水争执", gridID: 3, risk: risk, source: source, findingID: finding,
                     parties: parties ?? [PartyInput(residentID: 11, side: "applicant"), PartyInput(name: "王某", phone: "139 1234 5678", side: "respondent")])
    }

    @Test func aDisputeFromAVisitWithARegisteredAndAnOutsideParty() throws {
        let d = try DisputeRules.validate(input(), types: types).get()
        #expect(d.type.name == "邻里纠纷" && d.risk == .high && d.source == .visit)
        #expect(d.parties == [ValidParty(who: .resident(11), side: .applicant), ValidParty(who: .outside(name: "王某", phone: "13912345678"), side: .respondent)])
    }

    @Test func eachRefusalNamesItsField() {
        #expect(throws: ValidationFailure(field: "findingID", .required)) { try DisputeRules.validate(input(finding: nil), types: types).get() }
        #expect(throws: ValidationFailure(field: "risk", .invalidChoice)) { try DisputeRules.validate(input(risk: "severe"), types: types).get() }
        #expect(throws: ValidationFailure(field: "parties", .required)) { try DisputeRules.validate(input(parties: []), types: types).get() }
        #expect(throws: ValidationFailure(field: "parties.0.name", .required)) { try DisputeRules.validate(input(parties: [PartyInput(side: "other")]), types: types).get() }
        #expect(throws: ValidationFailure(field: "parties.1.residentID", .repeatedInFile)) {
            try DisputeRules.validate(input(parties: [PartyInput(residentID: 4, side: "applicant"), PartyInput(residentID: 4, side: "respondent")]), types: types).get()
        }
        #expect(throws: ValidationFailure(field: "parties.0.phone", .invalidPhone)) {
            try DisputeRules.validate(input(parties: [PartyInput(name: "王某", phone: "12345", side: "applicant")]), types: types).get()
        }
        let retired = types.map { DisputeType(code: $0.code, name: $0.name, active: $0.code != "neighbour") }
        #expect(throws: ValidationFailure(field: "typeCode", .invalidChoice)) { try DisputeRules.validate(input(), types: retired).get() }
    }

    @Test func onlyBecomingHighTellsTheLeaders() {
        #expect(DisputeWorkflow.notifiesLeaders(from: nil, to: .high))
        #expect(DisputeWorkflow.notifiesLeaders(from: .medium, to: .high))
        #expect(!DisputeWorkflow.notifiesLeaders(from: .high, to: .high))
        #expect(!DisputeWorkflow.notifiesLeaders(from: .high, to: .medium))
        #expect(!DisputeWorkflow.notifiesLeaders(from: nil, to: .medium))
    }

    @Test func theFollowUpIsDueAtTheEndOfTheNthDayChinaTime() {
        // Resolved Monday 23 November at 09:30 (China): due the end of Wednesday 23 December.
        let due = DisputeWorkflow.followUpDue(resolvedAt: now, days: 30)
        #expect(ChinaTime.second(due) == "2026-12-23 23:59:59")
        // Late in the evening China time (still the 23rd), the same day counts.
        #expect(ChinaTime.second(DisputeWorkflow.followUpDue(resolvedAt: now.addingTimeInterval(14 * 3600), days: 30)) == "2026-12-23 23:59:59")
        #expect(ChinaTime.second(DisputeWorkflow.followUpDue(resolvedAt: now, days: 7)) == "2026-11-30 23:59:59")
    }

    @Test func aFlareUpReopensOnlyAResolvedDisputeAwaitingItsFollowUp() {
        #expect(DisputeWorkflow.afterFollowUp(.resolved, followUpPending: true, flaredUp: true) == .open)
        #expect(DisputeWorkflow.afterFollowUp(.resolved, followUpPending: true, flaredUp: false) == .resolved)
        #expect(DisputeWorkflow.afterFollowUp(.resolved, followUpPending: false, flaredUp: true) == nil)
        #expect(DisputeWorkflow.afterFollowUp(.referred, followUpPending: true, flaredUp: true) == nil)
        #expect(DisputeWorkflow.afterFollowUp(.open, followUpPending: false, flaredUp: false) == nil)
    }

    func session(_ outcome: String, at: Date? = nil, attended: [Int64] = [1, 2], form: String? = nil, text: String? = nil, referredTo: String? = nil) -> SessionInput {
        SessionInput(heldAt: at ?? now, place: "村委会调解室", mediators: [MediatorInput(role: "people_mediator", name: "李调解员")], attendedPartyIDs: attended,
                     outcome: outcome, agreementForm: form, agreementText: text, referredTo: referredTo)
    }

    let open = DisputeState(status: .open, registeredAt: Date(timeIntervalSince1970: 1_795_397_400 - 86400), partyIDs: [1, 2])

    @Test func aWrittenAgreementResolvesWithItsText() throws {
        let s = try MediationRules.validate(session("resolved", form: "written", text: "双方同意共同修缮院墙"), dispute: open, now: now).get()
        #expect(s.outcome.status == .resolved && s.agreementForm == .written && s.agreementText == "双方同意共同修缮院墙")
        #expect(throws: ValidationFailure(field: "agreementText", .required)) { try MediationRules.validate(session("resolved", form: "written"), dispute: open, now: now).get() }
        #expect(throws: ValidationFailure(field: "agreementForm", .invalidChoice)) { try MediationRules.validate(session("resolved"), dispute: open, now: now).get() }
        #expect(throws: ValidationFailure(field: "referredTo", .required)) { try MediationRules.validate(session("referred"), dispute: open, now: now).get() }
        #expect(try MediationRules.validate(session("resolved", form: "oral"), dispute: open, now: now).get().agreementText == "")
    }

    @Test func aSessionBeforeTheDisputeWithAStrangerOrOnAClosedDisputeIsRefused() {
        #expect(throws: ValidationFailure(field: "heldAt", .beforeDispute)) {
            try MediationRules.validate(session("ongoing", at: now.addingTimeInterval(-2 * 86400)), dispute: open, now: now).get()
        }
        #expect(throws: ValidationFailure(field: "heldAt", .inFuture)) { try MediationRules.validate(session("ongoing", at: now.addingTimeInterval(3600)), dispute: open, now: now).get() }
        #expect(throws: ValidationFailure(field: "attendedPartyIDs.1", .unknownParty)) { try MediationRules.validate(session("ongoing", attended: [1, 99]), dispute: open, now: now).get() }
        var closed = open
        closed.status = .resolved
        #expect(throws: ValidationFailure(field: "outcome", .disputeClosed)) { try MediationRules.validate(session("ongoing"), dispute: closed, now: now).get() }
    }

    @Test func theResolutionRateAndTheMedianWithNothingToCount() {
        var c = FigureCounts()
        #expect(c.text(.disputeResolutionRate) == "—" && c.text(.medianDisputeDays) == "—")
        c.disputesScreened = 7326; c.disputesResolved = 6637
        #expect(c.text(.disputeResolutionRate) == "90.5%")
        c.medianDisputeSeconds = 3.5 * 86400
        #expect(c.text(.medianDisputeDays) == "3.5")
    }
}
