import Domain
import Foundation

/// A dispute as its list and page show it.
public struct DisputeView: Sendable, Equatable, Codable {
    public var id: Int64
    public var typeCode: String
    public var typeName: String
    public var summary: String
    public var source: DisputeSource
    public var findingID: Int64?
    public var visitID: Int64?
    public var requestID: Int64?
    public var meetingID: Int64?
    public var patrolID: Int64?
    public var gridID: Int64
    public var gridName: String
    public var officerID: Int64?
    public var officerName: String?
    public var risk: DisputeRisk
    public var status: DisputeStatus
    public var reopenCount: Int
    public var registeredAt: Date
    public var resolvedAt: Date?
    public var followUpDueAt: Date?
    public var followedUpAt: Date?
    public var partyCount: Int

    /// Resolved and not yet visited again.
    public var followUpPending: Bool { status == .resolved && followUpDueAt != nil && followedUpAt == nil }
}

public struct DisputePartyView: Sendable, Equatable, Codable {
    public var id: Int64
    public var residentID: Int64?
    public var name: String
    public var phoneMasked: String?
    public var side: PartySide
}

public struct MediationSessionView: Sendable, Equatable, Codable {
    public var id: Int64
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
    public var recordedBy: String?
    /// The scanned written agreement, served at `/dispute-scans/{id}`.
    public var scanID: Int64?
}

/// One line of a dispute's history: registered, risk changed, a session, the follow-up, reopened.
public struct DisputeEventView: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case registered, risk, session, followUp = "follow_up", reopened }
    public var kind: Kind
    public var note: String
    public var at: Date
    public var by: String?
}

public struct DisputeDetail: Sendable, Equatable, Codable {
    public var dispute: DisputeView
    public var parties: [DisputePartyView]
    public var sessions: [MediationSessionView]
    public var events: [DisputeEventView]
}

/// Which disputes a list shows: the drill-down of each dispute figure is one of these.
public struct DisputeFilter: Sendable, Equatable {
    public enum Show: String, Sendable, CaseIterable {
        case open, all, resolved, referred, terminated, highRisk = "high_risk", followUpDue = "follow_up_due", followedUp = "followed_up"
    }
    public var show: Show
    public var unitID: Int64?
    /// Registered in the period; for `followedUp`, followed up in it.
    public var period: Period?
    public init(show: Show, unitID: Int64? = nil, period: Period? = nil) { self.show = show; self.unitID = unitID; self.period = period }
}
