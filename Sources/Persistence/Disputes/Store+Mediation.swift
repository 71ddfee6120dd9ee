import Domain
import Foundation
import SQLKit

extension Store {
    /// 调解: a session of an open dispute. 化解, 转交 or 终止 ends the mediation; 化解 sets the
    /// follow-up visit N days later (a work setting).
    /// `scan`: the written agreement, scanned or photographed (checked like a request's photos).
    public func recordMediation(disputeID id: Int64, _ input: SessionInput, scan: [UInt8]? = nil, _ caller: Caller) async throws -> DisputeDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let detail = try await dispute(id: id, caller)
        let state = DisputeState(status: detail.dispute.status, registeredAt: detail.dispute.registeredAt, partyIDs: detail.parties.map(\.id))
        let scanType = try scan.map { try PhotoRules.check($0, field: "agreementScan").get() }
        let s = try MediationRules.validate(input, dispute: state, now: now(), hasScan: scan != nil).get()
        let mediators = [Mediator(role: .officer, name: caller.displayName)] + s.mediators
        let mediatorsJSON = String(decoding: try JSONEncoder().encode(mediators), as: UTF8.self)
        let followUpDays = try await workSettings().disputeFollowUpDays
        let t = now()
        try await write { tx in
            let session = try await tx.insert(into: "dispute_sessions")
                .columns("dispute_id", "held_at", "place", "mediators", "attended", "agreed", "next_step", "outcome", "agreement_form", "agreement_text",
                         "referred_to", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(s.heldAt), SQLBind(s.place), SQLBind(mediatorsJSON), SQLBind(s.attendedPartyIDs.map(String.init).joined(separator: ";")),
                        SQLBind(s.agreed), SQLBind(s.nextStep), SQLBind(s.outcome.rawValue), SQLBind(s.agreementForm?.rawValue), SQLBind(s.agreementText),
                        SQLBind(s.referredTo), SQLBind(caller.userID), SQLBind(t)).returning("id").first()!.decode(column: "id", as: Int64.self)
            if let scan, let scanType {
                try await tx.insert(into: "dispute_scans").columns("session_id", "content_type", "bytes", "size", "created_at")
                    .values(SQLBind(session), SQLBind(scanType.rawValue), SQLBind(Data(scan)), SQLBind(scan.count), SQLBind(t)).run()
            }
            var update = tx.update("disputes").set("status", to: s.outcome.status.rawValue).set("updated_at", to: t)
            if s.outcome == .resolved {
                update = update.set("resolved_at", to: s.heldAt)
                    .set("follow_up_due_at", to: DisputeWorkflow.followUpDue(resolvedAt: s.heldAt, days: followUpDays)).set("followed_up_at", to: SQLLiteral.null)
            }
            // Guarded by the status read above: two sessions closing one dispute at once, one wins.
            let path = try await self.updatingDispute(tx, id, update, else: ("outcome", .disputeClosed))
            try await self.disputeEvent(tx, id, .session, s.outcome.rawValue, caller)
            try await self.audit(tx, caller, "dispute.session", "dispute", String(id),
                                 "outcome=\(s.outcome.rawValue) mediators=\(mediators.count) attended=\(s.attendedPartyIDs.count) scan=\(scan?.count ?? 0)", at: path)
        }
        return try await dispute(id: id, caller)
    }

    /// 回访: the visit after 化解. It held (done), or it flared up: the dispute is open again and
    /// keeps its sessions and history.
    public func logDisputeFollowUp(disputeID id: Int64, flaredUp: Bool, note raw: String, _ caller: Caller) async throws -> DisputeDetail {
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let d = try await dispute(id: id, caller).dispute
        let note = raw.trimmed
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

    /// A session's scanned agreement, for those who may see its dispute.
    public func disputeScan(id: Int64, _ caller: Caller) async throws -> (contentType: String, bytes: [UInt8]) {
        guard let row = try await sql.select().columns(SQLRaw("sc.content_type, sc.bytes, s.dispute_id"))
            .from(SQLAlias(SQLIdentifier("dispute_scans"), as: SQLIdentifier("sc")))
            .join(SQLAlias(SQLIdentifier("dispute_sessions"), as: SQLIdentifier("s")), on: SQLRaw("s.id = sc.session_id"))
            .where(SQLColumn("id", table: "sc"), .equal, SQLBind(id)).first() else { throw NotFound() }
        _ = try await dispute(id: try row.decode(column: "dispute_id", as: Int64.self), caller)   // NotFound outside the caller's reach
        return (try row.decode(column: "content_type", as: String.self), Array(try row.decode(column: "bytes", as: Data.self)))
    }

    struct SessionRow: Decodable {
        var id: Int64; var heldAt: Date; var place: String; var mediators: String; var attended: String; var agreed: String; var nextStep: String
        var outcome: String; var agreementForm: String?; var agreementText: String; var referredTo: String; var recordedBy: String?; var scanId: Int64?
        var view: MediationSessionView {
            MediationSessionView(id: id, heldAt: heldAt, place: place,
                                 mediators: (try? JSONDecoder().decode([Mediator].self, from: Data(mediators.utf8))) ?? [],
                                 attendedPartyIDs: attended.split(separator: ";").compactMap { Int64($0) }, agreed: agreed, nextStep: nextStep,
                                 outcome: MediationOutcome(rawValue: outcome) ?? .ongoing, agreementForm: agreementForm.flatMap(AgreementForm.init(rawValue:)),
                                 agreementText: agreementText, referredTo: referredTo, recordedBy: recordedBy, scanID: scanId)
        }
    }
}
