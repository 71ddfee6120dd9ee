import Domain
import Foundation
import Persistence
import Vapor

/// 双提升调查 pages: the rounds with their trend, a new round, a round's results by station
/// and community, and the questionnaire.
enum SurveyPages {
    static func rate(_ r: SurveyRate) -> String { r.text }

    static func list(_ ctx: PageContext, _ rounds: [RoundView], totals: [Int64: SurveyTally], questionnaires: [QuestionnaireView]) -> HTMLPage {
        let t = ctx.t
        var body: HTML = ctx.account?.role.mayDirectWork == true ? "<p><a class=\"button\" href=\"\(Site.newSurveyRound.path)\">\(t("survey.newRound"))</a></p>" : ""
        // Oldest first in the trend, as leaders read a series.
        body += "<h2>\(t("survey.rounds"))</h2>" + Layout.table(
            [t("survey.round"), t("survey.period"), t("survey.scope"), t("survey.sampled"), t("survey.responseRate"), t("survey.security"), t("survey.satisfaction"), ""],
            rounds.map { r in
                let s = totals[r.id] ?? SurveyTally()
                return [Layout.link(Site.surveyRound(r.id, nil).path, r.name), HTML.text("\(r.startDate) ~ \(r.endDate)"), HTML.text(r.scope.joined(separator: "、")),
                        "\(s.sampled)", HTML.text(Percent.text(s.completed, of: s.sampled)), HTML.text(rate(s.security)), HTML.text(rate(s.satisfaction)),
                        Layout.link(Site.surveyCalls(r.id, nil).path, t("survey.calls"))]
            }, empty: t("survey.noRounds"))
        body += "<h2>\(t("survey.questionnaires"))</h2><ul class=\"list\">" + questionnaires.map { q in
            HTML("<li>") + Layout.link(Site.questionnaire(q.id).path, "\(q.name) v\(q.version)") + " <small class=\"muted\">\(t("survey.questions", String(q.body.questions.count)))\(q.locked ? " · " + t("survey.locked") : "")</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("survey.title"), body))
    }

    static func labels(_ t: Texts) -> [String: String] {
        ["name": t("survey.roundName"), "questionnaireID": t("survey.questionnaire"), "startDate": t("survey.startDate"), "endDate": t("survey.endDate"),
         "unitIDs": t("survey.scope"), "mode": t("survey.mode"), "perCommunity": t("survey.perCommunity"), "seed": t("survey.seed"), "quota": t("survey.quota"),
         "maxAttempts": t("survey.maxAttempts")]
    }

    static func form(_ ctx: PageContext, _ form: SurveyWebController.RoundForm, questionnaires: [QuestionnaireView], units: [Domain.Unit], errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        let chosen = Set(form.unitIDs ?? [])
        let fields: HTML = Layout.field("name", label: t("survey.roundName"), value: form.name ?? "", extra: "required maxlength=\"\(RoundRules.maxName)\"", hint: t("survey.roundNameHint"))
            + Layout.select("questionnaireID", label: t("survey.questionnaire"), options: questionnaires.map { (String($0.id), "\($0.name) v\($0.version)") }, selected: form.questionnaireID ?? "")
            + Layout.field("startDate", label: t("survey.startDate"), value: form.startDate ?? "", type: "date", extra: "required")
            + Layout.field("endDate", label: t("survey.endDate"), value: form.endDate ?? "", type: "date", extra: "required")
            + "<fieldset><legend>\(t("survey.scope"))</legend>" + units.map { u in
                HTML("<label class=\"check\"><input type=\"checkbox\" name=\"unitIDs[]\" value=\"\(u.id)\"\(chosen.contains(String(u.id)) ? " checked" : "")> \(u.name) <small class=\"muted\">\(t.kind(u.kind))</small></label>")
            }.joined() + "</fieldset>"
            + "<fieldset><legend>\(t("survey.mode"))</legend>" + SampleMode.allCases.map { m in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"mode\" value=\"\(m.rawValue)\"\((form.mode ?? SampleMode.random.rawValue) == m.rawValue ? " checked" : "")> \(t("sampleMode.\(m.rawValue)"))</label>")
            }.joined() + "</fieldset>"
            + Layout.field("perCommunity", label: t("survey.perCommunity"), value: form.perCommunity ?? "", type: "number", extra: "min=\"1\" inputmode=\"numeric\"")
            + Layout.field("seed", label: t("survey.seed"), value: form.seed ?? "", extra: "inputmode=\"numeric\" maxlength=\"20\"", hint: t("survey.seedHint"))
            + Layout.field("quota", label: t("survey.quota"), value: form.quota ?? "", type: "number", extra: "min=\"1\" inputmode=\"numeric\"", hint: t("survey.quotaHint"))
            + Layout.field("maxAttempts", label: t("survey.maxAttempts"), value: form.maxAttempts ?? String(RoundRules.defaultAttempts), type: "number",
                           extra: "min=\"1\" max=\"\(RoundRules.maxAttempts)\" inputmode=\"numeric\"")
        let body = Layout.errors(t, errors, labels: labels(t)) + ctx.form(action: Site.newSurveyRound.path, fields + "<button type=\"submit\">\(t("survey.start"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("survey.newRound"), body), status: status)
    }

    static func resultHeaders(_ t: Texts) -> [String] {
        [t("survey.unit"), t("survey.sampled"), t("survey.completed"), t("survey.responseRate"), t("survey.attempts"), t("survey.refused"), t("survey.unreachable"),
         t("survey.security"), t("survey.securityChange"), t("survey.satisfaction"), t("survey.satisfactionChange")]
    }

    static func cells(_ t: Texts, _ l: ResultLine) -> [ExportTable.Cell] {
        let s = l.tally
        return [.text(l.name.isEmpty ? t("survey.total") : l.name), .number(Double(s.sampled)), .number(Double(s.completed)), .text(Percent.text(s.completed, of: s.sampled)), .number(Double(s.attempts)),
                .number(Double(s.refused)), .number(Double(s.unreachable)), .text(rate(s.security)), .text(s.security.change(from: l.previous?.security) ?? "—"),
                .text(rate(s.satisfaction)), .text(s.satisfaction.change(from: l.previous?.satisfaction) ?? "—")]
    }

    static func tables(_ t: Texts, _ r: RoundResults) -> [ExportTable] {
        let units = ExportTable(title: r.round.name, headers: resultHeaders(t), rows: ([r.total] + r.stations + r.communities).map { cells(t, $0) })
        let answers = ExportTable(title: t("survey.distribution"), headers: [t("survey.question"), t("survey.choice"), t("survey.count")],
                                  rows: r.questions.flatMap { q in q.counts.map { c in [.text(q.prompt), .text(c.label), .number(Double(c.count))] } })
        return [units, answers]
    }

    static func definition(_ t: Texts, _ body: QuestionnaireBody, _ d: RateDefinition, name: String) -> String {
        let counted = d.counted.map { body.label(d.question, $0) }.joined(separator: " + ")
        let excluded = (body.question(d.question)?.codes ?? []).filter { !d.valid.contains($0) }.map { body.label(d.question, $0) }
        return t("survey.definition", name, "（\(counted)）") + (excluded.isEmpty ? "" : t("survey.excluded", excluded.joined(separator: "、")))
    }

    static func results(_ ctx: PageContext, _ r: RoundResults, query: String) -> HTMLPage {
        let t = ctx.t, round = r.round
        func row(_ k: String, _ v: String) -> HTML { "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        var body: HTML = "<dl class=\"facts\">" + row("survey.period", "\(round.startDate) ~ \(round.endDate)") + row("survey.scope", round.scope.joined(separator: "、"))
            + row("survey.questionnaire", "\(round.questionnaireName) v\(round.questionnaireVersion)")
            + row("survey.mode", round.mode == .random ? t("survey.sampleRule", String(round.perCommunity), round.seed) : t("sampleMode.all"))
            + row("survey.quota", round.quota.map(String.init) ?? "—") + row("survey.maxAttempts", String(round.maxAttempts))
            + row("survey.previous", r.previousRound.map { "\($0.name)（\($0.startDate) ~ \($0.endDate)）" } ?? "—") + "</dl>"
        body += "<p>" + Layout.link(Site.surveyCalls(round.id, nil).path, t("survey.calls")) + " · " + Layout.link(Site.surveyLinks(round.id, nil).path, t("survey.links"))
            + " · " + Layout.link(Site.surveySheets(round.id, r.total.unitID.map { "unitID=\($0)" }).path, t("survey.sheets"))
            + " · " + Layout.link(Site.surveySuggestions(round.id).path, t("survey.textAnswers"))
            + (ctx.account?.role.mayRecordWork == true ? " · " + Layout.link(Site.surveyPaper(round.id).path, t("survey.paper")) : "") + "</p>"
        let s = r.total.tally
        body += "<div class=\"tiles\">"
            + "<div class=\"tile\"><span class=\"n\" id=\"survey-security\">\(rate(s.security))</span><span>\(t("survey.security"))</span><small>\(s.security.change(from: r.total.previous?.security).map { t("survey.vsPrevious", $0) } ?? "")</small></div>"
            + "<div class=\"tile\"><span class=\"n\" id=\"survey-satisfaction\">\(rate(s.satisfaction))</span><span>\(t("survey.satisfaction"))</span><small>\(s.satisfaction.change(from: r.total.previous?.satisfaction).map { t("survey.vsPrevious", $0) } ?? "")</small></div>"
            + "<div class=\"tile\"><span class=\"n\" id=\"survey-response\">\(Percent.text(s.completed, of: s.sampled))</span><span>\(t("survey.responseRate"))</span><small>\(s.completed) / \(s.sampled)</small></div></div>"
        body += "<p class=\"muted\">\(definition(t, r.definition, r.definition.security, name: t("survey.security")))<br>\(definition(t, r.definition, r.definition.satisfaction, name: t("survey.satisfaction")))<br>\(t("survey.responseDefinition"))</p>"
        body += ExportTable.links(t, to: .surveyRoundExport(round.id), query: query)
        func table(_ title: String, _ lines: [ResultLine], id: String) -> HTML {
            "<h2>\(title)</h2><div id=\"\(id)\">" + Layout.table(resultHeaders(t), lines.map { l in
                let c = cells(t, l).dropFirst().map { HTML.text($0.text) }
                return [l.unitID.map { Layout.link(Site.surveyRound(round.id, "unitID=\($0)").path, l.name) } ?? HTML.text(l.name)] + c
            }, empty: t("survey.noSample")) + "</div>"
        }
        body += table(t("survey.byStation"), r.stations, id: "survey-stations") + table(t("survey.byCommunity"), r.communities, id: "survey-communities")
        let channels = SurveyChannel.allCases.map { c in t("surveyChannel." + c.rawValue) + " " + String(r.channels[c.rawValue] ?? 0) }
        body += "<h2>\(t("survey.channels"))</h2><p>" + HTML.text(channels.joined(separator: " · ")) + "</p>"
        body += "<h2>\(t("survey.distribution"))</h2>" + r.questions.map { q -> HTML in
            let total = q.counts.reduce(0) { $0 + $1.count }
            return "<h3>\(q.prompt)</h3>" + (q.counts.isEmpty ? HTML("<p class=\"muted\">\(t("survey.texts", String(q.texts)))</p>")
                : Layout.table([t("survey.choice"), t("survey.count"), t("survey.share")], q.counts.map { c in [HTML.text(c.label), "\(c.count)", HTML.text(Percent.text(c.count, of: total))] }))
        }.joined()
        return HTMLPage(html: Layout.page(ctx, title: round.name, body))
    }

    /// The round's free-text answers, each with the suggestion it became or a button to make it one.
    static func suggestions(_ ctx: PageContext, _ round: RoundView, _ texts: [SurveyText]) -> HTMLPage {
        let t = ctx.t, may = ctx.account?.role.mayRecordWork == true
        var body: HTML = "<p class=\"muted\">\(t("survey.textsHint"))</p>"
        if may && texts.contains(where: { $0.requestID == nil }) {
            body += ctx.form(action: Site.surveySuggestions(round.id).path, "<button type=\"submit\">\(t("survey.allToSuggestions"))</button>", class: "inline step-suggestions")
        }
        body += texts.isEmpty ? HTML("<p class=\"empty\">\(t("survey.noTexts"))</p>") : "<ul class=\"list texts\">" + texts.map { a -> HTML in
            let made: HTML = a.requestID.map { Layout.link(Site.request($0).path, t("survey.madeSuggestion", "#\($0)")) }
                ?? (may ? ctx.form(action: Site.surveySuggestions(round.id).path, "<input type=\"hidden\" name=\"sampleID\" value=\"\(a.sampleID)\"><button class=\"link\" type=\"submit\">\(t("survey.toSuggestion"))</button>", class: "inline") : "")
            return "<li><span class=\"pre\">\(a.text)</span><br><small class=\"muted\">\(a.gridName) · \(a.channel.map { t("surveyChannel.\($0.rawValue)") } ?? "")</small> \(made)</li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: "\(round.name) · \(t("survey.textAnswers"))", body))
    }

    /// 纸质问卷录入: the file's columns, what each cell may hold, and the upload.
    static func paper(_ ctx: PageContext, _ round: RoundView, _ q: QuestionnaireView, errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var body: HTML = Layout.errors(t, errors, labels: [PaperAnswers.sampleColumn: PaperAnswers.sampleHeading, "file": t("survey.paperFile"), "round": t("survey.round")])
        body += "<p>\(t("survey.paperHint"))</p>"
        body += Layout.table([t("survey.column"), t("survey.question"), t("survey.cell")],
                             [[HTML.text(PaperAnswers.sampleColumn), HTML.text(PaperAnswers.sampleHeading), HTML.text(t("survey.sampleCell"))]] + q.body.questions.map { question in
            let cell = switch question.kind {
            case .text: t("survey.textCell")
            case .yesNo: "是 / 否"
            case .rating: "1–5"
            case .single: question.choices.map(\.label).joined(separator: " / ")
            case .multiple: question.choices.map(\.label).joined(separator: "、") + " " + t("survey.multipleCell")
            }
            return [HTML.text(question.key), HTML.text(question.prompt + (question.required && question.askIf == nil ? " *" : "")), HTML.text(cell)]
        })
        body += ctx.form(action: Site.surveyPaper(round.id).path, "<label>\(t("survey.paperFile"))<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label>"
                         + "<button type=\"submit\">\(t("survey.import"))</button>", class: "card step-paper", multipart: true)
        return HTMLPage(html: Layout.page(ctx, title: "\(round.name) · \(t("survey.paper"))", body), status: status)
    }

    static func questionnaire(_ ctx: PageContext, _ q: QuestionnaireView, editable: Bool) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<p class=\"muted\">v\(q.version) · \(q.locked ? t("survey.locked") : t("survey.unlocked"))</p>"
        if editable { body += "<p><a class=\"button\" href=\"\(Site.questionnaireEdit(q.id).path)\">\(t("survey.editQuestionnaire"))</a></p>" }
        body += "<p class=\"muted\">\(definition(t, q.body, q.body.security, name: t("survey.security")))<br>\(definition(t, q.body, q.body.satisfaction, name: t("survey.satisfaction")))</p>"
        body += "<div class=\"card\">" + QuestionnaireForm.fields(t, q.body, values: [:]) + "</div>"
        return HTMLPage(html: Layout.page(ctx, title: q.name, body))
    }
}
