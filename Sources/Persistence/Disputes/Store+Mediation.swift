import Domain
import Foundation
import SQLKit

extension Store {
    /// 调解: a session of an open dispute. 化解, 转交 or 终止 ends the mediation; 化解 sets the
    /// follow-up visit N days later (a work setting).
    public func recordMediation(disputeID id: Int64, _ input: SessionInput, _ caller: Caller) async throws -> DisputeDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let detail = try await dispute(id: id, caller)
        let state = DisputeState(status: detail.dispute.status, registeredAt: detail.dispute.registeredAt, partyIDs: detail.parties.map(\.id))
        let s = try MediationRules.validate(input, dispute: state, now: now()).get()
        let mediators = [Mediator(role: .officer, name: caller.displayName)] + s.mediators
        let mediatorsJSON = String(decoding: try JSONEncoder().encode(mediators), as: UTF8.self)
        let followUpDays = try await workSettings().disputeFollowUpDays
        let t = now()
        try await write { tx in
            try await tx.insert(into: "dispute_sessions")
                .columns("dispute_id", "held_at", "place", "mediators", "attended", "agreed", "next_step", "outcome", "agreement_form", "agreement_text",
                         "referred_to", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(s.heldAt), SQLBind(s.place), SQLBind(mediatorsJSON), SQLBind(s.attendedPartyIDs.map(String.init).joined(separator: ";")),
                        SQLBind(s.agreed), SQLBind(s.nextStep), SQLBind(s.outcome.rawValue), SQLBind(s.agreementForm?.rawValue), SQLBind(s.agreementText),
                        SQLBind(s.referredTo), SQLBind(caller.userID), SQLBind(t)).run()
            var update = tx.update("disputes").set("status", to: s.outcome.status.rawValue).set("updated_at", to: t)
            if s.outcome == .resolved {
                update = update.set("resolved_at", to: s.heldAt)
                    .set("follow_up_due_at", to: DisputeWorkflow.followUpDue(resolvedAt: s.heldAt, days: followUpDays)).set("followed_up_at", to: SQLLiteral.null)
            }
            // Guarded by the status read above: two sessions closing one dispute at once, one wins.
            let path = try await self.updatingDispute(tx, id, update, else: ("outcome", .disputeClosed))
            try await self.disputeEvent(tx, id, .session, s.outcome.rawValue, caller)
            try await self.audit(tx, caller, "dispute.session", "dispute", String(id),
                                 "outcome=\(s.outcome.rawValue) mediators=\(mediators.count) attended=\(s.attendedPartyIDs.count)", at: path)
        }
        return try await dispute(id: id, caller)
    }

    /// 回访: the visit after 化解. It held (done), or it flared up: the dispute is open again and
    /// keeps its sessions and history.
    public func logDisputeFollowUp(disputeID id: Int64, flaredUp: Bool, note raw: String, _ caller: Caller) async throws -> DisputeDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let d = try await dispute(id: id, caller).dispute
        let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > MediationRules.maxText { throw ValidationFailure(field: "note", .tooLong) }
        guard let next = DisputeWorkflow.afterFollowUp(d.status, followUpPending: d.followUpPending, flaredUp: flaredUp) else {
            throw ValidationFailure(field: "flaredUp", .notAllowedNow)
        }
        let t = now()
        try await write { tx in
            var update = tx.update("disputes").set("status", to: next.rawValue).set("followed_up_at", to: t).set("updated_at", to: t)
            if flaredUp { update = update.set("reopen_count", to: SQLRaw("reopen_count + 1")).set("resolved_at", to: SQLLiteral.null) }
            let path = try await self.updatingDispute(tx, id, update, while: .followUpPending, else: ("flaredUp", .notAllowedNow))
            try await self.disputeEvent(tx, id, flaredUp ? .reopened : .followUp, note, caller)
            try await self.audit(tx, caller, "dispute.follow_up", "dispute", String(id), flaredUp ? "flared up: reopened" : "held", at: path)
        }
        return try await dispute(id: id, caller)
    }

    struct SessionRow: Decodable {
        var id: Int64; var heldAt: Date; var place: String; var mediators: String; var attended: String; var agreed: String; var nextStep: String
        var outcome: String; var agreementForm: String?; var agreementText: String; var referredTo: String; var recordedBy: String?
        var view: MediationSessionView {
            MediationSessionView(id: id, heldAt: heldAt, place: place,
                                 mediators: (try? JSONDecoder().decode([Mediator].self, from: Data(mediators.utf8))) ?? [],
                                 attendedPartyIDs: attended.split(separator: ";").compactMap { Int64($0) }, agreed: agreed, nextStep: nextStep,
                                 outcome: MediationOutcome(rawValue: outcome) ?? .ongoing, agreementForm: agreementForm.flatMap(AgreementForm.init(rawValue:)),
                                 agreementText: agreementText, referredTo: referredTo, recordedBy: recordedBy)
        }
    }
}
