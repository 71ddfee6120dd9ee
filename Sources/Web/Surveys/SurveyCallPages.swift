import Domain
import Foundation
import Persistence
import Vapor

/// The caller's side of a round: the call list, one household's call sheet (dial, record the
/// outcome, type in the answers), the printable link sheet, and the resident's one-time link.
enum SurveyCallPages {
    static func badge(_ t: Texts, _ s: SampleView) -> HTML {
        "<span class=\"status s-\(s.status.rawValue)\">\(t("sampleStatus.\(s.status.rawValue)"))</span>"
    }

    static func facts(_ t: Texts, _ s: SampleView) -> String {
        [s.gridName, t("survey.attemptsN", String(s.attempts)), s.lastOutcome.map { t("callOutcome.\($0.rawValue)") } ?? "",
         s.callbackAt.map { t("survey.callbackAtN", ChinaTime.minute($0)) } ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    static func callList(_ ctx: PageContext, _ list: CallList) -> HTMLPage {
        let t = ctx.t
        func items(_ samples: [SampleView]) -> HTML {
            "<ul class=\"list calls\">" + samples.map { s in
                HTML("<li>") + Layout.link(Site.surveySample(s.id).path, s.address) + "<br><small class=\"muted\">\(facts(t, s))</small></li>"
            }.joined() + "</ul>"
        }
        var body: HTML = "<p>\(t("survey.pendingN", String(list.pending))) · " + Layout.link(Site.surveyRound(list.round.id, nil).path, t("survey.results")) + "</p>"
        body += "<h2>\(t("survey.dueNow"))</h2>" + (list.due.isEmpty ? HTML("<p class=\"empty\">\(t("survey.noneDue"))</p>") : items(list.due))
        if !list.later.isEmpty { body += "<h2>\(t("survey.laterCallbacks"))</h2>" + items(list.later) }
        return HTMLPage(html: Layout.page(ctx, title: "\(list.round.name) · \(t("survey.calls"))", body))
    }

    static func sample(_ ctx: PageContext, _ s: SampleView, round: RoundView, questionnaire: QuestionnaireView, dialed: (Int64, String)?,
                       values: [String: [String]], errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var body: HTML = Layout.errors(t, errors, labels: QuestionnaireForm.labels(t, questionnaire.body))
        body += "<p>\(badge(t, s)) <small class=\"muted\">\(facts(t, s))</small></p>"
        if s.status == .pending {
            body += "<ul class=\"list people\">" + s.people.map { p -> HTML in
                var line: HTML = "<li>\(p.name) "
                if let (id, phone) = dialed, id == p.id {
                    line += "<a class=\"button\" href=\"tel:\(phone)\">\(t("survey.call")) \(phone)</a>"
                } else if let masked = p.phoneMasked {
                    line += "<span class=\"muted\">\(masked)</span> " + ctx.form(action: Site.surveySampleDial(s.id).path,
                        "<input type=\"hidden\" name=\"residentID\" value=\"\(p.id)\"><button class=\"link\" type=\"submit\">\(t("survey.dial"))</button>", class: "inline")
                }
                return line + "</li>"
            }.joined() + "</ul>"
            let outcomes = CallOutcome.allCases.filter { $0 != .answered }
            body += ctx.form(action: Site.surveySampleCall(s.id).path, "<fieldset><legend>\(t("survey.callOutcome"))</legend>" + outcomes.map { o in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"outcome\" value=\"\(o.rawValue)\"\(o == .noAnswer ? " checked" : "")> \(t("callOutcome.\(o.rawValue)"))</label>")
            }.joined() + Layout.field("callbackAt", label: t("survey.callbackAt"), type: "datetime-local", hint: t("survey.callbackHint"))
                + Layout.field("note", label: t("survey.note"), extra: "maxlength=\"\(SurveyCalls.maxNote)\"")
                + "<button type=\"submit\">\(t("survey.saveCall"))</button></fieldset>", class: "card step-call")
        }
        if s.status != .completed {
            let channel: HTML = "<fieldset><legend>\(t("survey.channel"))</legend>" + [SurveyChannel.phone, .onSite].map { c in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"channel\" value=\"\(c.rawValue)\"\(c == .phone ? " checked" : "")> \(t("surveyChannel.\(c.rawValue)"))</label>")
            }.joined() + "</fieldset>"
            body += "<h2>\(t("survey.answers"))</h2>" + ctx.form(action: Site.surveySampleAnswers(s.id).path,
                channel + QuestionnaireForm.fields(t, questionnaire.body, values: values) + "<button type=\"submit\">\(t("survey.saveAnswers"))</button>", class: "card step-answers")
        } else {
            body += "<p class=\"notice\">\(t("survey.answeredBy", t("surveyChannel.\(s.channel?.rawValue ?? "phone")"), s.completedAt.map(ChinaTime.minute) ?? ""))</p>"
        }
        body += "<p>" + Layout.link(Site.surveyCalls(round.id, nil).path, t("survey.backToCalls")) + "</p>"
        return HTMLPage(html: Layout.page(ctx, title: s.address, body), status: status)
    }

    static func links(_ ctx: PageContext, round: RoundView, _ links: [SurveyLink], base: String, query: String) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<p class=\"muted\">\(t("survey.linksHint"))</p>"
        if ctx.account?.role.mayRecordWork == true {
            body += ctx.form(action: Site.surveyLinks(round.id, query.isEmpty ? nil : query).path, "<button type=\"submit\">\(t("survey.issueLinks"))</button>", class: "inline no-print")
        }
        // Each household's slip: its QR code to scan with a phone, the link spelled out beside it.
        body += links.isEmpty ? HTML("<p class=\"empty\">\(t("survey.noLinks"))</p>") : "<ol class=\"link-sheet\">" + links.map { l in
            let url = base + Site.surveyLink(l.token).path
            // The SVG is made of numbers only (QRCode.svg): nothing typed reaches it.
            let qr = QRCode(url).map { HTML(unescaped: $0.svg) } ?? ""
            return HTML("<li>\(qr)<div><strong>\(l.address)</strong> <small class=\"muted\">\(l.gridName)</small><br>\(t("survey.scan"))<br><code>\(url)</code></div></li>")
        }.joined() + "</ol>"
        return HTMLPage(html: Layout.page(ctx, title: "\(round.name) · \(t("survey.links"))", body))
    }

    static func linkForm(_ ctx: PageContext, _ sheet: LinkSheet, token: String, values: [String: [String]], errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<p>\(t("survey.linkIntro"))</p>"
        if sheet.answered { body += "<p class=\"notice\" id=\"survey-done\">\(t("survey.linkUsed"))</p>" }
        else if !sheet.open { body += "<p class=\"notice\">\(t("survey.roundNotOpen"))</p>" }
        else {
            body += Layout.errors(t, errors, labels: QuestionnaireForm.labels(t, sheet.questionnaire.body))
                + ctx.form(action: Site.surveyLink(token).path, QuestionnaireForm.fields(t, sheet.questionnaire.body, values: values)
                           + "<button type=\"submit\">\(t("survey.submit"))</button>", class: "card step-answers")
        }
        return HTMLPage(html: Layout.page(ctx, title: sheet.roundName, body), status: status)
    }

    static func linkMessage(_ ctx: PageContext, title: String, _ message: String, id: String, status: HTTPResponseStatus) -> HTMLPage {
        HTMLPage(html: Layout.page(ctx, title: title, "<p class=\"notice\" id=\"\(id)\">\(message)</p>"), status: status)
    }
}
