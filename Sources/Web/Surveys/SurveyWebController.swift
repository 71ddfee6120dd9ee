import Domain
import Foundation
import Persistence
import Vapor

/// 双提升调查 pages for staff: rounds and their results (leaders), the call list and a
/// household's call sheet (auxiliaries and officers), the printable link sheet.
struct SurveyWebController {
    struct RoundForm: Content {
        var name: String?
        var questionnaireID: String?
        var startDate: String?
        var endDate: String?
        var unitIDs: [String]?
        var mode: String?
        var perCommunity: String?
        var seed: String?
        var quota: String?
        var maxAttempts: String?

        /// A seed that is not a whole number is refused by field, not taken as "choose one".
        func input() throws -> RoundInput {
            let seedText = (seed ?? "").trimmed
            guard seedText.isEmpty || UInt64(seedText) != nil else { throw ValidationFailure(field: "seed", .invalidChoice) }
            return RoundInput(name: name ?? "", questionnaireID: questionnaireID.flatMap { Int64($0) } ?? 0, startDate: startDate ?? "", endDate: endDate ?? "",
                              unitIDs: (unitIDs ?? []).compactMap { Int64($0) }, mode: mode ?? "", perCommunity: FormNumber.optional(perCommunity),
                              seed: UInt64(seedText), quota: FormNumber.optional(quota), maxAttempts: FormNumber.optional(maxAttempts))
        }
    }

    private func staff(_ req: Request) throws -> Caller {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return caller
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try staff(req)
        let rounds = try await req.store.rounds(caller)
        return SurveyPages.list(req.pageContext, rounds, totals: try await req.store.roundTotals(rounds, caller), questionnaires: try await req.store.questionnaires(caller))
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        let today = ChinaTime.day(req.store.now())
        return try await formPage(req, RoundForm(startDate: today, mode: SampleMode.random.rawValue, perCommunity: "40"), errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RoundForm.self)
        do {
            let round = try await req.store.createRound(try form.input(), try req.caller())
            return req.redirect(to: Site.surveyRound(round.id, nil).path)
        } catch let v as ValidationFailure {
            return try await formPage(req, form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    private func formPage(_ req: Request, _ form: RoundForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayDirectWork else { throw Forbidden() }
        let units = try await req.store.units(caller).filter { $0.kind != .grid }
        return SurveyPages.form(req.pageContext, form, questionnaires: try await req.store.questionnaires(caller), units: units, errors: errors, status: status)
    }

    func results(_ req: Request) async throws -> HTMLPage {
        let caller = try staff(req)
        let r = try await req.store.roundResults(id: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), caller)
        return SurveyPages.results(req.pageContext, r, query: req.url.query ?? "")
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try staff(req)
        let r = try await req.store.roundResults(id: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), caller)
        return try ExportTable.response(SurveyPages.tables(Texts(req.language), r), for: req, filename: r.round.name)
    }

    /// 答卷明细: the completed questionnaires behind the results, respondents not named.
    func sheets(_ req: Request) async throws -> HTMLPage {
        let caller = try staff(req)
        let unitID = try req.queryID("unitID", .unknownUnit)
        let sheets = try await req.store.answeredSheets(roundID: try req.id(), unitID: unitID, page: try req.queryPage(), caller)
        return SurveyPages.sheets(req.pageContext, sheets, unitQuery: unitID.map { "unitID=\($0)" })
    }

    func sheetsExport(_ req: Request) async throws -> Response {
        let sheets = try await req.store.answeredSheets(roundID: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), page: nil, try staff(req))
        let t = Texts(req.language)
        return try ExportTable.response([SurveyPages.sheetsTable(t, sheets)], for: req, filename: "\(sheets.round.name) \(t("survey.sheets"))")
    }

    func calls(_ req: Request) async throws -> HTMLPage {
        let caller = try staff(req)
        return SurveyCallPages.callList(req.pageContext, try await req.store.callList(roundID: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), caller))
    }

    func links(_ req: Request) async throws -> HTMLPage {
        try await linksPage(req, issue: false)
    }

    func issueLinks(_ req: Request) async throws -> HTMLPage {
        try await linksPage(req, issue: true)
    }

    private func linksPage(_ req: Request, issue: Bool) async throws -> HTMLPage {
        let caller = try staff(req), id = try req.id()
        let round = try await req.store.round(id: id, caller)
        let links = try await req.store.surveyLinks(roundID: id, unitID: try req.queryID("unitID", .unknownUnit), issue: issue, caller)
        let settings = req.application.settings
        let base = Self.linkBase(publicURL: settings.publicURL, host: req.headers.first(name: .host), secure: settings.secureCookies)
        return SurveyCallPages.links(req.pageContext, round: round, links, base: base, query: req.url.query ?? "")
    }

    /// The start of a printed link: the configured public address, or the host the page was asked
    /// on — https when the server is run behind TLS (its cookies are then Secure).
    static func linkBase(publicURL: String?, host: String?, secure: Bool) -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return host.map { (secure ? "https://" : "http://") + $0 } ?? ""
    }

    func paperForm(_ req: Request) async throws -> HTMLPage {
        try await paperPage(req, errors: [])
    }

    private func paperPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try staff(req)
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let round = try await req.store.round(id: try req.id(), caller)
        return SurveyPages.paper(req.pageContext, round, try await req.store.questionnaire(id: round.questionnaireID, caller), errors: errors, status: status)
    }

    struct PaperForm: Content { var file: File? }

    func importPaper(_ req: Request) async throws -> Response {
        let id = try req.id()
        let text = try req.content.decode(PaperForm.self).file.flatMap { String(data: Data(buffer: $0.data), encoding: .utf8) } ?? ""
        do {
            _ = try await req.store.importPaperAnswers(roundID: id, csv: text, try req.caller())
            return req.redirect(to: Site.surveyRound(id, nil).path)
        } catch let v as ValidationFailure {
            return try await paperPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func suggestions(_ req: Request) async throws -> HTMLPage {
        let caller = try staff(req), id = try req.id()
        let round = try await req.store.round(id: id, caller)
        return SurveyPages.suggestions(req.pageContext, round, try await req.store.surveyTexts(roundID: id, caller))
    }

    struct SuggestionsForm: Content { var sampleID: String? }

    func makeSuggestions(_ req: Request) async throws -> Response {
        let id = try req.id()
        let sample = try req.content.decode(SuggestionsForm.self).sampleID.flatMap { Int64($0) }
        _ = try await req.store.makeSurveySuggestions(roundID: id, sampleID: sample, try req.caller())
        return req.redirect(to: Site.surveySuggestions(id).path)
    }

    // MARK: a household's call sheet

    func sample(_ req: Request) async throws -> HTMLPage {
        try await samplePage(req, id: try req.id(), dialed: nil, values: [:], errors: [])
    }

    private func samplePage(_ req: Request, id: Int64, dialed: (Int64, String)?, values: [String: [String]], errors: [FieldError],
                            status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try staff(req)
        let s = try await req.store.sample(id: id, caller)
        let round = try await req.store.round(id: s.roundID, caller)
        return SurveyCallPages.sample(req.pageContext, s, round: round, questionnaire: try await req.store.questionnaire(id: round.questionnaireID, caller),
                                      dialed: dialed, values: values, errors: errors, status: status)
    }

    struct DialForm: Content { var residentID: String? }

    func dial(_ req: Request) async throws -> HTMLPage {
        let id = try req.id()
        guard let resident = try req.content.decode(DialForm.self).residentID.flatMap({ Int64($0) }) else { throw NotFound() }
        let phone = try await req.store.dialNumber(sampleID: id, residentID: resident, try req.caller())
        return try await samplePage(req, id: id, dialed: (resident, phone), values: [:], errors: [])
    }

    struct CallForm: Content { var outcome: String?; var callbackAt: String?; var note: String? }

    func call(_ req: Request) async throws -> Response {
        let id = try req.id()
        let form = try req.content.decode(CallForm.self)
        do {
            let raw = (form.callbackAt ?? "").trimmed
            let back = raw.isEmpty ? nil : ChinaTime.parseFormInput(raw)
            if !raw.isEmpty && back == nil { throw ValidationFailure(field: "callbackAt", .invalidDate) }
            let s = try await req.store.recordCall(sampleID: id, outcome: form.outcome ?? "", callbackAt: back, note: form.note ?? "", try req.caller())
            return req.redirect(to: Site.surveyCalls(s.roundID, nil).path)
        } catch let v as ValidationFailure {
            return try await samplePage(req, id: id, dialed: nil, values: [:], errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func answers(_ req: Request) async throws -> Response {
        let id = try req.id()
        let values = QuestionnaireForm.answers(req)
        let channel = QuestionnaireForm.formPairs(req).first { $0.0 == "channel" }.flatMap { SurveyChannel(rawValue: $0.1) } ?? .phone
        do {
            let s = try await req.store.saveSurveyAnswers(sampleID: id, channel: channel, values, try req.caller())
            return req.redirect(to: Site.surveyCalls(s.roundID, nil).path)
        } catch let v as ValidationFailure {
            return try await samplePage(req, id: id, dialed: nil, values: values, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    /// 参加调查 from the portal: on to the household's link.
    func answerInPortal(_ req: Request) async throws -> Response {
        req.redirect(to: Site.surveyLink(try await req.store.portalSurveyToken(sampleID: try req.id(), try req.caller())).path)
    }

    // MARK: the resident's one-time link (no sign-in)

    func linkPage(_ req: Request) async throws -> HTMLPage {
        let token = req.parameters.get("token") ?? ""
        do {
            return SurveyCallPages.linkForm(req.pageContext, try await req.store.linkSheet(token: token), token: token, values: [:], errors: [], status: .ok)
        } catch is ValidationFailure {
            return invalidLink(req)
        }
    }

    func linkSubmit(_ req: Request) async throws -> HTMLPage {
        let token = req.parameters.get("token") ?? ""
        let values = QuestionnaireForm.answers(req)
        let t = Texts(req.language)
        do {
            try await req.store.answerByLink(token: token, values, clientAddress: req.clientAddress)
            return SurveyCallPages.linkMessage(req.pageContext, title: t("survey.thanksTitle"), t("survey.thanks"), id: "survey-thanks", status: .ok)
        } catch let v as ValidationFailure {
            guard let sheet = try? await req.store.linkSheet(token: token) else { return invalidLink(req) }
            return SurveyCallPages.linkForm(req.pageContext, sheet, token: token, values: values, errors: v.errors, status: .unprocessableEntity)
        }
    }

    private func invalidLink(_ req: Request) -> HTMLPage {
        let t = Texts(req.language)
        return SurveyCallPages.linkMessage(req.pageContext, title: t("survey.title"), t("survey.invalidLink"), id: "survey-invalid", status: .notFound)
    }
}
