import Domain
import Foundation
import Persistence
import Vapor

/// 接待咨询: the walk-in log in two taps (topic, outcome) above the list, which is also the
/// consultation figure's drill-down, with the count by topic.
struct ConsultationWebController {
    struct Form: Content {
        var topic: String?; var outcome: String?; var residentID: String?; var note: String?
        var input: ConsultationInput {
            ConsultationInput(topic: topic ?? "", outcome: outcome ?? "", residentID: residentID.flatMap { Int64($0) }, note: note ?? "")
        }
    }

    static func filter(_ req: Request) throws -> ConsultationFilter {
        let q = try req.listQuery(default: ListShow.all)
        return ConsultationFilter(unitID: q.unitID, period: q.period)
    }

    func list(_ req: Request) async throws -> HTMLPage { try await page(req, form: Form(residentID: try req.queryID("resident", .unknownResident).map(String.init)), errors: []) }

    private func page(_ req: Request, form: Form, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let resident = try await form.residentID.flatMap { Int64($0) }.asyncMap { try? await req.store.resident(id: $0, caller) } ?? nil
        return ConsultationPages.list(req.pageContext, try await req.store.consultations(try Self.filter(req), caller), kinds: try await req.store.serviceKinds(),
                                      form: form, resident: resident, query: req.url.query ?? "", errors: errors, status: status)
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let c = try await req.store.recordConsultation(form.input, try req.caller())
            // Turned into a request or an appointment: on to its form, the household already known.
            switch c.outcome {
            case .answered: return req.redirect(to: Site.consultations(nil).path)
            case .request: return req.redirect(to: Site.newRequest.path)
            case .appointment: return req.redirect(to: Site.newAppointment(c.householdID.map { "household=\($0)" }).path)
            }
        } catch let v as ValidationFailure {
            return try await page(req, form: form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        return try ExportTable.response([ConsultationPages.table(t, try await req.store.consultations(try Self.filter(req), caller, limit: 10_000))], for: req,
                                        filename: t("consultation.title"))
    }
}

enum ConsultationPages {
    static func table(_ t: Texts, _ rows: [ConsultationView]) -> ExportTable {
        ExportTable(title: t("consultation.title"), headers: ["#", t("consultation.at"), t("consultation.topic"), t("consultation.outcome"), t("appointment.resident"),
                                                              t("consultation.note"), t("help.recordedBy")],
                    rows: rows.map { c in
            [.number(Double(c.id)), .text(ChinaTime.minute(c.createdAt)), .text(c.topicName), .text(t("consultationOutcome.\(c.outcome.rawValue)")),
             .text(c.residentName ?? t("consultation.anonymous")), .text(c.note), .text(c.recordedBy ?? "")]
        })
    }

    static func list(_ ctx: PageContext, _ rows: [ConsultationView], kinds: [ServiceKind], form: ConsultationWebController.Form, resident: ResidentView?, query: String,
                     errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        let labels = ["topic": t("consultation.topic"), "outcome": t("consultation.outcome"), "residentID": t("appointment.resident"), "note": t("consultation.note")]
        var body = Layout.errors(t, errors, labels: labels)
        if ctx.account?.role.mayRecordWork == true {
            var fields: HTML = resident.map { r in HTML("<p>\(t("appointment.resident"))：<strong>\(r.name)</strong></p><input type=\"hidden\" name=\"residentID\" value=\"\(r.id)\">") }
                ?? HTML("<p class=\"muted\">\(t("consultation.anonymousHint"))</p>")
            fields += "<fieldset class=\"choices\"><legend>\(t("consultation.topic"))</legend>" + kinds.map { k in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"topic\" value=\"\(k.code)\"\(form.topic == k.code ? " checked" : "") required> \(k.name)</label>")
            }.joined() + "</fieldset>"
            fields += "<fieldset class=\"choices\"><legend>\(t("consultation.outcome"))</legend>" + ConsultationOutcome.allCases.map { o in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"outcome\" value=\"\(o.rawValue)\"\((form.outcome ?? "answered") == o.rawValue ? " checked" : "")> \(t("consultationOutcome.\(o.rawValue)"))</label>")
            }.joined() + "</fieldset>"
            fields += Layout.field("note", label: t("consultation.note"), value: form.note ?? "", extra: "maxlength=\"\(ConsultationRules.maxNote)\"")
            body += ctx.form(action: Site.consultations(nil).path, "<fieldset><legend>\(t("consultation.new"))</legend>" + fields
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-consultation")
        }
        body += ExportTable.links(t, to: .consultationsExport, query: query)
        let byTopic = Dictionary(grouping: rows, by: \.topicName).map { ($0.key, $0.value.count) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        if !byTopic.isEmpty {
            body += "<h2>\(t("consultation.byTopic"))</h2>" + Layout.table([t("consultation.topic"), t("consultation.count")], byTopic.map { [HTML.text($0.0), HTML.text(String($0.1))] })
        }
        body += rows.isEmpty ? "<p class=\"muted\">\(t("consultation.none"))</p>" : "<ul class=\"list consultations\">" + rows.map { c in
            let facts = [ChinaTime.minute(c.createdAt), t("consultationOutcome.\(c.outcome.rawValue)"), c.residentName ?? t("consultation.anonymous"), c.recordedBy ?? "", c.note]
            return HTML("<li><strong>\(c.topicName)</strong><br><small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>")
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("consultation.title"), body), status: status)
    }
}
