import Domain
import Foundation
import Persistence
import Vapor

/// 统计 page: tiles by theme, the definitions under them, and the unit-by-unit comparison.
enum DashboardPage {
    static let groups: [(String, [Figure])] = [
        ("dashboard.visits", [.householdsVisited, .personsVisited, .visits, .coverage]),
        ("dashboard.tasks", [.tasksDone, .tasksOpen, .tasksOverdue, .mustVisitOnTime, .careOnTime]),
        ("dashboard.requests", [.requestsReceived, .requestsResolved, .requestsOverdue, .medianResolveHours, .returnVisitRate, .satisfactionRate, .dissatisfied, .suggestions]),
        ("dashboard.meetings", [.meetings, .meetingAttendees, .meetingSatisfaction]),
        ("dashboard.disputes", [.disputesScreened, .disputesResolved, .disputeResolutionRate, .disputesReferred, .disputesTerminated, .disputesOpen,
                                .disputesHighRiskOpen, .medianDisputeDays, .disputeFollowUps]),
        ("dashboard.clues", [.cluesReceived, .cluesVerified, .casesSolvedFromClues]),
        ("dashboard.victims", [.victims, .victimsVisited, .victimCoverage, .leaderLedVictimVisits]),
        ("dashboard.patrols", [.patrols, .personPatrols, .jointPatrols, .jointPatrolResidents, .peopleHelped, .peopleFound, .propertyRecovered, .moneyRecovered]),
        ("dashboard.publicity", [.publicityEvents, .publicityAudience, .leaflets, .onlinePosts, .onlineViews]),
        ("dashboard.duty", [.rollCalls, .rollCallCompliance, .dutyGaps]),
        ("dashboard.alarms", [.alarms, .falseAlarms, .medianAlarmAck, .medianAlarmArrive, .alarmAckOnTime, .alarmArriveOnTime, .alarmGroups, .alarmCoverage]),
        ("dashboard.services", [.appointmentsBooked, .appointmentsDone, .appointmentsOnDay, .appointmentSatisfaction, .idCardsIssued, .householdBooksIssued, .registrationsHandled,
                                 .officeHalfDayRate, .officeEveningRate, .consultations, .servicePointServices]),
        ("dashboard.surveys", [.surveyAnswers, .surveySecurity, .surveySatisfaction]),
        ("dashboard.informants", [.informants, .informantContactRate]),
        ("dashboard.queue", [.queuedRecords, .queuedLate]),
    ]
    static let compared: [Figure] = [.householdsVisited, .coverage, .tasksOverdue, .requestsReceived, .requestsOverdue, .satisfactionRate, .meetings, .disputesScreened, .disputeResolutionRate]

    /// Where a figure's records are listed, with the same unit and period.
    static func link(_ f: Figure, unit: Domain.Unit, period: Period) -> String? {
        let (from, to) = period.dayStrings()
        let q = "unit=\(unit.id)&from=\(from)&to=\(to)"
        switch f {
        case .householdsVisited, .coverage, .visits, .personsVisited: return Site.coverage("from=\(from)&to=\(to)").path
        case .tasksOpen, .tasksOverdue, .tasksDone, .mustVisitOnTime, .careOnTime: return Site.tasks.path
        case .requestsReceived, .suggestions, .medianResolveHours, .satisfactionRate, .returnVisitRate, .dissatisfied: return Site.requests("show=all&\(q)").path
        case .requestsResolved: return Site.requests("show=resolved&\(q)").path
        case .requestsOverdue: return Site.requests("show=overdue&\(q)").path
        case .meetings, .meetingAttendees, .meetingSatisfaction: return Site.meetings.path
        case .disputesScreened, .disputeResolutionRate: return Site.disputes("show=all&\(q)").path
        case .disputesResolved, .medianDisputeDays: return Site.disputes("show=resolved&\(q)").path
        case .disputesReferred: return Site.disputes("show=referred&\(q)").path
        case .disputesTerminated: return Site.disputes("show=terminated&\(q)").path
        case .disputesOpen: return Site.disputes("show=open&\(q)").path
        case .disputesHighRiskOpen: return Site.disputes("show=high_risk&unit=\(unit.id)").path
        case .disputeFollowUps: return Site.disputes("show=followed_up&\(q)").path
        case .cluesReceived: return Site.clues("show=all&\(q)").path
        case .cluesVerified: return Site.clues("show=verified&\(q)").path
        case .casesSolvedFromClues: return Site.clues("show=solved&\(q)").path
        case .victims: return Site.victims("show=all&\(q)").path
        case .victimsVisited, .leaderLedVictimVisits: return Site.victims("show=visited&\(q)").path
        case .victimCoverage: return Site.victims("show=unvisited&\(q)").path
        case .patrols, .personPatrols: return Site.patrols("show=all&\(q)").path
        case .jointPatrols, .jointPatrolResidents: return Site.patrols("show=joint&\(q)").path
        case .peopleHelped: return Site.helpRecords("show=rescue&\(q)").path
        case .peopleFound: return Site.helpRecords("show=person_found&\(q)").path
        case .propertyRecovered: return Site.helpRecords("show=property&\(q)").path
        case .moneyRecovered: return Site.helpRecords("show=money&\(q)").path
        case .publicityEvents, .publicityAudience, .leaflets: return Site.publicity("show=event&\(q)").path
        case .onlinePosts, .onlineViews: return Site.publicity("show=online&\(q)").path
        case .rollCalls, .rollCallCompliance: return Site.rollCalls(q).path
        case .dutyGaps: return Site.dutyGaps(q).path
        case .alarms, .medianAlarmAck, .medianAlarmArrive, .alarmAckOnTime, .alarmArriveOnTime: return Site.alarmLedger("show=all&\(q)").path
        case .falseAlarms: return Site.alarmLedger("show=false&\(q)").path
        case .alarmGroups, .alarmCoverage: return Site.alarmGroups("unit=\(unit.id)").path
        case .appointmentsBooked: return Site.appointments("show=all&\(q)").path
        case .appointmentsDone, .idCardsIssued, .householdBooksIssued, .registrationsHandled: return Site.appointments("show=done&\(q)").path
        case .appointmentsOnDay: return Site.appointments("show=on_day&\(q)").path
        case .appointmentSatisfaction: return Site.appointments("show=rated&\(q)").path
        case .consultations: return Site.consultations(q).path
        case .servicePointServices: return Site.servicePoints(q).path
        case .surveyAnswers, .surveySecurity, .surveySatisfaction: return Site.surveys.path
        case .informants, .informantContactRate: return Site.informants.path
        case .queuedRecords: return Site.queueReceipts("show=all&\(q)").path
        case .queuedLate: return Site.queueReceipts("show=late&\(q)").path
        case .officeHalfDayRate, .officeEveningRate: return Site.officeHours("week=\(OfficeHours.monday(of: to) ?? to)").path
        }
    }

    /// The figures and the comparison as exportable tables (the page's own names and values).
    static func tables(_ t: Texts, _ d: DashboardWebController.Data) -> [ExportTable] {
        func cell(_ c: FigureCounts, _ f: Figure) -> ExportTable.Cell {
            let text = c.text(f)
            return Double(text).map { .number($0) } ?? .text(text)
        }
        let (from, to) = d.period.dayStrings()
        var tables = [ExportTable(title: t("dashboard.title"), headers: [t("campaign.unit"), t("period.from"), t("period.to"), t("export.figure"), t("export.value"), t("dashboard.definitions")],
                                  rows: Figure.allCases.map { f in
            [.text(d.unit.name), .text(from), .text(to), .text(t.name(of: f)), cell(d.counts, f), .text(t.definition(of: f))]
        })]
        if !d.comparison.isEmpty {
            tables.append(ExportTable(title: t("dashboard.compare"), headers: [t("campaign.unit")] + Figure.allCases.map(t.name(of:)),
                                      rows: d.comparison.map { u, c in [.text(u.name)] + Figure.allCases.map { cell(c, $0) } }))
        }
        return tables
    }

    /// 台账: the same tables as the export, and the overdue requests, laid out for A4 paper
    /// (landscape: the comparison is wide), with the lines a ledger is signed on.
    static func ledger(_ ctx: PageContext, _ d: DashboardWebController.Data) -> HTMLPage {
        let t = ctx.t, (from, to) = d.period.dayStrings()
        var sections = tables(t, d)
        if !d.overdue.isEmpty {
            var overdue = RequestPages.table(t, d.overdue)
            overdue.title = t("dashboard.overdueNow")
            sections.append(overdue)
        }
        var body: HTML = "<link rel=\"stylesheet\" href=\"/static/ledger.css\"><div class=\"ledger\"><p>\(d.unit.name) · \(from) – \(to) · \(t("ledger.madeAt", ChinaTime.minute(d.now)))</p>"
            + "<p class=\"actions\"><button type=\"button\" data-print>\(t("dashboard.ledger"))</button></p>"
        for table in sections {
            body += "<h2>\(table.title)</h2>" + Layout.table(table.headers, table.rows.map { $0.map { HTML.text($0.text) } })
        }
        body += "<p class=\"sign\">\(t("ledger.sign"))</p></div><script src=\"/static/print.js\" defer></script>"
        return HTMLPage(html: Layout.page(ctx, title: t("ledger.title", d.unit.name), body))
    }

    static func render(_ ctx: PageContext, _ d: DashboardWebController.Data) -> HTMLPage {
        let (unit, officerOnly, period, counts, comparison) = (d.unit, d.officerOnly, d.period, d.counts, d.comparison)
        let t = ctx.t
        let (from, to) = period.dayStrings()
        var body: HTML = "<form method=\"get\" action=\"\(Site.dashboard(nil).path)\" class=\"card filters\"><input type=\"hidden\" name=\"unit\" value=\"\(unit.id)\">"
            + Layout.field("from", label: t("period.from"), value: from, type: "date") + Layout.field("to", label: t("period.to"), value: to, type: "date")
            + "<button type=\"submit\">\(t("dashboard.show"))</button></form>"
        if !d.holidays.isEmpty {
            body += "<p class=\"holidays\">\(t("period.holidays"))：" + d.holidays.reversed().map { h in
                let href: String = Site.dashboard("unit=\(unit.id)&from=\(h.from)&to=\(h.to)").path
                let current: HTML = h.from == from && h.to == to ? " aria-current=\"page\"" : ""
                let name: String = "\(h.from.prefix(4)) \(h.name)"
                return HTML("<a href=\"\(href)\"\(current)>\(name)</a>")
            }.joined(separator: " · ") + "</p>"
        }
        body += "<p class=\"muted\">\(officerOnly ? t("dashboard.mine") : t("dashboard.scope", unit.name))</p>"
        body += ExportTable.links(t, to: .dashboardExport, query: "unit=\(unit.id)&from=\(from)&to=\(to)")
        if !officerOnly { body += "<p>" + Layout.link(Site.dashboardLedger("unit=\(unit.id)&from=\(from)&to=\(to)").path, t("dashboard.ledger")) + "</p>" }
        for (title, figures) in groups {
            body += "<h2>\(t(title))</h2><div class=\"tiles\">" + figures.map { f in
                let value = HTML.text(counts.text(f))
                let number: HTML = link(f, unit: unit, period: period).map { HTML("<a class=\"n\" href=\"\($0)\">\(value)</a>") } ?? "<span class=\"n\">\(value)</span>"
                return HTML("<div class=\"tile\" id=\"fig-\(f.rawValue)\" title=\"\(t.definition(of: f))\">\(number)<span>\(t.name(of: f))<sup>\(Figure.allCases.firstIndex(of: f)! + 1)</sup></span></div>")
            }.joined() + "</div>"
        }
        if !d.trend.isEmpty {
            body += "<h2>\(t("dashboard.trend", String(d.trend.count)))</h2><div class=\"trends\">"
                + TrendChart.svg(t("dashboard.trendVisits"), weeks: d.trend.map { ($0.monday, $0.visits) })
                + TrendChart.svg(t("dashboard.trendRequests"), weeks: d.trend.map { ($0.monday, $0.requestsReceived) }) + "</div>"
        }
        // The lists are the most urgent first and cut short; the link leads to all of them.
        for (title, show, list) in [("dashboard.overdueNow", RequestFilter.Show.overdue, d.overdue), ("dashboard.atRiskNow", .atRisk, d.atRisk)] where !list.isEmpty {
            body += "<h2>\(t(title))</h2>" + RequestPages.items(t, list, now: d.now)
            if list.count == DashboardWebController.listed {
                body += "<p>" + Layout.link(Site.requests("show=\(show.rawValue)&unit=\(unit.id)").path, t("requestShow.\(show.rawValue)") + " →") + "</p>"
            }
        }
        if !comparison.isEmpty {
            body += "<h2>\(t("dashboard.compare"))</h2>" + Layout.table([t("campaign.unit")] + compared.map(t.name(of:)), comparison.map { u, c in
                [Layout.link(Site.dashboard("unit=\(u.id)&from=\(from)&to=\(to)").path, u.name)] + compared.map { f in
                    link(f, unit: u, period: period).map { Layout.link($0, c.text(f)) } ?? HTML.text(c.text(f))
                }
            })
        }
        body += "<h2>\(t("dashboard.definitions"))</h2><ol class=\"definitions\">"
            + Figure.allCases.map { HTML("<li><strong>\(t.name(of: $0))</strong>：\(t.definition(of: $0))</li>") }.joined() + "</ol>"
        return HTMLPage(html: Layout.page(ctx, title: t("dashboard.title") + " · " + unit.name, body))
    }
}
