import Foundation

/// What the field pages' queue sends: every kind of record an officer can make with no signal.
/// Each is made on the phone under a client id and stored once under it, however often it is sent.
public enum QueuedKind: String, Sendable, Codable, CaseIterable {
    case visit
    case patrolStart = "patrol_start"
    case patrolEnd = "patrol_end"
    case consultation
}

/// A patrol started with no signal: the officer's start time travels with it, because the server
/// hears of it only later.
public struct QueuedPatrolStart: Sendable, Decodable, Equatable {
    public var clientID: String
    public var startedAt: Date
    public var patrol: PatrolStart
    public init(clientID: String, startedAt: Date, patrol: PatrolStart) { self.clientID = clientID; self.startedAt = startedAt; self.patrol = patrol }

    private enum CodingKeys: String, CodingKey { case clientID, startedAt }
    /// One flat object: the client id and time beside the patrol's own fields.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clientID: try c.decode(String.self, forKey: .clientID), startedAt: try c.decode(Date.self, forKey: .startedAt), patrol: try PatrolStart(from: decoder))
    }
}

/// The end of a patrol started offline. It names its start by the start's client id: on the phone
/// the patrol's server id is not known yet.
public struct QueuedPatrolEnd: Sendable, Decodable, Equatable {
    public var clientID: String
    public var startClientID: String
    public var endedAt: Date
    public var note: String
    public init(clientID: String, startClientID: String, endedAt: Date, note: String = "") {
        self.clientID = clientID; self.startClientID = startClientID; self.endedAt = endedAt; self.note = note
    }

    private enum CodingKeys: String, CodingKey { case clientID, startClientID, endedAt, note }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clientID: try c.decode(String.self, forKey: .clientID), startClientID: try c.decode(String.self, forKey: .startClientID),
                  endedAt: try c.decode(Date.self, forKey: .endedAt), note: try c.decodeIfPresent(String.self, forKey: .note) ?? "")
    }
}

/// A walk-in consultation noted with no signal, at the time the officer gives.
public struct QueuedConsultation: Sendable, Decodable, Equatable {
    public var clientID: String
    public var at: Date
    public var consultation: ConsultationInput
    public init(clientID: String, at: Date, consultation: ConsultationInput) { self.clientID = clientID; self.at = at; self.consultation = consultation }

    private enum CodingKeys: String, CodingKey { case clientID, at, topic, outcome, residentID, note }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clientID: try c.decode(String.self, forKey: .clientID), at: try c.decode(Date.self, forKey: .at),
                  consultation: ConsultationInput(topic: try c.decode(String.self, forKey: .topic), outcome: try c.decode(String.self, forKey: .outcome),
                                                  residentID: try c.decodeIfPresent(Int64.self, forKey: .residentID),
                                                  note: try c.decodeIfPresent(String.self, forKey: .note) ?? ""))
    }
}

public enum QueueRules {
    /// Sent more than a day after it happened: the figure leaders watch for phones left unsynced.
    public static let lateAfter: TimeInterval = 86_400

    /// A client id is made on the phone (a UUID): 8 to 64 letters, digits and dashes.
    public static func clientIDProblem(_ raw: String) -> FieldProblem? {
        let id = raw.trimmed
        if id.isEmpty { return .required }
        return (8...64).contains(id.count) && id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) ? nil : .malformed
    }

    /// When something happened, by the officer's word: not ahead of the server's clock (phones
    /// drift a few minutes), and not older than field capture goes (older is an import).
    public static func timeProblem(_ at: Date, now: Date) -> FieldProblem? {
        if at.timeIntervalSince(now) > VisitRules.futureTolerance { return .inFuture }
        if now.timeIntervalSince(at) > VisitRules.maxAge { return .tooOld }
        return nil
    }

    /// Seconds between when it happened and when the server had it; never negative (clocks drift).
    public static func delay(recordedAt: Date, receivedAt: Date) -> Int64 { max(0, Int64(receivedAt.timeIntervalSince(recordedAt))) }

    public static func isLate(delaySeconds: Int64) -> Bool { TimeInterval(delaySeconds) > lateAfter }
}
