import Domain
import Foundation
import Persistence
import Vapor

/// 诉求: the queue, the filing form and a request's page (facts, photos, timeline, next step).
enum RequestPages {
    static func badge(_ t: Texts, _ r: RequestView) -> HTML {
        var out: HTML = "<span class=\"status s-\(r.status.rawValue)\">\(t("requestStatus.\(r.status.rawValue)"))</span>"
        if r.escalation != .none { out += " <span class=\"overdue\">\(t("escalation.\(r.escalation.rawValue)"))</span>" }
        else if r.atRisk { out += " <span class=\"at-risk\">\(t("request.atRisk"))</span>" }
        return out
    }

    static func deadlineText(_ t: Texts, _ r: RequestView, now: Date) -> HTML {
        guard let d = r.deadlineAt, r.status.isOpen else { return "" }
        let text = t("request.deadlineAt", ChinaTime.minute(d))
        return d < now ? "<strong class=\"overdue\">\(text)</strong>" : HTML.text(text)
    }

    /// The list as an export: one row per request, the columns a ledger keeps.
    static func table(_ t: Texts, _ rows: [RequestView]) -> ExportTable {
        ExportTable(title: t("request.title"),
                    headers: ["#", t("field.categoryCode"), t("request.kindLabel"), t("request.channel"), t("field.status"), t("field.description"), t("field.address"),
                              t("request.unit"), t("field.assigneeID"), t("export.receivedAt"), t("field.deadlineAt"), t("field.satisfaction"), t("request.contact")],
                    rows: rows.map { r in
            [.number(Double(r.id)), .text(r.categoryName), .text(t("requestKind.\(r.kind.rawValue)")), .text(t("channel.\(r.channel.rawValue)")),
             .text(t("requestStatus.\(r.status.rawValue)")), .text(r.description), .text(r.address), .text(r.responsibleUnitName ?? ""), .text(r.assigneeName ?? ""),
             .text(ChinaTime.minute(r.createdAt)), .text(r.deadlineAt.map(ChinaTime.minute) ?? ""), .text(r.satisfaction.map { t("satisfaction.\($0.rawValue)") } ?? ""),
             .text([r.contactName, r.contactPhone].filter { !$0.isEmpty }.joined(separator: " "))]
        })
    }

    /// The queue's lines: status, number and excerpt, facts, deadline (also the dashboard's lists).
    static func items(_ t: Texts, _ requests: [RequestView], now: Date) -> HTML {
        let items = requests.map { r -> HTML in
            let facts: [String] = [r.categoryName, r.responsibleUnitName ?? "", t("channel.\(r.channel.rawValue)"), r.assigneeName.map { t("request.assigneeIs", $0) } ?? "", ChinaTime.minute(r.createdAt)]
            let link = Layout.link(Site.request(r.id).path, "#\(r.id) " + Store.excerpt(r.description))
            return HTML("<li>\(badge(t, r)) \(link)<br><small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small> <small>\(deadlineText(t, r, now: now))</small></li>")
        }
        return HTML("<ul class=\"list requests\">\(items.joined())</ul>")
    }

    static func list(_ ctx: PageContext, requests: [RequestView], show: RequestFilter.Show, query: String, supervision: [SupervisionLine], now: Date) -> HTMLPage {
        let t = ctx.t, resident = ctx.account?.role.usesPortal == true
        var body: HTML = ""
        if ctx.account?.role.mayFileRequests != false {
            body += "<p><a class=\"button\" href=\"\(Site.newRequest.path)\">\(t(resident ? "request.newPortal" : "request.newHotline"))</a></p>"
        }
        if !resident {
            body += ExportTable.links(t, to: .requestsExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
            body += "<nav class=\"tabs\">" + RequestFilter.Show.allCases.map { s in
                HTML("<a href=\"\(Site.requests("show=\(s.rawValue)").path)\"\(s == show ? HTML(" aria-current=\"page\"") : "")>\(t("requestShow.\(s.rawValue)"))</a>")
            }.joined() + "</nav>"
        }
        if !supervision.isEmpty {
            body += "<h2>\(t("request.byUnit"))</h2>" + Layout.table([t("campaign.unit"), t("requestShow.open"), t("requestShow.overdue"), t("requestShow.at_risk"), t("request.reopened")],
                supervision.map { l in
                    [HTML.text(l.name), "\(l.open)", l.overdue > 0 ? "<strong class=\"overdue\">\(l.overdue)</strong>" : "0", l.atRisk > 0 ? "<span class=\"at-risk\">\(l.atRisk)</span>" : "0", "\(l.reopened)"]
                })
        }
        body += requests.isEmpty ? "<p class=\"empty\">\(t("request.none"))</p>" : items(t, requests, now: now)
        return HTMLPage(html: Layout.page(ctx, title: t(resident ? "request.mine" : "request.title"), body))
    }

    static func form(_ ctx: PageContext, form: RequestWebController.RequestForm, categories: [RequestCategory], grids: [Domain.Unit],
                     errors: [FieldError], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t, resident = ctx.account?.role.usesPortal == true
        let kinds = RequestKind.allCases.map { k in
            HTML("<label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"\(k.rawValue)\"\(form.kind == k.rawValue ? " checked" : "")> \(t("requestKind.\(k.rawValue)"))</label>")
        }.joined()
        var fields = "<fieldset><legend>\(t("request.kindLabel"))</legend>\(kinds)</fieldset>"
            + Layout.select("categoryCode", label: t("field.categoryCode"), options: [("", t("form.choose"))] + categories.map { ($0.code, $0.name) }, selected: form.categoryCode ?? "")
            + "<label>\(t("field.description"))<textarea name=\"description\" rows=\"5\" maxlength=\"\(RequestRules.maxDescription)\" required>\(form.description ?? "")</textarea></label>"
            + Layout.field("address", label: t("field.address"), value: form.address ?? "", extra: "maxlength=\"\(RequestRules.maxAddress)\"", hint: t(resident ? "request.addressHintPortal" : "request.addressHint"))
        if !resident {
            fields += Layout.select("gridID", label: t("field.gridID"), options: [("", "—")] + grids.map { (String($0.id), $0.name) }, selected: form.gridID ?? "")
                + Layout.field("contactName", label: t("field.contactName"), value: form.contactName ?? "", hint: t("request.anonymousHint"))
        }
        fields += Layout.field("contactPhone", label: t("field.contactPhone"), value: form.contactPhone ?? "", type: "tel", hint: t("request.phoneHint"))
            + "<label>\(t("field.photos"))<input type=\"file\" name=\"photos[]\" accept=\"image/jpeg,image/png,image/webp\" multiple><small>\(t("request.photoHint"))</small></label>"
            + (form.alarmID.map { HTML("<input type=\"hidden\" name=\"alarmID\" value=\"\($0)\">") } ?? "")
            + (form.servicePointID.map { HTML("<input type=\"hidden\" name=\"servicePointID\" value=\"\($0)\"><p class=\"muted\">\(t("channel.service_point"))</p>") } ?? "")
            + "<button type=\"submit\">\(t("request.submit"))</button>"
        let body = Layout.errors(t, errors) + ctx.form(action: Site.newRequest.path, fields, class: "card", multipart: true)
        return HTMLPage(html: Layout.page(ctx, title: t(resident ? "request.newPortal" : "request.newHotline"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ d: RequestDetail, units: [Domain.Unit], officers: [Account], categories: [RequestCategory], help: [HelpView], now: Date,
                       errors: [FieldError], revealed: String?, status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t, r = d.request, role = ctx.account?.role ?? .resident
        func row(_ k: String, _ v: HTML) -> HTML { v.isEmpty ? "" : "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        var contact = HTML.text(r.contactName.isEmpty ? t("request.anonymous") : r.contactName)
        if !r.contactPhone.isEmpty {
            contact += " · " + HTML.text(revealed ?? r.contactPhone)
            if revealed == nil && role.mayRevealPersonalData {
                contact += ctx.form(action: Site.requestStep(r.id, .reveal).path, "<button class=\"link\" type=\"submit\">\(t("resident.reveal"))</button>", class: "inline")
            }
        }
        var body = Layout.errors(t, errors, labels: HelpPages.labels(t)) + "<p>\(badge(t, r)) \(deadlineText(t, r, now: now))</p><dl class=\"facts\">"
            + row("field.categoryCode", HTML.text(r.categoryName)) + row("request.kindLabel", HTML.text(t("requestKind.\(r.kind.rawValue)")))
            + row("request.channel", HTML.text(t("channel.\(r.channel.rawValue)")))
            + row("field.description", "<span class=\"pre\">\(r.description)</span>") + row("field.address", HTML.text(r.address))
            + row("request.unit", HTML.text(r.responsibleUnitName ?? "")) + row("field.assigneeID", HTML.text(r.assigneeName ?? ""))
            + row("request.contact", contact)
            + row("request.outcome", r.outcome.isEmpty ? "" : "<span class=\"pre\">\(r.outcome)</span>")
            + row("field.satisfaction", r.satisfaction.map { HTML.text(t("satisfaction.\($0.rawValue)")) } ?? "")
            + row("request.reopened", r.reopenCount > 0 ? HTML.text(t("request.reopenedTimes", String(r.reopenCount))) : "")
            + row("request.source", r.visitID.map { Layout.link(Site.visit($0).path, t("request.fromVisit")) } ?? r.meetingID.map { Layout.link(Site.meeting($0).path, t("request.fromMeeting")) } ?? "")
            + "</dl>"
        if !d.photoIDs.isEmpty {
            body += "<div class=\"photos\">" + d.photoIDs.map { HTML("<a href=\"\(Site.requestPhoto($0).path)\"><img src=\"\(Site.requestPhoto($0).path)\" alt=\"\(t("field.photos"))\" loading=\"lazy\"></a>") }.joined() + "</div>"
        }
        body += stepForms(ctx, r, units: units, officers: officers, categories: categories)
        if role.mayRecordWork { body += "<p>" + Layout.link(Site.newDispute("request=\(r.id)").path, t("dispute.toDispute")) + "</p>" }
        if !role.usesPortal { body += HelpPages.section(ctx, help, action: Site.requestHelp(r.id).path) }
        body += "<h2>\(t("request.timeline"))</h2><ol class=\"timeline\">" + d.timeline.map { e in
            var line: HTML = "<time>\(ChinaTime.minute(e.at))</time> <strong>\(t("requestStep.\(e.step)"))</strong> · \(e.actorName.hasPrefix("system:") ? t("actor.system") : e.actorName)"
            if let a = e.assigneeName { line += " → " + HTML.text([e.unitName, a].compactMap { $0 }.joined(separator: " ")) }
            if let s = e.satisfaction { line += " · " + HTML.text(t("satisfaction.\(s.rawValue)")) }
            if let dl = e.deadlineAt { line += " · " + HTML.text(t("request.deadlineAt", ChinaTime.minute(dl))) }
            let note = e.step == "create" ? t("channel.\(e.note)") : e.step == "escalate" ? t("escalation.\(e.note)") : e.note
            if !note.isEmpty { line += "<br><span class=\"pre\">\(note)</span>" }
            return HTML("<li>\(line)</li>")
        }.joined() + "</ol>"
        return HTMLPage(html: Layout.page(ctx, title: "\(t("request.title")) #\(r.id)", body), status: status)
    }

    /// The forms for the steps this caller may take now.
    static func stepForms(_ ctx: PageContext, _ r: RequestView, units: [Domain.Unit], officers: [Account], categories: [RequestCategory]) -> HTML {
        let t = ctx.t, role = ctx.account?.role ?? .resident
        let isAssignee = ctx.account?.id == r.assigneeID, isRequester = role.usesPortal && ctx.account?.id == r.requesterUserID
        func may(_ s: RequestStep) -> Bool { RequestWorkflow.mayTake(s, role: role, isAssignee: isAssignee, isRequester: isRequester) }
        func stepForm(_ step: RequestAction, _ legend: String, _ inner: HTML) -> HTML {
            ctx.form(action: Site.requestStep(r.id, step).path, "<fieldset><legend>\(legend)</legend>\(inner)</fieldset>", class: "card step-\(step.rawValue)")
        }
        var out: HTML = ""
        for step in RequestWorkflow.steps(from: r.status) {
            switch step {
            case .assign, .reassign:
                guard may(.assign) else { continue }
                let unitOptions = units.filter { $0.kind != .bureau }.map { (String($0.id), String(repeating: "　", count: max($0.kind.depth - 1, 0)) + $0.name) }
                // By default the grid where it happened and that grid's own officer (一村一警).
                let defaultUnit = units.first { $0.id == (r.responsibleUnitID ?? r.gridID) } ?? units.first { $0.path == r.unitPath }
                let defaultOfficer = r.assigneeID ?? defaultUnit?.responsibleOfficerID
                out += stepForm(.assign, t(step == .assign ? "request.assign" : "request.reassign"),
                    Layout.select("unitID", label: t("request.unit"), options: unitOptions, selected: defaultUnit.map { String($0.id) } ?? "")
                    + Layout.select("assigneeID", label: t("field.assigneeID"), options: officers.map { (String($0.id), "\($0.displayName)（\($0.unitName)）") },
                                    selected: defaultOfficer.map(String.init) ?? "")
                    + Layout.select("categoryCode", label: t("field.categoryCode"), options: categories.map { ($0.code, "\($0.name)（\(t("request.days", String($0.deadlineDays)))）") }, selected: r.categoryCode)
                    + Layout.field("note", label: t("request.note"))
                    + "<button type=\"submit\">\(t(step == .assign ? "request.assign" : "request.reassign"))</button>")
            case .start:
                guard may(.start) else { continue }
                out += ctx.form(action: Site.requestStep(r.id, .start).path, "<button type=\"submit\">\(t("request.start"))</button>", class: "card step-start")
            case .resolve:
                guard may(.resolve) else { continue }
                out += stepForm(.resolve, t("request.resolve"),
                    "<label>\(t("request.outcome"))<textarea name=\"outcome\" rows=\"4\" required maxlength=\"\(RequestRules.maxOutcome)\"></textarea></label>"
                    + "<button type=\"submit\">\(t("request.resolve"))</button>")
            case .returnVisit:
                guard may(.returnVisit(.satisfied)) else { continue }
                let ratings = Satisfaction.allCases.map { s -> HTML in
                    "<label class=\"check\"><input type=\"radio\" name=\"satisfaction\" value=\"\(s.rawValue)\" required> \(t("satisfaction.\(s.rawValue)"))</label>"
                }.joined()
                let method = role.usesPortal ? "" : Layout.select("method", label: t("request.returnMethod"),
                                                                    options: [("phone", t("visitMethod.phone")), ("in_person", t("visitMethod.in_person"))], selected: "phone")
                out += stepForm(.returnVisit, t(role.usesPortal ? "request.rate" : "request.returnVisit"),
                    method + "<fieldset class=\"ratings\">\(ratings)</fieldset>"
                    + "<label>\(t("request.comment"))<textarea name=\"comment\" rows=\"3\" maxlength=\"\(RequestRules.maxOutcome)\"></textarea></label>"
                    + "<button type=\"submit\">\(t("request.saveReturnVisit"))</button>")
            case .supervise:
                guard may(.supervise) else { continue }
                out += stepForm(.supervise, t("request.supervise"),
                    Layout.field("note", label: t("request.superviseNote"), extra: "required")
                    + Layout.field("deadline", label: t("request.newDeadline"), type: "date", hint: t("request.newDeadlineHint"))
                    + "<button type=\"submit\">\(t("request.supervise"))</button>")
            case .reveal: break
            }
        }
        return out
    }
}
