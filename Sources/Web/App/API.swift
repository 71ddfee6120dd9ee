import Domain

/// Every JSON API address under `/api/v1`, as described in `openapi.yaml`.
enum API: Address {
    case login, logout, me
    case units
    case unit(Int64)
    case registerCounts
    case households
    case household(Int64)
    case householdResidents(Int64)
    case residents
    case resident(Int64)
    case revealResident(Int64)
    case places
    case place(Int64)
    case visits
    case visit(Int64)
    case visitHelp(Int64)
    case tasks
    case taskAssignee(Int64)
    case mustVisitRules
    case mustVisitRule(String)
    case workSettings
    case campaigns
    case campaign(Int64)
    case requests
    case request(Int64)
    case requestHelp(Int64)
    case requestStep(Int64, RequestAction)
    case requestPhoto(Int64)
    case requestCategories
    case requestCategory(String)
    case figures
    case coverage
    case unvisited(Int64)
    case careSubjects
    case gridOutlines
    case meetings
    case meeting(Int64)
    case disputeTypes
    case disputes
    case dispute(Int64)
    case disputeRisk(Int64)
    case disputeSessions(Int64)
    case disputeFollowUp(Int64)
    case disputeScan(Int64)
    case clues
    case clue(Int64)
    case clueOutcome(Int64)
    case patrols
    case patrol(Int64)
    case patrolHelp(Int64)
    case patrolEnd(Int64)
    case patrolFindings(Int64)
    case helpRecords
    case publicity
    case publicityItem(Int64)
    case alarmGroups
    case alarmGroup(Int64)
    case alarms
    case alarm(Int64)
    case alarmStep(Int64, AlarmAction)
    case alarmDevices
    case alarmDevice(Int64)
    case alarmDevicePress(Int64)
    case alarmStandard(Int64)
    case dutyRoster, dutyShifts, dutyGaps
    case dutyShift(Int64)
    case rollCalls
    case rollCall(Int64)
    case holidays
    case cases
    case serviceKinds
    case serviceKind(String)
    case appointments, appointmentSlots
    case appointment(Int64)
    case appointmentChange(Int64, AppointmentChange)
    case appointmentDone(Int64)
    case appointmentRating(Int64)
    case officePlans, officeSessions, officeCheckOut, officeCompliance, policeOffices, officeHoursRule, officeDaysOff
    case policeOffice(Int64)
    case consultations, servicePoints, servicePointLogs
    case informants
    case informant(Int64)
    case informantContacts(Int64)
    case informantRecognitions(Int64)
    case questionnaires
    case questionnaire(Int64)
    case surveyRounds
    case surveyRound(Int64)
    case surveyCalls(Int64)
    case surveyPaper(Int64)
    case surveySuggestions(Int64)
    case surveySheets(Int64)
    case offlineCopy
    case queueReceipts
    case surveySampleAnswers(Int64)
    case surveySampleCalls(Int64)
    case victims
    case victim(Int64)
    case victimVisit(Int64)
    case notifications, notificationsRead

    var parts: [AddressPart] { [.fixed("api"), .fixed("v1")] + tail }

    private var tail: [AddressPart] {
        switch self {
        case .login: [.fixed("auth"), .fixed("login")]
        case .logout: [.fixed("auth"), .fixed("logout")]
        case .me: [.fixed("me")]
        case .units: [.fixed("units")]
        case .unit(let id): [.fixed("units"), .id(id)]
        case .registerCounts: [.fixed("register"), .fixed("counts")]
        case .households: [.fixed("households")]
        case .household(let id): [.fixed("households"), .id(id)]
        case .householdResidents(let id): [.fixed("households"), .id(id), .fixed("residents")]
        case .residents: [.fixed("residents")]
        case .resident(let id): [.fixed("residents"), .id(id)]
        case .revealResident(let id): [.fixed("residents"), .id(id), .fixed("reveal")]
        case .places: [.fixed("places")]
        case .place(let id): [.fixed("places"), .id(id)]
        case .visits: [.fixed("visits")]
        case .visit(let id): [.fixed("visits"), .id(id)]
        case .visitHelp(let id): [.fixed("visits"), .id(id), .fixed("help")]
        case .tasks: [.fixed("tasks")]
        case .taskAssignee(let id): [.fixed("tasks"), .id(id), .fixed("assignee")]
        case .mustVisitRules: [.fixed("must-visit-rules")]
        case .mustVisitRule(let code): [.fixed("must-visit-rules"), .value(name: "code", code)]
        case .workSettings: [.fixed("work-settings")]
        case .campaigns: [.fixed("campaigns")]
        case .campaign(let id): [.fixed("campaigns"), .id(id)]
        case .requests: [.fixed("requests")]
        case .request(let id): [.fixed("requests"), .id(id)]
        case .requestHelp(let id): [.fixed("requests"), .id(id), .fixed("help")]
        case .requestStep(let id, let step): [.fixed("requests"), .id(id), .fixed(step.rawValue)]
        case .requestPhoto(let id): [.fixed("request-photos"), .id(id)]
        case .requestCategories: [.fixed("request-categories")]
        case .requestCategory(let code): [.fixed("request-categories"), .value(name: "code", code)]
        case .figures: [.fixed("figures")]
        case .coverage: [.fixed("coverage")]
        case .unvisited(let id): [.fixed("coverage"), .id(id), .fixed("unvisited")]
        case .careSubjects: [.fixed("care-subjects")]
        case .gridOutlines: [.fixed("grid-outlines")]
        case .meetings: [.fixed("meetings")]
        case .meeting(let id): [.fixed("meetings"), .id(id)]
        case .disputeTypes: [.fixed("dispute-types")]
        case .disputes: [.fixed("disputes")]
        case .dispute(let id): [.fixed("disputes"), .id(id)]
        case .disputeRisk(let id): [.fixed("disputes"), .id(id), .fixed("risk")]
        case .disputeSessions(let id): [.fixed("disputes"), .id(id), .fixed("sessions")]
        case .disputeFollowUp(let id): [.fixed("disputes"), .id(id), .fixed("follow-up")]
        case .disputeScan(let id): [.fixed("dispute-scans"), .id(id)]
        case .clues: [.fixed("clues")]
        case .clue(let id): [.fixed("clues"), .id(id)]
        case .clueOutcome(let id): [.fixed("clues"), .id(id), .fixed("outcome")]
        case .patrols: [.fixed("patrols")]
        case .patrol(let id): [.fixed("patrols"), .id(id)]
        case .patrolHelp(let id): [.fixed("patrols"), .id(id), .fixed("help")]
        case .patrolEnd(let id): [.fixed("patrols"), .id(id), .fixed("end")]
        case .patrolFindings(let id): [.fixed("patrols"), .id(id), .fixed("findings")]
        case .helpRecords: [.fixed("help-records")]
        case .publicity: [.fixed("publicity")]
        case .publicityItem(let id): [.fixed("publicity"), .id(id)]
        case .alarmGroups: [.fixed("alarm-groups")]
        case .alarmGroup(let id): [.fixed("alarm-groups"), .id(id)]
        case .alarms: [.fixed("alarms")]
        case .alarm(let id): [.fixed("alarms"), .id(id)]
        case .alarmStep(let id, let step): [.fixed("alarms"), .id(id), .fixed(step.rawValue)]
        case .alarmDevices: [.fixed("alarm-devices")]
        case .alarmDevice(let id): [.fixed("alarm-devices"), .id(id)]
        case .alarmDevicePress(let id): [.fixed("alarm-devices"), .id(id), .fixed("press")]
        case .alarmStandard(let id): [.fixed("alarm-standards"), .id(id)]
        case .dutyRoster: [.fixed("duty"), .fixed("roster")]
        case .dutyShifts: [.fixed("duty"), .fixed("shifts")]
        case .dutyShift(let id): [.fixed("duty"), .fixed("shifts"), .id(id)]
        case .dutyGaps: [.fixed("duty"), .fixed("gaps")]
        case .rollCalls: [.fixed("roll-calls")]
        case .rollCall(let id): [.fixed("roll-calls"), .id(id)]
        case .holidays: [.fixed("holidays")]
        case .cases: [.fixed("cases")]
        case .serviceKinds: [.fixed("service-kinds")]
        case .serviceKind(let code): [.fixed("service-kinds"), .value(name: "code", code)]
        case .appointments: [.fixed("appointments")]
        case .appointmentSlots: [.fixed("appointments"), .fixed("slots")]
        case .appointment(let id): [.fixed("appointments"), .id(id)]
        case .appointmentChange(let id, let change): [.fixed("appointments"), .id(id), .fixed(change.rawValue)]
        case .appointmentDone(let id): [.fixed("appointments"), .id(id), .fixed("done")]
        case .appointmentRating(let id): [.fixed("appointments"), .id(id), .fixed("rating")]
        case .officePlans: [.fixed("office-plans")]
        case .officeSessions: [.fixed("office-sessions")]
        case .officeCheckOut: [.fixed("office-sessions"), .fixed("check-out")]
        case .officeCompliance: [.fixed("office-compliance")]
        case .policeOffices: [.fixed("police-offices")]
        case .officeHoursRule: [.fixed("office-hours-rule")]
        case .officeDaysOff: [.fixed("office-days-off")]
        case .consultations: [.fixed("consultations")]
        case .servicePoints: [.fixed("service-points")]
        case .servicePointLogs: [.fixed("service-points"), .fixed("logs")]
        case .policeOffice(let id): [.fixed("police-offices"), .id(id)]
        case .informants: [.fixed("informants")]
        case .informant(let id): [.fixed("informants"), .id(id)]
        case .informantContacts(let id): [.fixed("informants"), .id(id), .fixed("contacts")]
        case .informantRecognitions(let id): [.fixed("informants"), .id(id), .fixed("recognitions")]
        case .questionnaires: [.fixed("questionnaires")]
        case .questionnaire(let id): [.fixed("questionnaires"), .id(id)]
        case .surveyRounds: [.fixed("survey-rounds")]
        case .surveyRound(let id): [.fixed("survey-rounds"), .id(id)]
        case .surveyCalls(let id): [.fixed("survey-rounds"), .id(id), .fixed("calls")]
        case .surveyPaper(let id): [.fixed("survey-rounds"), .id(id), .fixed("paper")]
        case .surveySuggestions(let id): [.fixed("survey-rounds"), .id(id), .fixed("suggestions")]
        case .surveySheets(let id): [.fixed("survey-rounds"), .id(id), .fixed("answers")]
        case .offlineCopy: [.fixed("offline-copy")]
        case .queueReceipts: [.fixed("offline-receipts")]
        case .surveySampleAnswers(let id): [.fixed("survey-samples"), .id(id), .fixed("answers")]
        case .surveySampleCalls(let id): [.fixed("survey-samples"), .id(id), .fixed("calls")]
        case .victims: [.fixed("victims")]
        case .victim(let id): [.fixed("victims"), .id(id)]
        case .victimVisit(let id): [.fixed("victims"), .id(id), .fixed("visit")]
        case .notifications: [.fixed("notifications")]
        case .notificationsRead: [.fixed("notifications"), .fixed("read")]
        }
    }
}
