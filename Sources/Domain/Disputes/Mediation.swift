import Foundation

/// What a mediation session came to.
public enum MediationOutcome: String, Sendable, Codable, CaseIterable {
    case ongoing       // 继续调解
    case resolved      // 化解
    case referred      // 转交
    case terminated    // 终止 (a party refuses)

    /// The dispute's status after a session with this outcome.
    public var status: DisputeStatus {
        switch self {
        case .ongoing: .open
        case .resolved: .resolved
        case .referred: .referred
        case .terminated: .terminated
        }
    }
}

/// 调解协议: 书面 (its text) or 口头.
public enum AgreementForm: String, Sendable, Codable, CaseIterable { case written, oral }

/// Who mediated besides the officers: named, by what they are.
public enum MediatorRole: String, Sendable, Codable, CaseIterable {
    case officer                         // 民警
    case peopleMediator = "people_mediator"  // 人民调解员
    case committee                       // 村(居)委会成员
    case lawyer                          // 律师
    case other                           // 其他
}

/// A mediator as recorded: what they are, by name.
public struct Mediator: Sendable, Codable, Equatable {
    public var role: MediatorRole
    public var name: String
    public init(role: MediatorRole, name: String) { self.role = role; self.name = name }
}

public struct MediatorInput: Sendable, Codable, Equatable {
    public var role: String
    public var name: String
    public init(role: String, name: String) { self.role = role; self.name = name }
}

public struct SessionInput: Sendable, Codable, Equatable {
    public var heldAt: Date
    public var place: String
    public var mediators: [MediatorInput]
    /// The dispute's party ids that came.
    public var attendedPartyIDs: [Int64]
    public var agreed: String
    public var nextStep: String
    public var outcome: String
    public var agreementForm: String?
    public var agreementText: String?
    public var referredTo: String?

    public init(heldAt: Date, place: String, mediators: [MediatorInput], attendedPartyIDs: [Int64], agreed: String = "", nextStep: String = "",
                outcome: String, agreementForm: String? = nil, agreementText: String? = nil, referredTo: String? = nil) {
        self.heldAt = heldAt; self.place = place; self.mediators = mediators; self.attendedPartyIDs = attendedPartyIDs; self.agreed = agreed
        self.nextStep = nextStep; self.outcome = outcome; self.agreementForm = agreementForm; self.agreementText = agreementText; self.referredTo = referredTo
    }

    private enum CodingKeys: String, CodingKey {
        case heldAt, place, mediators, attendedPartyIDs, agreed, nextStep, outcome, agreementForm, agreementText, referredTo
    }

    /// Lists and texts a client leaves out are empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(heldAt: try c.decode(Date.self, forKey: .heldAt), place: try c.decode(String.self, forKey: .place),
                  mediators: try c.decodeIfPresent([MediatorInput].self, forKey: .mediators) ?? [],
                  attendedPartyIDs: try c.decodeIfPresent([Int64].self, forKey: .attendedPartyIDs) ?? [],
                  agreed: try c.decodeIfPresent(String.self, forKey: .agreed) ?? "", nextStep: try c.decodeIfPresent(String.self, forKey: .nextStep) ?? "",
                  outcome: try c.decode(String.self, forKey: .outcome), agreementForm: try c.decodeIfPresent(String.self, forKey: .agreementForm),
                  agreementText: try c.decodeIfPresent(String.self, forKey: .agreementText), referredTo: try c.decodeIfPresent(String.self, forKey: .referredTo))
    }
}

public struct ValidSession: Sendable, Equatable {
    public var heldAt: Date
    public var place: String
    public var mediators: [Mediator]
    public var attendedPartyIDs: [Int64]
    public var agreed: String
    public var nextStep: String
    public var outcome: MediationOutcome
    public var agreementForm: AgreementForm?
    public var agreementText: String
    public var referredTo: String
}

/// The facts of a dispute a session is checked against.
public struct DisputeState: Sendable, Equatable {
    public var status: DisputeStatus
    public var registeredAt: Date
    public var partyIDs: [Int64]
    public init(status: DisputeStatus, registeredAt: Date, partyIDs: [Int64]) { self.status = status; self.registeredAt = registeredAt; self.partyIDs = partyIDs }
}

public enum MediationRules {
    public static let maxText = 5_000, maxPlace = 100, maxMediators = 20, maxName = 50

    /// `hasScan`: a scanned agreement comes with the session; it stands for a written agreement's text.
    public static func validate(_ input: SessionInput, dispute: DisputeState, now: Date, hasScan: Bool = false) -> Result<ValidSession, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        if !dispute.status.isOpen { fail("outcome", .disputeClosed) }
        // A session is recorded on the day it is held or after: never before the dispute was
        // registered (to the minute a form can give), never ahead of now.
        if input.heldAt > now.addingTimeInterval(300) { fail("heldAt", .inFuture) }
        else if input.heldAt < dispute.registeredAt.addingTimeInterval(-ChinaTime.formSlack) { fail("heldAt", .beforeDispute) }
        let place = input.place.trimmed
        if place.isEmpty { fail("place", .required) } else if place.count > maxPlace { fail("place", .tooLong) }
        var mediators: [Mediator] = []
        if input.mediators.count > maxMediators { fail("mediators", .tooLong) }
        for (i, m) in input.mediators.prefix(maxMediators).enumerated() {
            let role = MediatorRole(rawValue: m.role), name = m.name.trimmed
            if role == nil { fail("mediators.\(i).role", .invalidChoice) }
            if name.isEmpty { fail("mediators.\(i).name", .required) } else if name.count > maxName { fail("mediators.\(i).name", .tooLong) }
            if let role, !name.isEmpty, name.count <= maxName { mediators.append(Mediator(role: role, name: name)) }
        }
        var attended: [Int64] = []
        for (i, p) in input.attendedPartyIDs.enumerated() {
            if !dispute.partyIDs.contains(p) { fail("attendedPartyIDs.\(i)", .unknownParty) } else if !attended.contains(p) { attended.append(p) }
        }
        func text(_ field: String, _ s: String?) -> String {
            let t = (s ?? "").trimmed
            if t.count > maxText { fail(field, .tooLong) }
            return t
        }
        let agreed = text("agreed", input.agreed), next = text("nextStep", input.nextStep)
        let agreementText = text("agreementText", input.agreementText), referredTo = text("referredTo", input.referredTo)
        let outcome = MediationOutcome(rawValue: input.outcome)
        if outcome == nil { fail("outcome", .invalidChoice) }
        var form: AgreementForm?
        switch outcome {
        case .resolved:
            form = input.agreementForm.flatMap(AgreementForm.init(rawValue:))
            if form == nil { fail("agreementForm", .invalidChoice) }
            if form == .written && agreementText.isEmpty && !hasScan { fail("agreementText", .required) }
        case .referred:
            if referredTo.isEmpty { fail("referredTo", .required) } else if referredTo.count > maxPlace { fail("referredTo", .tooLong) }
        default: break
        }
        if hasScan && !(outcome == .resolved && form == .written) { fail("agreementScan", .notAllowedNow) }
        guard errors.isEmpty, let outcome else { return .failure(ValidationFailure(errors)) }
        return .success(ValidSession(heldAt: input.heldAt, place: place, mediators: mediators, attendedPartyIDs: attended, agreed: agreed, nextStep: next,
                                     outcome: outcome, agreementForm: form, agreementText: form == .written ? agreementText : "",
                                     referredTo: outcome == .referred ? referredTo : ""))
    }
}

/// What follows from a dispute's facts: who is told, when it is checked again, what a flare-up does.
public enum DisputeWorkflow {
    /// Days after 化解 that the follow-up visit is due, unless the work settings say otherwise.
    public static let defaultFollowUpDays = 30

    /// A dispute becoming 高 (registered so, or raised to it) tells the station leaders at once;
    /// staying 高 or being lowered does not.
    public static func notifiesLeaders(from old: DisputeRisk?, to new: DisputeRisk) -> Bool {
        new == .high && old != .high
    }

    /// The follow-up is due at the end of the day N days after the agreement, China time.
    public static func followUpDue(resolvedAt: Date, days: Int) -> Date {
        MustVisitRule.endOfDay(days: days, after: resolvedAt, calendar: .shanghai)
    }

    /// 回访: the dispute held (it stays resolved, the follow-up is done) or flared up (it is open
    /// again; its sessions and history stay). Only a resolved dispute awaiting its follow-up.
    public static func afterFollowUp(_ status: DisputeStatus, followUpPending: Bool, flaredUp: Bool) -> DisputeStatus? {
        guard status == .resolved, followUpPending else { return nil }
        return flaredUp ? .open : .resolved
    }
}
