import Domain
import Foundation
import Persistence
import Vapor

enum VisitFormPage {
    static let findingRows = 3

    static func render(_ ctx: PageContext, household h: Household, members: [ResidentView], form: VisitWebController.VisitForm,
                       errors: [FieldError], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let chosen = Set(form.categories ?? []), met = Set(form.residentIDs ?? [])
        let methods = VisitMethod.allCases.map {
            HTML("<label class=\"check\"><input type=\"radio\" name=\"method\" value=\"\($0.rawValue)\"\(form.method == $0.rawValue ? " checked" : "")> \(t("visitMethod.\($0.rawValue)"))</label>")
        }.joined()
        let categories = VisitCategory.allCases.map {
            HTML("<label class=\"check\"><input type=\"checkbox\" name=\"categories[]\" value=\"\($0.rawValue)\"\(chosen.contains($0.rawValue) ? " checked" : "")> \(t("visitCategory.\($0.rawValue)"))</label>")
        }.joined()
        let people = members.map {
            HTML("<label class=\"check\"><input type=\"checkbox\" name=\"residentIDs[]\" value=\"\($0.id)\"\(met.contains(String($0.id)) ? " checked" : "")> \($0.name)</label>")
        }.joined()
        let kinds = form.findingKind ?? [], texts = form.findingText ?? []
        let findings = (0..<findingRows).map { i in
            let kind = i < kinds.count ? kinds[i] : FindingKind.need.rawValue
            return HTML("<div class=\"finding\">") + Layout.select("findingKind[]", label: t("visit.findingKind"), options: FindingKind.allCases.map { ($0.rawValue, t("finding.\($0.rawValue)")) }, selected: kind)
                + "<label>\(t("visit.findingText"))<textarea name=\"findingText[]\" rows=\"2\" maxlength=\"500\">\(i < texts.count ? texts[i] : "")</textarea></label></div>"
        }.joined()
        let body = Layout.errors(t, errors, labels: ["householdID": t("household.title")]) + ctx.form(action: Site.newVisit(household: h.id).path,
            "<input type=\"hidden\" name=\"clientID\" value=\"\(form.clientID ?? "")\">"
            + Layout.field("visitedAt", label: t("visit.at"), value: form.visitedAt ?? "", type: "datetime-local", extra: "required")
            + "<fieldset><legend>\(t("visit.method"))</legend>\(methods)</fieldset>"
            + "<fieldset><legend>\(t("visit.categories"))</legend>\(categories)</fieldset>"
            + (members.isEmpty ? "" : "<fieldset><legend>\(t("visit.met"))</legend>\(people)</fieldset>")
            + Layout.field("companions", label: t("visit.companions"), value: form.companions ?? "", hint: t("visit.companionsHint"))
            + "<label>\(t("visit.notes"))<textarea name=\"notes\" rows=\"3\" maxlength=\"2000\">\(form.notes ?? "")</textarea></label>"
            + "<fieldset><legend>\(t("visit.findings"))</legend><small class=\"muted\">\(t("visit.findingsHint"))</small>\(findings)</fieldset>"
            + "<button type=\"submit\">\(t("visit.save"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("visit.new") + " · " + h.address, body), status: status)
    }
}

enum VisitPage {
    static func render(_ ctx: PageContext, visit v: VisitView, people: [ResidentView], help: [HelpView], errors: [FieldError] = [],
                       status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        func row(_ k: String, _ val: HTML) -> HTML { "<dt>\(t(k))</dt><dd>\(val)</dd>" }
        var body: HTML = Layout.errors(t, errors, labels: HelpPages.labels(t)) + "<dl class=\"facts\">"
            + row("visit.at", HTML.text(ChinaTime.minute(v.visitedAt)))
            + row("household.address", v.householdID.map { Layout.link(Site.household($0).path, v.address) } ?? HTML.text(v.address))
            + row("visit.method", HTML.text(t("visitMethod.\(v.method.rawValue)")))
            + row("field.categories", v.categories.map { HTML("<span class=\"tag\">\(t("visitCategory.\($0.rawValue)"))</span>") }.joined(separator: " "))
            + row("visit.met", people.isEmpty ? "—" : people.map { Layout.link(Site.resident($0.id).path, $0.name) }.joined(separator: "、"))
            + row("visit.companions", v.companions.isEmpty ? "—" : HTML.text(v.companions))
            + row("visit.recordedBy", HTML.text(v.recordedBy ?? "—"))
            + row("visit.notes", v.notes.isEmpty ? "—" : HTML.text(v.notes))
            + "</dl>"
        body += "<h2>\(t("visit.findings")) (\(v.findings.count))</h2>"
            + Layout.table([t("visit.findingKind"), t("visit.findingText"), ""], v.findings.map { f in
                [HTML.text(t("finding.\(f.kind.rawValue)")), HTML.text(f.description), outcome(ctx, f, visitID: v.id)]
            }, empty: t("visit.noFindings"))
        if !v.completedTaskIDs.isEmpty { body += "<p class=\"notice\">\(t("visit.tasksDone", String(v.completedTaskIDs.count)))</p>" }
        body += HelpPages.section(ctx, help, action: Site.visitHelp(v.id).path)
        return HTMLPage(html: Layout.page(ctx, title: t("visit.title"), body), status: status)
    }

    /// What came of a finding: a 纠纷 finding becomes a dispute, a 线索 finding a clue, in one step.
    /// A 急难愁盼 need (an expired ID card) becomes a service appointment.
    static func outcome(_ ctx: PageContext, _ f: FindingView, visitID: Int64) -> HTML {
        let t = ctx.t, mayRecord = ctx.account?.role.mayRecordWork == true
        switch f.kind {
        case .dispute:
            if let d = f.disputeID { return Layout.link(Site.dispute(d).path, t("dispute.seeDispute", String(d))) }
            return mayRecord ? HTML("<a class=\"button\" href=\"\(Site.newDispute("finding=\(f.id)").path)\">\(t("dispute.toDispute"))</a>") : ""
        case .clue:
            if let c = f.clueID { return Layout.link(Site.clue(c).path, t("clue.seeClue", String(c))) }
            return mayRecord ? HTML("<a class=\"button\" href=\"\(Site.newClue("finding=\(f.id)").path)\">\(t("clue.toClue"))</a>") : ""
        case .need:
            return mayRecord ? HTML("<a class=\"button\" href=\"\(Site.newAppointment("visit=\(visitID)").path)\">\(t("appointment.fromNeed"))</a>") : ""
        default: return ""
        }
    }
}

enum TasksPage {
    /// `officers`: filled for leaders, who may hand a task to someone else of the place.
    static func render(_ ctx: PageContext, tasks: [TaskView], officers: [Account], now: Date, bureauAfterDays: Int, errors: [FieldError]) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors)
        let grouped = Dictionary(grouping: tasks) { $0.task.bucket(now: now) }
        for bucket in VisitTask.Bucket.allCases {
            let items = grouped[bucket] ?? []
            body += "<h2 class=\"bucket-\(bucket.rawValue)\">\(t("tasks.\(bucket.rawValue)")) (\(items.count))</h2>"
            if items.isEmpty { continue }
            body += "<ul class=\"list tasks\">" + items.map { item in
                let target = item.task.householdID.map { Site.household($0).path } ?? "#"
                let who: HTML = ctx.account?.role.mayDirectWork == true ? " · \(item.assigneeName ?? t("unit.noOfficer"))" : ""
                let level = item.task.escalation(now: now, bureauAfterDays: bureauAfterDays)
                let badge = level == .none ? "" : " <span class=\"badge \(level.rawValue)\">\(t("escalation.\(level.rawValue)"))</span>"
                let choices = officers.filter { $0.worksAt(item.unitPath) }
                let reassign = choices.isEmpty ? "" : ctx.form(action: Site.taskAssignee(item.task.id).path,
                    Layout.select("assigneeID", label: t("tasks.reassign"), options: choices.map { (String($0.id), "\($0.displayName)（\(t.role($0.role))）") },
                                  selected: item.task.assigneeID.map(String.init) ?? "")
                    + "<button type=\"submit\" class=\"secondary\">\(t("form.save"))</button>", class: "reassign")
                return HTML("<li><a href=\"\(target)\">\(item.task.title)</a>\(badge)<br><small class=\"muted\">\(item.address) · \(t("tasks.due")) \(ChinaTime.minute(item.task.dueAt))\(who)</small>\(reassign)</li>")
            }.joined() + "</ul>"
        }
        if tasks.isEmpty { body = "<p class=\"empty\">\(t("tasks.none"))</p>" }
        return HTMLPage(html: Layout.page(ctx, title: t("tasks.title"), body))
    }
}
