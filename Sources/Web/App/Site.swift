import Domain
import Vapor

/// Every web page's address, in one place: routes register from it and pages link with it.
enum Site: Address {
    case home, login, logout, signup, units
    case language(Language, back: String)
    case unit(Int64)
    case unitChildren(Int64)
    case unitOfficer(Int64)
    case unitPlaces(Int64)
    case household(Int64)
    case newHousehold(grid: Int64)
    case editHousehold(Int64)
    case resident(Int64)
    case newResident(household: Int64)
    case editResident(Int64)
    case revealResident(Int64)
    case search(String?)
    case newVisit(household: Int64)
    case visit(Int64)
    case visitHelp(Int64)
    case tasks
    case taskAssignee(Int64)
    case coverage(String?)
    case coverageExport
    case unvisited(Int64, String?)
    case unvisitedExport(Int64)
    case care, careExport
    case campaigns, newCampaign
    case campaign(Int64)
    case campaignExport(Int64)
    case requests(String?)
    case requestsExport
    case newRequest
    case request(Int64)
    case requestHelp(Int64)
    case requestStep(Int64, RequestAction)
    case requestPhoto(Int64)
    case meetings, newMeeting, meetingsExport
    case meeting(Int64)
    case disputes(String?)
    case disputesExport
    case newDispute(String?)
    case dispute(Int64)
    case disputeRisk(Int64)
    case disputeSession(Int64)
    case disputeFollowUp(Int64)
    case disputeScan(Int64)
    case clues(String?)
    case cluesExport
    case newClue(String?)
    case clue(Int64)
    case clueOutcome(Int64)
    case patrols(String?)
    case patrolsExport
    case patrol(Int64)
    case patrolHelp(Int64)
    case patrolEnd(Int64)
    case patrolFindings(Int64)
    case helpRecords(String?)
    case helpRecordsExport
    case publicity(String?)
    case publicityExport
    case publicityItem(Int64)
    case alarmGroups(String?)
    case alarmGroup(Int64)
    case alarmGroupDissolve(Int64)
    case alarms, newAlarm, alarmEvents, alarmStandard, alarmLedgerExport
    case alarmLedger(String?)
    case alarm(Int64)
    case alarmStep(Int64, AlarmAction)
    case alarmDevices
    case alarmDeviceDisable(Int64)
    case duty(String?)
    case dutyShifts
    case dutyShiftRemove(Int64)
    case dutyPrint(String?)
    case dutyExport(String?)
    case dutyGaps(String?)
    case dutyGapsExport
    case alarmGroupsExport
    case rollCalls(String?)
    case rollCallsExport
    case rollCall(Int64)
    case appointments(String?)
    case appointmentsExport
    case newAppointment(String?)
    case appointment(Int64)
    case appointmentChange(Int64, AppointmentChange)
    case appointmentDone(Int64)
    case appointmentRating(Int64)
    case officeHours(String?)
    case officePlans, officeCheckIn, officeCheckOut
    case policeOffice(Int64)
    case consultations(String?)
    case consultationsExport
    case servicePoints(String?)
    case servicePointsExport
    case officeBoard(Int64)
    case informants
    case informant(Int64)
    case informantContact(Int64)
    case informantRecognition(Int64)
    case surveys
    case newSurveyRound
    case surveyRound(Int64, String?)
    case surveyRoundExport(Int64)
    case surveyCalls(Int64, String?)
    case surveyLinks(Int64, String?)
    case surveyPaper(Int64)
    case surveySuggestions(Int64)
    case surveySheets(Int64, String?)
    case surveySheetsExport(Int64)
    case offlineCopy
    case field
    case fieldSession, fieldVisits, fieldPatrols, fieldPatrolEnds, fieldConsultations
    case queueReceipts(String?)
    case queueReceiptsExport
    case surveySample(Int64)
    case surveySampleAnswers(Int64)
    case surveySampleCall(Int64)
    case surveySampleDial(Int64)
    case questionnaire(Int64)
    case questionnaireEdit(Int64)
    case surveyLink(String)
    case mySurvey(Int64)
    case victims(String?)
    case victimsExport
    case victim(Int64)
    case victimVisit(Int64)
    case dashboard(String?)
    case dashboardExport
    case dashboardLedger(String?)
    case inbox, inboxRead, inboxEvents
    case settings, settingsWork
    case settingsRule(String)
    case settingsCategories
    case settingsCategory(String)
    case settingsDisputeTypes
    case settingsServiceKinds
    case settingsOfficeHours
    case officeDaysOff
    case settingsServiceKind(String)
    case settingsHolidays(String?)
    case settingsHolidayRemove(String)
    case settingsDisputeType(String)
    case users
    case userStatus(Int64)
    case audit(String?)

    var parts: [AddressPart] {
        switch self {
        case .home: []
        case .login: [.fixed("login")]
        case .logout: [.fixed("logout")]
        case .signup: [.fixed("signup")]
        case .language(let l, _): [.fixed("language"), .value(name: "lang", l.rawValue)]
        case .units: [.fixed("units")]
        case .unit(let id): [.fixed("units"), .id(id)]
        case .unitChildren(let id): [.fixed("units"), .id(id), .fixed("children")]
        case .unitOfficer(let id): [.fixed("units"), .id(id), .fixed("officer")]
        case .unitPlaces(let id): [.fixed("units"), .id(id), .fixed("places")]
        case .household(let id): [.fixed("households"), .id(id)]
        case .newHousehold(let grid): [.fixed("units"), .id(grid), .fixed("households"), .fixed("new")]
        case .editHousehold(let id): [.fixed("households"), .id(id), .fixed("edit")]
        case .resident(let id): [.fixed("residents"), .id(id)]
        case .newResident(let h): [.fixed("households"), .id(h), .fixed("residents"), .fixed("new")]
        case .editResident(let id): [.fixed("residents"), .id(id), .fixed("edit")]
        case .revealResident(let id): [.fixed("residents"), .id(id), .fixed("reveal")]
        case .search: [.fixed("search")]
        case .newVisit(let h): [.fixed("households"), .id(h), .fixed("visits"), .fixed("new")]
        case .visit(let id): [.fixed("visits"), .id(id)]
        case .visitHelp(let id): [.fixed("visits"), .id(id), .fixed("help")]
        case .tasks: [.fixed("tasks")]
        case .taskAssignee(let id): [.fixed("tasks"), .id(id), .fixed("assignee")]
        case .coverage: [.fixed("coverage")]
        case .coverageExport: [.fixed("coverage"), .fixed("export")]
        case .unvisited(let id, _): [.fixed("units"), .id(id), .fixed("unvisited")]
        case .unvisitedExport(let id): [.fixed("units"), .id(id), .fixed("unvisited"), .fixed("export")]
        case .care: [.fixed("care")]
        case .careExport: [.fixed("care"), .fixed("export")]
        case .campaigns: [.fixed("campaigns")]
        case .newCampaign: [.fixed("campaigns"), .fixed("new")]
        case .campaign(let id): [.fixed("campaigns"), .id(id)]
        case .campaignExport(let id): [.fixed("campaigns"), .id(id), .fixed("export")]
        case .requests: [.fixed("requests")]
        case .requestsExport: [.fixed("requests"), .fixed("export")]
        case .newRequest: [.fixed("requests"), .fixed("new")]
        case .request(let id): [.fixed("requests"), .id(id)]
        case .requestHelp(let id): [.fixed("requests"), .id(id), .fixed("help")]
        case .requestStep(let id, let step): [.fixed("requests"), .id(id), .fixed(step.rawValue)]
        case .requestPhoto(let id): [.fixed("request-photos"), .id(id)]
        case .meetings: [.fixed("meetings")]
        case .newMeeting: [.fixed("meetings"), .fixed("new")]
        case .meetingsExport: [.fixed("meetings"), .fixed("export")]
        case .meeting(let id): [.fixed("meetings"), .id(id)]
        case .disputes: [.fixed("disputes")]
        case .disputesExport: [.fixed("disputes"), .fixed("export")]
        case .newDispute: [.fixed("disputes"), .fixed("new")]
        case .dispute(let id): [.fixed("disputes"), .id(id)]
        case .disputeRisk(let id): [.fixed("disputes"), .id(id), .fixed("risk")]
        case .disputeSession(let id): [.fixed("disputes"), .id(id), .fixed("sessions")]
        case .disputeFollowUp(let id): [.fixed("disputes"), .id(id), .fixed("follow-up")]
        case .disputeScan(let id): [.fixed("dispute-scans"), .id(id)]
        case .clues: [.fixed("clues")]
        case .cluesExport: [.fixed("clues"), .fixed("export")]
        case .newClue: [.fixed("clues"), .fixed("new")]
        case .clue(let id): [.fixed("clues"), .id(id)]
        case .clueOutcome(let id): [.fixed("clues"), .id(id), .fixed("outcome")]
        case .patrols: [.fixed("patrols")]
        case .patrolsExport: [.fixed("patrols"), .fixed("export")]
        case .patrol(let id): [.fixed("patrols"), .id(id)]
        case .patrolHelp(let id): [.fixed("patrols"), .id(id), .fixed("help")]
        case .patrolEnd(let id): [.fixed("patrols"), .id(id), .fixed("end")]
        case .patrolFindings(let id): [.fixed("patrols"), .id(id), .fixed("findings")]
        case .helpRecords: [.fixed("help-records")]
        case .helpRecordsExport: [.fixed("help-records"), .fixed("export")]
        case .publicity: [.fixed("publicity")]
        case .publicityExport: [.fixed("publicity"), .fixed("export")]
        case .publicityItem(let id): [.fixed("publicity"), .id(id)]
        case .alarmGroups: [.fixed("alarm-groups")]
        case .alarmGroup(let id): [.fixed("alarm-groups"), .id(id)]
        case .alarmGroupDissolve(let id): [.fixed("alarm-groups"), .id(id), .fixed("dissolve")]
        case .alarms: [.fixed("alarms")]
        case .newAlarm: [.fixed("alarms"), .fixed("new")]
        case .alarmEvents: [.fixed("alarms"), .fixed("events")]
        case .alarmStandard: [.fixed("alarms"), .fixed("standard")]
        case .alarmLedger: [.fixed("alarms"), .fixed("ledger")]
        case .alarmLedgerExport: [.fixed("alarms"), .fixed("ledger"), .fixed("export")]
        case .alarm(let id): [.fixed("alarms"), .id(id)]
        case .alarmStep(let id, let step): [.fixed("alarms"), .id(id), .fixed(step.rawValue)]
        case .alarmDevices: [.fixed("alarm-devices")]
        case .alarmDeviceDisable(let id): [.fixed("alarm-devices"), .id(id), .fixed("disable")]
        case .duty: [.fixed("duty")]
        case .dutyShifts: [.fixed("duty"), .fixed("shifts")]
        case .dutyShiftRemove(let id): [.fixed("duty"), .fixed("shifts"), .id(id), .fixed("remove")]
        case .dutyPrint: [.fixed("duty"), .fixed("print")]
        case .dutyExport: [.fixed("duty"), .fixed("export")]
        case .dutyGaps: [.fixed("duty"), .fixed("gaps")]
        case .dutyGapsExport: [.fixed("duty"), .fixed("gaps"), .fixed("export")]
        case .alarmGroupsExport: [.fixed("alarm-groups"), .fixed("export")]
        case .rollCalls: [.fixed("roll-calls")]
        case .rollCallsExport: [.fixed("roll-calls"), .fixed("export")]
        case .rollCall(let id): [.fixed("roll-calls"), .id(id)]
        case .appointments: [.fixed("appointments")]
        case .appointmentsExport: [.fixed("appointments"), .fixed("export")]
        case .newAppointment: [.fixed("appointments"), .fixed("new")]
        case .appointment(let id): [.fixed("appointments"), .id(id)]
        case .appointmentChange(let id, let change): [.fixed("appointments"), .id(id), .fixed(change.rawValue)]
        case .appointmentDone(let id): [.fixed("appointments"), .id(id), .fixed("done")]
        case .appointmentRating(let id): [.fixed("appointments"), .id(id), .fixed("rating")]
        case .officeHours: [.fixed("office-hours")]
        case .officePlans: [.fixed("office-hours"), .fixed("plans")]
        case .officeCheckIn: [.fixed("office-hours"), .fixed("check-in")]
        case .officeCheckOut: [.fixed("office-hours"), .fixed("check-out")]
        case .policeOffice(let id): [.fixed("office-hours"), .fixed("offices"), .id(id)]
        case .officeBoard(let id): [.fixed("offices"), .id(id)]
        case .consultations: [.fixed("consultations")]
        case .consultationsExport: [.fixed("consultations"), .fixed("export")]
        case .servicePoints: [.fixed("service-points")]
        case .servicePointsExport: [.fixed("service-points"), .fixed("export")]
        case .informants: [.fixed("informants")]
        case .informant(let id): [.fixed("informants"), .id(id)]
        case .informantContact(let id): [.fixed("informants"), .id(id), .fixed("contacts")]
        case .informantRecognition(let id): [.fixed("informants"), .id(id), .fixed("recognitions")]
        case .surveys: [.fixed("surveys")]
        case .newSurveyRound: [.fixed("surveys"), .fixed("new")]
        case .surveyRound(let id, _): [.fixed("surveys"), .id(id)]
        case .surveyRoundExport(let id): [.fixed("surveys"), .id(id), .fixed("export")]
        case .surveySheets(let id, _): [.fixed("surveys"), .id(id), .fixed("answers")]
        case .surveySheetsExport(let id): [.fixed("surveys"), .id(id), .fixed("answers"), .fixed("export")]
        case .offlineCopy: [.fixed("offline"), .fixed("copy")]
        case .field: [.fixed("field")]
        case .fieldSession: [.fixed("field"), .fixed("session")]
        case .fieldVisits: [.fixed("field"), .fixed("visits")]
        case .fieldPatrols: [.fixed("field"), .fixed("patrols")]
        case .fieldPatrolEnds: [.fixed("field"), .fixed("patrol-ends")]
        case .fieldConsultations: [.fixed("field"), .fixed("consultations")]
        case .queueReceipts: [.fixed("offline"), .fixed("received")]
        case .queueReceiptsExport: [.fixed("offline"), .fixed("received"), .fixed("export")]
        case .surveyCalls(let id, _): [.fixed("surveys"), .id(id), .fixed("calls")]
        case .surveyLinks(let id, _): [.fixed("surveys"), .id(id), .fixed("links")]
        case .surveyPaper(let id): [.fixed("surveys"), .id(id), .fixed("paper")]
        case .surveySuggestions(let id): [.fixed("surveys"), .id(id), .fixed("suggestions")]
        case .surveySample(let id): [.fixed("survey-samples"), .id(id)]
        case .surveySampleAnswers(let id): [.fixed("survey-samples"), .id(id), .fixed("answers")]
        case .surveySampleCall(let id): [.fixed("survey-samples"), .id(id), .fixed("call")]
        case .surveySampleDial(let id): [.fixed("survey-samples"), .id(id), .fixed("dial")]
        case .questionnaire(let id): [.fixed("questionnaires"), .id(id)]
        case .questionnaireEdit(let id): [.fixed("questionnaires"), .id(id), .fixed("edit")]
        case .surveyLink(let token): [.fixed("q"), .value(name: "token", token)]
        case .mySurvey(let id): [.fixed("my-surveys"), .id(id)]
        case .victims: [.fixed("victims")]
        case .victimsExport: [.fixed("victims"), .fixed("export")]
        case .victim(let id): [.fixed("victims"), .id(id)]
        case .victimVisit(let id): [.fixed("victims"), .id(id), .fixed("visit")]
        case .dashboard: [.fixed("dashboard")]
        case .dashboardExport: [.fixed("dashboard"), .fixed("export")]
        case .dashboardLedger: [.fixed("dashboard"), .fixed("ledger")]
        case .inbox: [.fixed("inbox")]
        case .inboxRead: [.fixed("inbox"), .fixed("read")]
        case .inboxEvents: [.fixed("inbox"), .fixed("events")]
        case .settings: [.fixed("settings")]
        case .settingsWork: [.fixed("settings"), .fixed("work")]
        case .settingsRule(let code): [.fixed("settings"), .fixed("rules"), .value(name: "code", code)]
        case .settingsCategories: [.fixed("settings"), .fixed("categories")]
        case .settingsCategory(let code): [.fixed("settings"), .fixed("categories"), .value(name: "code", code)]
        case .settingsDisputeTypes: [.fixed("settings"), .fixed("dispute-types")]
        case .settingsServiceKinds: [.fixed("settings"), .fixed("service-kinds")]
        case .settingsOfficeHours: [.fixed("settings"), .fixed("office-hours")]
        case .officeDaysOff: [.fixed("office-hours"), .fixed("days-off")]
        case .settingsServiceKind(let code): [.fixed("settings"), .fixed("service-kinds"), .value(name: "code", code)]
        case .settingsHolidays: [.fixed("settings"), .fixed("holidays")]
        case .settingsHolidayRemove(let day): [.fixed("settings"), .fixed("holidays"), .value(name: "day", day), .fixed("remove")]
        case .settingsDisputeType(let code): [.fixed("settings"), .fixed("dispute-types"), .value(name: "code", code)]
        case .users: [.fixed("users")]
        case .userStatus(let id): [.fixed("users"), .id(id), .fixed("status")]
        case .audit: [.fixed("audit")]
        }
    }

    /// Where a record that came through the field queue is shown (consultations have no page of their own).
    static func queued(_ kind: QueuedKind, _ id: Int64) -> Site {
        switch kind {
        case .visit: .visit(id)
        case .patrolStart, .patrolEnd: .patrol(id)
        case .consultation: .consultations(nil)
        }
    }

    var query: String? {
        switch self {
        case .coverage(let q), .unvisited(_, let q), .requests(let q), .dashboard(let q), .dashboardLedger(let q), .audit(let q),
             .disputes(let q), .newDispute(let q), .clues(let q), .newClue(let q), .victims(let q), .patrols(let q), .helpRecords(let q), .publicity(let q),
             .alarmGroups(let q), .alarmLedger(let q), .duty(let q), .dutyPrint(let q), .dutyExport(let q), .dutyGaps(let q), .rollCalls(let q), .settingsHolidays(let q),
             .appointments(let q), .newAppointment(let q), .officeHours(let q), .consultations(let q), .servicePoints(let q), .queueReceipts(let q),
             .surveyRound(_, let q), .surveyCalls(_, let q), .surveyLinks(_, let q), .surveySheets(_, let q): q
        case .search(let q): q.map { "q=\(AddressPart.encode($0))" }
        case .language(_, let back): "back=\(AddressPart.encode(back))"
        default: nil
        }
    }
}
