import Foundation

/// 统计口径: every figure Jingmin reports. Its name and what it counts are written once, in the
/// web catalog (`figure.<case>`, `figure.<case>.definition`), and shown next to the number on
/// every page (a leader must know what a number means).
public enum Figure: String, CaseIterable, Sendable, Codable {
    case householdsVisited, personsVisited, visits, coverage
    case tasksDone, tasksOpen, tasksOverdue, mustVisitOnTime, careOnTime
    case requestsReceived, requestsResolved, requestsOverdue, medianResolveHours, returnVisitRate, satisfactionRate, dissatisfied
    case suggestions, meetings, meetingAttendees, meetingSatisfaction
    case disputesScreened, disputesResolved, disputeResolutionRate, disputesReferred, disputesTerminated, disputesOpen
    case disputesHighRiskOpen, medianDisputeDays, disputeFollowUps
    case cluesReceived, cluesVerified, casesSolvedFromClues
    case victims, victimsVisited, victimCoverage, leaderLedVictimVisits
    case patrols, personPatrols, jointPatrols, jointPatrolResidents, peopleHelped, peopleFound, propertyRecovered, moneyRecovered
    case publicityEvents, publicityAudience, leaflets, onlinePosts, onlineViews
    case rollCalls, rollCallCompliance, dutyGaps
    case alarms, falseAlarms, medianAlarmAck, medianAlarmArrive, alarmAckOnTime, alarmArriveOnTime
    case alarmGroups, alarmCoverage
    case appointmentsBooked, appointmentsDone, appointmentsOnDay, appointmentSatisfaction, idCardsIssued, householdBooksIssued, registrationsHandled
    case officeHalfDayRate, officeEveningRate, consultations, servicePointServices
    case surveyAnswers, surveySecurity, surveySatisfaction
    case informants, informantContactRate
    case queuedRecords, queuedLate
}

/// The raw counts behind the figures of one unit and period, as the store counts them in SQL.
public struct FigureCounts: Sendable, Codable, Equatable {
    public var households = 0, householdsVisited = 0, personsVisited = 0, visits = 0
    public var tasksDone = 0, tasksOpen = 0, tasksOverdue = 0
    public var mustVisitDone = 0, mustVisitOnTime = 0, careDone = 0, careOnTime = 0
    public var requestsReceived = 0, requestsResolved = 0, requestsOverdue = 0, everResolved = 0, returnVisited = 0
    public var satisfied = 0, basicallySatisfied = 0, dissatisfied = 0
    public var medianResolveSeconds: Double?
    public var suggestions = 0, meetings = 0, meetingAttendees = 0
    public var meetingSatisfied = 0, meetingBasically = 0, meetingRated = 0
    public var disputesScreened = 0, disputesResolved = 0, disputesReferred = 0, disputesTerminated = 0, disputesOpen = 0
    public var disputesHighRiskOpen = 0, disputeFollowUps = 0
    public var medianDisputeSeconds: Double?
    public var cluesReceived = 0, cluesVerified = 0, casesSolvedFromClues = 0
    public var victims = 0, victimsVisited = 0, leaderLedVictimVisits = 0
    public var patrols = 0, personPatrols = 0, jointPatrols = 0, jointPatrolResidents = 0, peopleHelped = 0, peopleFound = 0, propertyRecovered = 0
    public var moneyRecoveredFen: Int64 = 0
    public var publicityEvents = 0, publicityAudience = 0, leaflets = 0, onlinePosts = 0, onlineViews = 0
    /// Roll calls held; the stations that owe them, over the period's days up to today.
    public var rollCalls = 0, stations = 0, rollCallDays = 0, dutyGaps = 0
    /// 和谐警铃 pressed in the period, drills left out: those closed as 误报, those acknowledged
    /// within their station's limit, those an officer was sent to and those reached within the limit.
    public var alarms = 0, falseAlarms = 0, alarmsAckOnTime = 0, alarmsDispatched = 0, alarmsArriveOnTime = 0
    public var medianAlarmAckSeconds: Double?, medianAlarmArriveSeconds: Double?
    /// 联防组 now, and the households in them.
    public var alarmGroups = 0, householdsInAlarmGroups = 0
    /// 预约服务: booked in the period; done in the period, and of those done on the agreed day and
    /// rated; the counters recorded when done (身份证 张, 户口簿 本, 户口 人).
    public var appointmentsBooked = 0, appointmentsDone = 0, appointmentsOnDay = 0
    public var appointmentsRated = 0, appointmentsSatisfied = 0
    public var serviceCounts: [String: Int] = [:]
    /// 社区警务室坐班: the planned half-days and evenings of the period that have ended, and those kept.
    /// 接待咨询 logged in the period.
    public var consultations = 0
    /// People served at the 服务点 in the period (directions, lost and found, certificates, help).
    public var servicePointServices = 0
    public var officeHalfDaysPlanned = 0, officeHalfDaysKept = 0, officeEveningsPlanned = 0, officeEveningsKept = 0
    /// 双提升调查: questionnaires completed in the period (any round, any channel), and of their
    /// valid answers those counted secure and satisfied (each round's questionnaire says which).
    public var surveyAnswers = 0, surveySecure = 0, surveySecurityValid = 0, surveySatisfied = 0, surveySatisfactionValid = 0
    /// 信息员 registered now, and those with a contact logged in the period.
    public var informants = 0, informantsContacted = 0
    /// Records sent by the field pages' queue that happened in the period, and those of them that
    /// reached the server more than a day after (`QueueRules.lateAfter`).
    public var queuedRecords = 0, queuedLate = 0

    public init() {}

    /// Every figure as the page shows it: counts as numbers, rates as "87.5%" ("—" when there
    /// is nothing to divide by), the median in hours.
    public func text(_ f: Figure) -> String {
        switch f {
        case .householdsVisited: String(householdsVisited)
        case .personsVisited: String(personsVisited)
        case .visits: String(visits)
        case .coverage: Percent.text(householdsVisited, of: households)
        case .tasksDone: String(tasksDone)
        case .tasksOpen: String(tasksOpen)
        case .tasksOverdue: String(tasksOverdue)
        case .mustVisitOnTime: Percent.text(mustVisitOnTime, of: mustVisitDone)
        case .careOnTime: Percent.text(careOnTime, of: careDone)
        case .requestsReceived: String(requestsReceived)
        case .requestsResolved: String(requestsResolved)
        case .requestsOverdue: String(requestsOverdue)
        case .medianResolveHours: medianResolveSeconds.map { Self.hours($0) } ?? "—"
        case .returnVisitRate: Percent.text(returnVisited, of: everResolved)
        case .satisfactionRate: Percent.text(satisfied + basicallySatisfied, of: returnVisited)
        case .dissatisfied: String(dissatisfied)
        case .suggestions: String(suggestions)
        case .meetings: String(meetings)
        case .meetingAttendees: String(meetingAttendees)
        case .meetingSatisfaction: Percent.text(meetingSatisfied + meetingBasically, of: meetingRated)
        case .disputesScreened: String(disputesScreened)
        case .disputesResolved: String(disputesResolved)
        case .disputeResolutionRate: Percent.text(disputesResolved, of: disputesScreened)
        case .disputesReferred: String(disputesReferred)
        case .disputesTerminated: String(disputesTerminated)
        case .disputesOpen: String(disputesOpen)
        case .disputesHighRiskOpen: String(disputesHighRiskOpen)
        case .medianDisputeDays: medianDisputeSeconds.map { Self.days($0) } ?? "—"
        case .disputeFollowUps: String(disputeFollowUps)
        case .cluesReceived: String(cluesReceived)
        case .cluesVerified: String(cluesVerified)
        case .casesSolvedFromClues: String(casesSolvedFromClues)
        case .victims: String(victims)
        case .victimsVisited: String(victimsVisited)
        case .victimCoverage: Percent.text(victimsVisited, of: victims)
        case .leaderLedVictimVisits: String(leaderLedVictimVisits)
        case .patrols: String(patrols)
        case .personPatrols: String(personPatrols)
        case .jointPatrols: String(jointPatrols)
        case .jointPatrolResidents: String(jointPatrolResidents)
        case .peopleHelped: String(peopleHelped)
        case .peopleFound: String(peopleFound)
        case .propertyRecovered: String(propertyRecovered)
        case .moneyRecovered: Yuan.text(moneyRecoveredFen)
        case .publicityEvents: String(publicityEvents)
        case .publicityAudience: String(publicityAudience)
        case .leaflets: String(leaflets)
        case .onlinePosts: String(onlinePosts)
        case .onlineViews: String(onlineViews)
        case .rollCalls: String(rollCalls)
        case .rollCallCompliance: Percent.text(rollCalls, of: RollCallRules.expected(days: rollCallDays, stations: stations))
        case .dutyGaps: String(dutyGaps)
        case .alarms: String(alarms)
        case .falseAlarms: String(falseAlarms)
        case .medianAlarmAck: medianAlarmAckSeconds.map { Self.minutes($0) } ?? "—"
        case .medianAlarmArrive: medianAlarmArriveSeconds.map { Self.minutes($0) } ?? "—"
        case .alarmAckOnTime: Percent.text(alarmsAckOnTime, of: alarms)
        case .alarmArriveOnTime: Percent.text(alarmsArriveOnTime, of: alarmsDispatched)
        case .alarmGroups: String(alarmGroups)
        case .alarmCoverage: Percent.text(householdsInAlarmGroups, of: households)
        case .appointmentsBooked: String(appointmentsBooked)
        case .appointmentsDone: String(appointmentsDone)
        case .appointmentsOnDay: Percent.text(appointmentsOnDay, of: appointmentsDone)
        case .appointmentSatisfaction: Percent.text(appointmentsSatisfied, of: appointmentsRated)
        case .idCardsIssued: String(serviceCounts[ServiceKind.idCards.code] ?? 0)
        case .householdBooksIssued: String(serviceCounts[ServiceKind.householdBooks.code] ?? 0)
        case .registrationsHandled: String(serviceCounts[ServiceKind.registrations.code] ?? 0)
        case .officeHalfDayRate: Percent.text(officeHalfDaysKept, of: officeHalfDaysPlanned)
        case .officeEveningRate: Percent.text(officeEveningsKept, of: officeEveningsPlanned)
        case .consultations: String(consultations)
        case .servicePointServices: String(servicePointServices)
        case .surveyAnswers: String(surveyAnswers)
        case .surveySecurity: Percent.text(surveySecure, of: surveySecurityValid)
        case .surveySatisfaction: Percent.text(surveySatisfied, of: surveySatisfactionValid)
        case .informants: String(informants)
        case .informantContactRate: Percent.text(informantsContacted, of: informants)
        case .queuedRecords: String(queuedRecords)
        case .queuedLate: String(queuedLate)
        }
    }

    /// "12.5": days, one decimal (the figure's name says 天).
    static func days(_ seconds: Double) -> String {
        let tenths = Int((seconds / 8640).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// "1:05": minutes and seconds (an alarm is answered in seconds, not hours).
    public static func minutes(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + "\(s % 60)"
    }

    /// "36.5 h": one decimal.
    static func hours(_ seconds: Double) -> String {
        let tenths = Int((seconds / 360).rounded())
        return "\(tenths / 10).\(tenths % 10) h"
    }
}
