import Domain
import Foundation
import Persistence
import Vapor

/// 和谐警铃 pages: the resident's press (a kind, then one confirming tap), an alarm with its
/// 1-3-5 stages, its timeline and what the reader may do next, and the station's duty desk.
enum AlarmPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["kind": t("alarm.kind"), "note": t("alarm.note"), "household": t("alarm.household"), "officerID": t("alarm.officer"),
         "outcome": t("alarm.outcome"), "notes": t("alarm.closeNotes"), "action": t("alarm.action"),
         "acknowledgeSeconds": t("alarm.stage.acknowledge"), "arriveSeconds": t("alarm.stage.arrive"), "handleSeconds": t("alarm.stage.handle")]
    }

    /// Where the alarm stands, in a word: 待受理, 已受理, 已派警, 已到场, or its outcome.
    static func stateText(_ t: Texts, _ a: AlarmView) -> String {
        if let o = a.outcome { return t("alarm.outcome.\(o.rawValue)") }
        if a.arrivedAt != nil { return t("alarm.status.arrived") }
        if let name = a.dispatchedToName { return t("alarm.status.dispatched", name) }
        if a.acknowledgedAt != nil { return t("alarm.status.acknowledged") }
        return t(a.escalatedAt == nil ? "alarm.status.waiting" : "alarm.status.escalated")
    }

    static func title(_ t: Texts, _ a: AlarmView) -> String {
        t("alarm.kind.\(a.kind.rawValue)") + (a.drill ? " · " + t("alarm.drill") : "")
    }

    // MARK: Pressing

    /// The kinds as large buttons, a short note, and whether it is a drill.
    static func pressForm(_ ctx: PageContext, group: OwnAlarmGroup?, input: AlarmInput? = nil, errors: [FieldError] = [],
                          status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        guard let group else {
            return HTMLPage(html: Layout.page(ctx, title: t("alarm.press"), "<p class=\"errors\" role=\"alert\">\(t("alarm.noGroup"))</p>"), status: status)
        }
        let kinds = AlarmKind.allCases.map { k in
            HTML("<label class=\"alarm-kind\"><input type=\"radio\" name=\"kind\" value=\"\(k.rawValue)\" required\(input?.kind == k.rawValue ? " checked" : "")>")
                + "<span>\(t("alarm.kind.\(k.rawValue)"))</span></label>"
        }.joined()
        let body = Layout.errors(t, errors, labels: labels(t))
            + "<p>\(t("alarm.reaches", group.name, String(group.neighbours)))</p>"
            + ctx.form(action: Site.newAlarm.path, "<fieldset class=\"alarm-kinds\"><legend>\(t("alarm.kind"))</legend>\(kinds)</fieldset>"
                + "<label>\(t("alarm.note"))<input name=\"note\" maxlength=\"\(AlarmRules.maxNote)\" value=\"\(input?.note ?? "")\" placeholder=\"\(t("alarm.noteHint"))\"></label>"
                + "<label class=\"check\"><input type=\"checkbox\" name=\"drill\" value=\"1\"\(input?.drill == true ? " checked" : "")> \(t("alarm.isDrill"))</label>"
                + "<button type=\"submit\" class=\"alarm-next\">\(t("alarm.next"))</button>", class: "alarm-press")
        return HTMLPage(html: Layout.page(ctx, title: t("alarm.press"), body), status: status)
    }

    /// The one confirming tap that guards against a pocket press.
    static func confirm(_ ctx: PageContext, group: OwnAlarmGroup, _ v: ValidAlarm) -> HTMLPage {
        let t = ctx.t
        let body: HTML = "<p class=\"alarm-confirm-kind\">\(t("alarm.kind.\(v.kind.rawValue)"))\(v.drill ? " · " + t("alarm.drill") : "")</p>"
            + (v.note.isEmpty ? "" : HTML("<p>\(v.note)</p>"))
            + "<p>\(t("alarm.confirmReach", group.name, String(group.neighbours)))</p>"
            + ctx.form(action: Site.newAlarm.path, "<input type=\"hidden\" name=\"kind\" value=\"\(v.kind.rawValue)\"><input type=\"hidden\" name=\"note\" value=\"\(v.note)\">"
                + (v.drill ? "<input type=\"hidden\" name=\"drill\" value=\"1\">" : "") + "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
                + "<button type=\"submit\" class=\"alarm-button\">\(t("alarm.confirm"))</button>")
            + "<p>\(Layout.link(Site.home.path, t("alarm.cancel")))</p>"
        return HTMLPage(html: Layout.page(ctx, title: t("alarm.confirmTitle"), body))
    }

    // MARK: One alarm

    /// The summary a request or dispute made from the alarm starts with.
    static func followUpText(_ t: Texts, _ a: AlarmView) -> String {
        ([t("alarm.followUpPrefix") + title(t, a), ChinaTime.minute(a.pressedAt), a.address, a.note, a.closeNotes ?? ""]).filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// A 真实警情's follow-up: the request and dispute made from it, or the links to make them.
    static func followUps(_ ctx: PageContext, _ a: AlarmView) -> HTML {
        guard a.outcome == .real, ctx.account?.role.mayRecordWork == true else { return "" }
        let t = ctx.t
        let request = a.requestID.map { Layout.link(Site.request($0).path, t("alarm.followedUp.request", String($0))) }
            ?? Layout.link(Site.newRequest.path + "?alarm=\(a.id)", t("alarm.toRequest"))
        let dispute = a.disputeID.map { Layout.link(Site.dispute($0).path, t("alarm.followedUp.dispute", String($0))) }
            ?? Layout.link(Site.newDispute("alarm=\(a.id)").path, t("alarm.toDispute"))
        return "<p class=\"follow-ups\">\(request) · \(dispute)</p>"
    }

    static func stageCell(_ t: Texts, _ state: StageState) -> HTML {
        switch state {
        case .met(let s): "<span class=\"ok\">\(t("alarm.stage.met", duration(t, s)))</span>"
        case .missed(let s): "<span class=\"late\">\(s.map { t("alarm.stage.late", duration(t, $0)) } ?? t("alarm.stage.missed"))</span>"
        case .pending(let r): "<span>\(t("alarm.stage.pending", duration(t, r)))</span>"
        case .skipped: "<span class=\"muted\">\(t("alarm.stage.skipped"))</span>"
        }
    }

    /// 2分05秒 / 2 min 05 s.
    static func duration(_ t: Texts, _ seconds: Int) -> String {
        t("alarm.duration", String(seconds / 60), String(format: "%02d", seconds % 60))
    }

    static func page(_ ctx: PageContext, _ a: AlarmView, now: Date, staff: [Account], gridOfficer: Int64?, errors: [FieldError] = [],
                     status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t, role = ctx.account?.role
        var body = Layout.errors(t, errors, labels: labels(t))
        body += "<p class=\"alarm-status\(a.isOpen ? " open" : "")\">\(stateText(t, a))</p>"
        let group: HTML = role?.seesWorkRecords == true ? Layout.link(Site.alarmGroup(a.groupID).path, a.groupName) : HTML.text(a.groupName)
        body += "<dl class=\"facts\"><dt>\(t("alarm.household"))</dt><dd>\(a.address)</dd><dt>\(t("alarmGroup.groups"))</dt><dd>\(group) · \(a.gridName)</dd>"
            + "<dt>\(t("alarm.raisedBy"))</dt><dd>\(a.raisedByName) · \(t("alarm.source.\(a.source.rawValue)"))</dd>"
            + "<dt>\(t("alarm.pressedAt"))</dt><dd>\(ChinaTime.second(a.pressedAt))</dd>"
            + (a.note.isEmpty ? "" : HTML("<dt>\(t("alarm.note"))</dt><dd>\(a.note)</dd>"))
            + (a.closeNotes.map { $0.isEmpty ? "" : HTML("<dt>\(t("alarm.closeNotes"))</dt><dd>\($0)</dd>") } ?? "") + "</dl>"
        if role?.seesWorkRecords == true {
            body += "<h2>\(t("alarm.standard"))</h2>" + Layout.table([t("alarm.stage"), t("alarm.limit"), t("alarm.reachedAt"), t("alarm.result")],
                AlarmStage.allCases.map { s in
                    let at = a.times.reached(s)
                    return [HTML.text(t("alarm.stage.\(s.rawValue)")), HTML.text(duration(t, a.standard.seconds(s))),
                            HTML.text(at.map(ChinaTime.clock) ?? "—"), stageCell(t, AlarmTiming.state(s, a.times, a.standard, now: now))]
                })
        }
        if a.isOpen { body += actions(ctx, a, staff: staff, gridOfficer: gridOfficer) } else { body += followUps(ctx, a) }
        if !a.deliveries.isEmpty {
            body += "<h2>\(t("alarm.deliveries"))</h2>" + Layout.table([t("alarm.recipient"), t("alarm.deliveryStatus")], a.deliveries.map { d in
                [HTML.text("\(d.name) \(d.phoneMasked)"), HTML.text(t("alarm.deliveryStatus.\(d.status.rawValue)"))]
            })
        }
        body += "<h2>\(t("alarm.timeline"))</h2><ol class=\"timeline\">" + a.events.map { e in
            let detail = eventDetail(t, e)
            // The escalation job and the gateway act as "system:…": the reader sees 系统.
            let actor = e.actorName.hasPrefix("system:") ? t("alarm.actorSystem") : e.actorName
            return HTML("<li><time>\(ChinaTime.clock(e.at))</time> \(t("alarm.step.\(e.step.rawValue)")) · \(actor)")
                + (detail.isEmpty ? "" : HTML(" · <span class=\"muted\">\(detail)</span>")) + "</li>"
        }.joined() + "</ol>"
        return HTMLPage(html: Layout.page(ctx, title: title(t, a), body), status: status)
    }

    /// A step's facts in the reader's words: raised (kind, drill, note), closed (outcome, notes).
    static func eventDetail(_ t: Texts, _ e: AlarmEvent) -> String {
        switch e.step {
        case .raised, .closed:
            return e.detail.components(separatedBy: " · ").map { part in
                if let k = AlarmKind(rawValue: part), e.step == .raised { return t("alarm.kind.\(k.rawValue)") }
                if part == "drill", e.step == .raised { return t("alarm.drill") }
                if let o = AlarmOutcome(rawValue: part), e.step == .closed { return t("alarm.outcome.\(o.rawValue)") }
                return part
            }.joined(separator: " · ")
        case .escalated: return t("alarm.escalatedAfter", duration(t, Int(e.detail) ?? 0))
        case .converted:
            // "request 12" / "dispute 5" (see Store.linkAlarm).
            let p = e.detail.split(separator: " ").map(String.init)
            return p.count == 2 ? t("alarm.followedUp.\(p[0])", p[1]) : e.detail
        case .delivery:
            // "name masked|attempt|result|retry seconds" (see Store.recordDelivery).
            let p = e.detail.components(separatedBy: "|")
            guard p.count == 4 else { return e.detail }
            let outcome = p[2] == "sent" ? t("alarm.delivery.sent") : p[3] == "gave_up" ? t("alarm.delivery.gaveUp", p[2]) : t("alarm.delivery.retry", p[2], p[3])
            return "\(p[0]) · " + t("alarm.delivery.attempt", p[1]) + " · " + outcome
        default: return e.detail
        }
    }

    static func actions(_ ctx: PageContext, _ a: AlarmView, staff: [Account], gridOfficer: Int64?) -> HTML {
        let t = ctx.t
        guard let role = ctx.account?.role else { return "" }
        if role.usesPortal {
            return "<div class=\"alarm-actions\">" + ctx.form(action: Site.alarmStep(a.id, .seen).path, "<button type=\"submit\">\(t("alarm.action.seen"))</button>", class: "inline")
                + ctx.form(action: Site.alarmStep(a.id, .going).path, "<button type=\"submit\">\(t("alarm.action.going"))</button>", class: "inline") + "</div>"
        }
        guard role.mayRecordWork else { return "" }
        let chosen = a.dispatchedTo ?? gridOfficer
        let officers: HTML = "<select name=\"officerID\">" + (a.acknowledgedAt == nil ? HTML("<option value=\"\">\(t("alarm.noDispatch"))</option>") : "")
            + staff.map { s in HTML("<option value=\"\(s.id)\"\(s.id == chosen ? " selected" : "")>\(s.displayName) · \(t.role(s.role))</option>") }.joined() + "</select>"
        var out: HTML = "<h2>\(t("alarm.respond"))</h2><div class=\"alarm-actions\">"
        if a.acknowledgedAt == nil {
            out += ctx.form(action: Site.alarmStep(a.id, .acknowledge).path, "<label>\(t("alarm.officer"))\(officers)</label><button type=\"submit\" class=\"alarm-ack\">\(t("alarm.action.acknowledge"))</button>")
        } else {
            out += ctx.form(action: Site.alarmStep(a.id, .dispatch).path, "<label>\(t("alarm.officer"))\(officers)</label><button type=\"submit\">\(t("alarm.action.dispatch"))</button>")
        }
        if a.arrivedAt == nil { out += ctx.form(action: Site.alarmStep(a.id, .arrive).path, "<button type=\"submit\">\(t("alarm.action.arrive"))</button>", class: "inline") }
        if a.reinforcedAt == nil { out += ctx.form(action: Site.alarmStep(a.id, .reinforce).path, "<button type=\"submit\" class=\"secondary\">\(t("alarm.action.reinforce"))</button>", class: "inline") }
        let outcomes = AlarmOutcome.allCases.map { o in
            HTML("<label class=\"check\"><input type=\"radio\" name=\"outcome\" value=\"\(o.rawValue)\"\(a.drill && o == .drill ? " checked" : "")> \(t("alarm.outcome.\(o.rawValue)"))</label>")
        }.joined()
        out += ctx.form(action: Site.alarmStep(a.id, .close).path, "<fieldset><legend>\(t("alarm.action.close"))</legend>\(outcomes)"
            + "<label>\(t("alarm.closeNotes"))<textarea name=\"notes\" maxlength=\"\(AlarmRules.maxCloseNotes)\"></textarea></label>"
            + "<button type=\"submit\">\(t("alarm.action.close"))</button></fieldset>")
        return out + "</div>"
    }

    // MARK: The ledger

    /// 受理用时 / 到场用时 as m:ss, or — when the stage was not reached.
    static func took(_ a: AlarmView, _ stage: AlarmStage) -> String {
        a.times.reached(stage).map { FigureCounts.minutes($0.timeIntervalSince(a.pressedAt)) } ?? "—"
    }

    static func ledgerTable(_ t: Texts, _ rows: [AlarmView]) -> ExportTable {
        ExportTable(title: t("alarm.ledger"), headers: [t("alarm.pressedAt"), t("alarm.kind"), t("alarm.household"), t("alarmGroup.groups"), t("dispute.grid"),
                                                        t("alarm.took.acknowledge"), t("alarm.took.arrive"), t("alarm.outcome"), t("alarm.missed")],
                    rows: rows.map { a in
            [.text(ChinaTime.minute(a.pressedAt)), .text(title(t, a)), .text(a.address), .text(a.groupName), .text(a.gridName),
             .text(took(a, .acknowledge)), .text(took(a, .arrive)), .text(stateText(t, a)),
             .text(AlarmTiming.missed(a.times, a.standard, now: a.closedAt ?? a.pressedAt).map { t("alarm.stage.\($0.rawValue)") }.joined(separator: "、"))]
        })
    }

    static func ledger(_ ctx: PageContext, _ rows: [AlarmView], query: String) -> HTMLPage {
        let t = ctx.t, table = ledgerTable(t, rows)
        let body = ExportTable.links(t, to: .alarmLedgerExport, query: query) + Layout.table(table.headers, zip(rows, table.rows).map { a, cells in
            cells.enumerated().map { i, c in i == 1 ? Layout.link(Site.alarm(a.id).path, c.text) : HTML.text(c.text) }
        }, empty: t("alarm.noneInPeriod"))
        return HTMLPage(html: Layout.page(ctx, title: "\(t("alarm.ledger")) (\(rows.count))", body))
    }

    // MARK: The duty desk

    /// The open alarms as cards: the same markup the live script draws (see alarm.js).
    static func cards(_ t: Texts, _ alarms: [AlarmView]) -> HTML {
        alarms.map { a in
            HTML("<li class=\"alarm-card\(a.escalatedAt != nil && a.acknowledgedAt == nil ? " late" : "")\" data-alarm-id=\"\(a.id)\"><a href=\"\(Site.alarm(a.id).path)\">")
                + "<strong>\(title(t, a))</strong> <span class=\"alarm-timer\" data-since=\"\(Int64(a.pressedAt.timeIntervalSince1970 * 1000))\"></span>"
                + "<br>\(a.address) · \(a.groupName)<br><span class=\"alarm-state\">\(stateText(t, a))</span></a></li>"
        }.joined()
    }

    static func desk(_ ctx: PageContext, open: [AlarmView], closed: [AlarmView], stations: [(Domain.Unit, AlarmStandard)], errors: [FieldError] = [],
                     status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: labels(t))
        body += "<p class=\"muted\">\(t("alarm.deskHint"))</p>"
            + "<ul id=\"alarm-live\" class=\"alarm-live desk\" aria-live=\"assertive\" data-empty=\"\(t("alarm.noneOpen"))\">"
            + (open.isEmpty ? HTML("<li class=\"muted\">\(t("alarm.noneOpen"))</li>") : cards(t, open)) + "</ul>"
        body += "<h2>\(t("alarm.closedToday"))</h2><p>" + Layout.link(Site.alarmLedger(nil).path, t("alarm.ledger") + " →") + "</p>" + Layout.table([t("alarm.pressedAt"), t("alarm.kind"), t("alarm.household"), t("alarm.outcome"), t("alarm.missed")],
            closed.map { a in
                [HTML.text(ChinaTime.minute(a.pressedAt)), Layout.link(Site.alarm(a.id).path, title(t, a)), HTML.text(a.address), HTML.text(stateText(t, a)),
                 HTML.text(AlarmTiming.missed(a.times, a.standard, now: a.closedAt ?? a.pressedAt).map { t("alarm.stage.\($0.rawValue)") }.joined(separator: "、"))]
            }, empty: t("alarm.noneClosed"))
        if ctx.account?.role.keepsRoster == true {
            body += "<h2>\(t("alarm.standard"))</h2><p class=\"muted\">\(t("alarm.standardHint"))</p>" + stations.map { (station, s) in
                ctx.form(action: Site.alarmStandard.path, "<fieldset><legend>\(station.name)</legend><input type=\"hidden\" name=\"stationID\" value=\"\(station.id)\">"
                    + AlarmStage.allCases.map { stage in
                        Layout.field("\(stage.rawValue)Seconds", label: t("alarm.stage.\(stage.rawValue)") + t("alarm.seconds"), value: String(s.seconds(stage)),
                                     type: "number", extra: "min=\"10\" max=\"\(AlarmStandard.maxSeconds)\" required")
                    }.joined() + "<button type=\"submit\">\(t("form.save"))</button></fieldset>")
            }.joined()
        }
        return HTMLPage(html: Layout.page(ctx, title: t("alarm.desk"), body), status: status)
    }
}
