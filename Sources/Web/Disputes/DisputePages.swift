import Domain
import Foundation
import Persistence
import Vapor

/// 矛盾纠纷: the list, the registration form and a dispute's page, phone first.
enum DisputePages {
    static func badge(_ t: Texts, _ d: DisputeView) -> HTML {
        var out: HTML = "<span class=\"status d-\(d.status.rawValue)\">\(t("disputeStatus.\(d.status.rawValue)"))</span>"
        if d.risk == .high && d.status.isOpen { out += " <span class=\"overdue\">\(t("disputeRisk.high"))</span>" }
        if d.reopenCount > 0 { out += " <span class=\"at-risk\">\(t("dispute.reopened"))</span>" }
        return out
    }

    /// The list as an export: one row per dispute.
    static func table(_ t: Texts, _ disputes: [DisputeView]) -> ExportTable {
        ExportTable(title: t("dispute.title"), headers: ["#", t("dispute.registeredAt"), t("dispute.type"), t("dispute.summary"), t("dispute.grid"), t("dispute.officer"),
                                                         t("dispute.risk"), t("field.status"), t("dispute.source"), t("dispute.parties"), t("dispute.resolvedAt"), t("dispute.followUpDue")],
                    rows: disputes.map { d in
            [.number(Double(d.id)), .text(ChinaTime.minute(d.registeredAt)), .text(d.typeName), .text(d.summary), .text(d.gridName), .text(d.officerName ?? ""),
             .text(t("disputeRisk.\(d.risk.rawValue)")), .text(t("disputeStatus.\(d.status.rawValue)")), .text(t("disputeSource.\(d.source.rawValue)")),
             .number(Double(d.partyCount)), .text(d.resolvedAt.map(ChinaTime.day) ?? ""), .text(d.followUpDueAt.map(ChinaTime.day) ?? "")]
        })
    }

    static func list(_ ctx: PageContext, _ disputes: [DisputeView], show: DisputeFilter.Show, query: String, now: Date) -> HTMLPage {
        let t = ctx.t
        var body: HTML = ctx.account?.role.mayRecordWork != true ? "" : "<p><a class=\"button\" href=\"\(Site.newDispute(nil).path)\">\(t("dispute.new"))</a></p>"
        body += "<nav class=\"tabs\">" + [DisputeFilter.Show.open, .highRisk, .followUpDue, .all].map { s in
            HTML("<a href=\"\(Site.disputes("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t("disputeShow.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + "</nav>"
        body += ExportTable.links(t, to: .disputesExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        // The request list's markup: a badge, the link, the facts in small print.
        body += disputes.isEmpty ? "<p class=\"muted\">\(t("dispute.none"))</p>" : "<ul class=\"list disputes\">" + disputes.map { d in
            let facts = [d.typeName, d.gridName, d.officerName ?? "", ChinaTime.day(d.registeredAt),
                         d.followUpPending ? t("dispute.followUpDueOn", ChinaTime.day(d.followUpDueAt!)) : ""]
            return HTML("<li>\(badge(t, d)) \(Layout.link(Site.dispute(d.id).path, "#\(d.id) " + Store.excerpt(d.summary)))<br>")
                + "<small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("dispute.title"), body))
    }

    static func sideOptions(_ t: Texts) -> [(String, String)] { PartySide.allCases.map { ($0.rawValue, t("partySide.\($0.rawValue)")) } }

    static func form(_ ctx: PageContext, form: DisputeWebController.DisputeForm, types: [DisputeType], grids: [Domain.Unit], residents: [ResidentView],
                     errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var fields: HTML = Layout.select("typeCode", label: t("dispute.type"), options: types.map { ($0.code, $0.name) }, selected: form.typeCode ?? "")
            + "<label>\(t("dispute.summary"))<textarea name=\"summary\" rows=\"4\" required maxlength=\"\(DisputeRules.maxSummary)\">\(form.summary ?? "")</textarea></label>"
            + Layout.select("gridID", label: t("dispute.grid"), options: grids.map { (String($0.id), $0.name) }, selected: form.gridID ?? "")
            + "<fieldset><legend>\(t("dispute.risk"))</legend>" + DisputeRisk.allCases.map { r in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"risk\" value=\"\(r.rawValue)\"\(form.risk == r.rawValue ? " checked" : "")> \(t("disputeRisk.\(r.rawValue)"))</label>")
            }.joined() + "<small class=\"muted\">\(t("dispute.riskHint"))</small></fieldset>"
        // A dispute from a record keeps its source and the link to it.
        if let (name, id) = [("findingID", form.findingID), ("requestID", form.requestID), ("meetingID", form.meetingID), ("patrolID", form.patrolID)].first(where: { $0.1 != nil }) {
            fields += "<input type=\"hidden\" name=\"source\" value=\"\(form.source ?? "")\"><input type=\"hidden\" name=\"\(name)\" value=\"\(id ?? "")\">"
        } else {
            fields += Layout.select("source", label: t("dispute.source"), options: [DisputeSource.walkIn, .hotline].map { ($0.rawValue, t("disputeSource.\($0.rawValue)")) },
                                    selected: form.source ?? "")
        }
        if let alarm = form.alarmID { fields += "<input type=\"hidden\" name=\"alarmID\" value=\"\(alarm)\">" }
        var parties: HTML = ""
        if !residents.isEmpty {
            let sides = form.residentSide ?? [:]
            parties += residents.map { r in
                Layout.select("residentSide[\(r.id)]", label: r.name, options: [("", t("dispute.notAParty"))] + sideOptions(t), selected: sides[String(r.id)] ?? "")
            }.joined()
        }
        let names = form.outsideName ?? [], phones = form.outsidePhone ?? [], sides = form.outsideSide ?? []
        parties += (0..<max(2, names.count)).map { i -> HTML in
            "<div class=\"finding\">" + Layout.field("outsideName[]", label: t("dispute.partyName"), value: i < names.count ? names[i] : "", extra: "maxlength=\"\(DisputeRules.maxName)\"")
                + Layout.field("outsidePhone[]", label: t("field.phone"), value: i < phones.count ? phones[i] : "", type: "tel", extra: "inputmode=\"tel\"")
                + Layout.select("outsideSide[]", label: t("dispute.side"), options: sideOptions(t), selected: i < sides.count ? sides[i] : PartySide.applicant.rawValue) + "</div>"
        }.joined()
        fields += "<fieldset><legend>\(t("dispute.parties"))</legend><small class=\"muted\">\(t("dispute.partiesHint"))</small>\(parties)</fieldset>"
        let body = Layout.errors(t, errors, labels: labels(t)) + ctx.form(action: Site.newDispute(nil).path, fields + "<button type=\"submit\">\(t("form.save"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("dispute.new"), body), status: status)
    }

    static func labels(_ t: Texts) -> [String: String] {
        ["typeCode": t("dispute.type"), "summary": t("dispute.summary"), "gridID": t("dispute.grid"), "risk": t("dispute.risk"), "parties": t("dispute.parties"),
         "heldAt": t("dispute.heldAt"), "place": t("meeting.place"), "outcome": t("dispute.outcome"), "agreementForm": t("dispute.agreementForm"),
         "agreementText": t("dispute.agreementText"), "agreementScan": t("dispute.agreementScan"), "referredTo": t("dispute.referredTo"), "findingID": t("dispute.finding"), "flaredUp": t("dispute.followUp")]
    }

    static func detail(_ ctx: PageContext, _ detail: DisputeDetail, errors: [FieldError], now: Date, status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t, d = detail.dispute
        func row(_ k: String, _ v: HTML) -> HTML { "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        // The source, linked to the record it came from when there is one.
        let source = t("disputeSource.\(d.source.rawValue)")
        let origin: HTML = if let v = d.visitID { Layout.link(Site.visit(v).path, source) }
            else if let r = d.requestID { Layout.link(Site.request(r).path, source + " #\(r)") }
            else if let m = d.meetingID { Layout.link(Site.meeting(m).path, source) }
            else if let p = d.patrolID { Layout.link(Site.patrol(p).path, source + " #\(p)") }
            else { HTML.text(source) }
        var body: HTML = Layout.errors(t, errors, labels: labels(t)) + "<p>" + badge(t, d) + "</p><dl class=\"facts\">"
            + row("dispute.type", HTML.text(d.typeName)) + row("dispute.summary", "<span class=\"pre\">\(d.summary)</span>")
            + row("dispute.risk", HTML.text(t("disputeRisk.\(d.risk.rawValue)"))) + row("dispute.grid", HTML.text(d.gridName))
            + row("dispute.officer", HTML.text(d.officerName ?? "—")) + row("dispute.source", origin)
            + row("dispute.registeredAt", HTML.text(ChinaTime.minute(d.registeredAt)))
            + (d.resolvedAt.map { row("dispute.resolvedAt", HTML.text(ChinaTime.day($0))) } ?? "")
            + (d.followUpDueAt.map { row("dispute.followUpDue", HTML.text(ChinaTime.day($0))) } ?? "") + "</dl>"
        body += "<h2>\(t("dispute.parties")) (\(detail.parties.count))</h2>" + Layout.table([t("dispute.partyName"), t("dispute.side"), t("field.phone")], detail.parties.map { p in
            [p.residentID.map { Layout.link(Site.resident($0).path, p.name) } ?? HTML.text(p.name), HTML.text(t("partySide.\(p.side.rawValue)")),
             "<span class=\"masked\">\(p.phoneMasked ?? "")</span>"]
        })
        let mayWork = ctx.account?.role.mayRecordWork == true
        if mayWork && d.status.isOpen {
            body += ctx.form(action: Site.disputeRisk(d.id).path, Layout.select("risk", label: t("dispute.risk"), options: DisputeRisk.allCases.map { ($0.rawValue, t("disputeRisk.\($0.rawValue)")) },
                                                                                 selected: d.risk.rawValue) + "<button type=\"submit\" class=\"secondary\">\(t("dispute.changeRisk"))</button>", class: "card")
            body += sessionForm(ctx, detail, now: now)
        }
        if mayWork && d.followUpPending {
            body += ctx.form(action: Site.disputeFollowUp(d.id).path, "<fieldset><legend>\(t("dispute.followUp"))</legend>"
                + "<p class=\"muted\">\(t("dispute.followUpDueOn", ChinaTime.day(d.followUpDueAt!)))</p>"
                + "<label class=\"check\"><input type=\"radio\" name=\"flaredUp\" value=\"0\" checked> \(t("dispute.held"))</label>"
                + "<label class=\"check\"><input type=\"radio\" name=\"flaredUp\" value=\"1\"> \(t("dispute.flaredUp"))</label>"
                + "<label>\(t("visit.notes"))<textarea name=\"note\" rows=\"2\" maxlength=\"\(MediationRules.maxText)\"></textarea></label>"
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-follow-up")
        }
        body += "<h2>\(t("dispute.sessions")) (\(detail.sessions.count))</h2>"
        let names = Dictionary(uniqueKeysWithValues: detail.parties.map { ($0.id, $0.name) })
        body += detail.sessions.isEmpty ? "<p class=\"muted\">\(t("dispute.noSessions"))</p>" : detail.sessions.map { s in
            var out: HTML = "<div class=\"card session\"><p><strong>\(ChinaTime.minute(s.heldAt))</strong> · \(s.place) · \(t("mediationOutcome.\(s.outcome.rawValue)"))</p><dl class=\"facts\">"
            out += row("dispute.mediators", HTML.text(s.mediators.map { t("mediatorRole." + $0.role.rawValue) + " " + $0.name }.joined(separator: "、")))
            out += row("dispute.attended", HTML.text(s.attendedPartyIDs.compactMap { names[$0] }.joined(separator: "、")))
            if !s.agreed.isEmpty { out += row("dispute.agreed", "<span class=\"pre\">\(s.agreed)</span>") }
            if !s.nextStep.isEmpty { out += row("dispute.nextStep", HTML.text(s.nextStep)) }
            if let f = s.agreementForm { out += row("dispute.agreementForm", HTML.text(t("agreementForm.\(f.rawValue)"))) }
            if !s.agreementText.isEmpty { out += row("dispute.agreementText", "<span class=\"pre\">\(s.agreementText)</span>") }
            if let scan = s.scanID {
                let href = Site.disputeScan(scan).path
                out += row("dispute.agreementScan", "<a href=\"\(href)\"><img class=\"scan\" src=\"\(href)\" alt=\"\(t("dispute.agreementScan"))\" loading=\"lazy\"></a>")
            }
            if !s.referredTo.isEmpty { out += row("dispute.referredTo", HTML.text(s.referredTo)) }
            return out + "</dl></div>"
        }.joined()
        body += "<h2>\(t("dispute.history"))</h2><ol class=\"timeline\">" + detail.events.map { e in
            HTML("<li><time>\(ChinaTime.minute(e.at))</time> \(t("disputeEvent.\(e.kind.rawValue)")) \(e.by.map { "· \($0)" } ?? "")\(e.note.isEmpty ? "" : " · \(e.note)")</li>")
        }.joined() + "</ol>"
        return HTMLPage(html: Layout.page(ctx, title: "\(d.typeName) #\(d.id)", body), status: status)
    }

    static func sessionForm(_ ctx: PageContext, _ detail: DisputeDetail, now: Date) -> HTML {
        let t = ctx.t
        let roles = MediatorRole.allCases.filter { $0 != .officer }.map { ($0.rawValue, t("mediatorRole.\($0.rawValue)")) }
        let mediators = (0..<2).map { _ -> HTML in
            "<div class=\"finding\">" + Layout.select("mediatorRole[]", label: t("dispute.mediatorRole"), options: roles, selected: MediatorRole.peopleMediator.rawValue)
                + Layout.field("mediatorName[]", label: t("dispute.mediatorName"), extra: "maxlength=\"\(MediationRules.maxName)\"") + "</div>"
        }.joined()
        let attended = detail.parties.map { p in
            HTML("<label class=\"check\"><input type=\"checkbox\" name=\"attended[]\" value=\"\(p.id)\" checked> \(p.name)</label>")
        }.joined()
        return ctx.form(action: Site.disputeSession(detail.dispute.id).path, "<fieldset><legend>\(t("dispute.newSession"))</legend>"
            + Layout.field("heldAt", label: t("dispute.heldAt"), value: ChinaTime.formInput(now), type: "datetime-local", extra: "required")
            + Layout.field("place", label: t("meeting.place"), extra: "required maxlength=\"\(MediationRules.maxPlace)\"")
            + "<p class=\"muted\">\(t("dispute.mediatorsHint"))</p>\(mediators)"
            + "<fieldset><legend>\(t("dispute.attended"))</legend>\(attended)</fieldset>"
            + "<label>\(t("dispute.agreed"))<textarea name=\"agreed\" rows=\"3\" maxlength=\"\(MediationRules.maxText)\"></textarea></label>"
            + Layout.field("nextStep", label: t("dispute.nextStep"), extra: "maxlength=\"\(MediationRules.maxText)\"")
            + "<fieldset><legend>\(t("dispute.outcome"))</legend>" + MediationOutcome.allCases.map { o in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"outcome\" value=\"\(o.rawValue)\"\(o == .ongoing ? " checked" : "")> \(t("mediationOutcome.\(o.rawValue)"))</label>")
            }.joined() + "</fieldset>"
            + Layout.select("agreementForm", label: t("dispute.agreementForm"), options: [("", "—")] + AgreementForm.allCases.map { ($0.rawValue, t("agreementForm.\($0.rawValue)")) }, selected: "")
            + "<label>\(t("dispute.agreementText"))<textarea name=\"agreementText\" rows=\"3\" maxlength=\"\(MediationRules.maxText)\"></textarea></label>"
            + "<label>\(t("dispute.agreementScan"))<input type=\"file\" name=\"agreementScan\" accept=\"image/jpeg,image/png,image/webp\" capture=\"environment\"><small>\(t("dispute.scanHint"))</small></label>"
            + Layout.field("referredTo", label: t("dispute.referredTo"), extra: "maxlength=\"\(MediationRules.maxPlace)\"", hint: t("dispute.referredHint"))
            + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-session", multipart: true)
    }
}
