import Domain
import Persistence
import Vapor

extension QuestionnaireView: Content {}
extension RoundView: Content {}
extension RoundResults: Content {}
extension AnsweredSheets: Content {}
extension CallList: Content {}
extension SampleView: Content {}
extension SurveyText: Content {}

/// 双提升调查 in the JSON API: the same store calls as the pages.
struct SurveysAPI {
    func questionnaires(_ req: Request) async throws -> [QuestionnaireView] { try await req.store.questionnaires(try req.caller()) }

    func questionnaire(_ req: Request) async throws -> QuestionnaireView { try await req.store.questionnaire(id: try req.id(), try req.caller()) }

    /// `code` names the questionnaire to revise (a new version once a round has used it); none starts a new one.
    struct QuestionnaireBodyIn: Content { var code: String?; var name: String; var body: QuestionnaireBody }

    func saveQuestionnaire(_ req: Request) async throws -> Response {
        let b = try req.decodeJSON(QuestionnaireBodyIn.self)
        return try await req.store.saveQuestionnaire(code: b.code, name: b.name, b.body, try req.caller()).encodeResponse(status: .created, for: req)
    }

    func rounds(_ req: Request) async throws -> [RoundView] { try await req.store.rounds(try req.caller()) }

    func createRound(_ req: Request) async throws -> Response {
        try await req.store.createRound(try req.decodeJSON(RoundInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func results(_ req: Request) async throws -> RoundResults {
        try await req.store.roundResults(id: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), try req.caller())
    }

    func sheets(_ req: Request) async throws -> AnsweredSheets {
        try await req.store.answeredSheets(roundID: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), page: try req.queryPage(), try req.caller())
    }

    func calls(_ req: Request) async throws -> CallList {
        try await req.store.callList(roundID: try req.id(), unitID: try req.queryID("unitID", .unknownUnit), try req.caller())
    }

    func texts(_ req: Request) async throws -> [SurveyText] { try await req.store.surveyTexts(roundID: try req.id(), try req.caller()) }

    struct SuggestionsBody: Content { var sampleID: Int64? }
    struct SuggestionsResult: Content { var made: Int }

    /// One household's free-text answers (`sampleID`), or all of the round's not yet made suggestions.
    func makeSuggestions(_ req: Request) async throws -> SuggestionsResult {
        let b = try req.decodeJSON(SuggestionsBody.self)
        return SuggestionsResult(made: try await req.store.makeSurveySuggestions(roundID: try req.id(), sampleID: b.sampleID, try req.caller()))
    }

    struct PaperResult: Content { var imported: Int }

    /// The same CSV as the page's upload.
    func importPaper(_ req: Request) async throws -> PaperResult {
        _ = try await req.store.round(id: try req.id(), try req.caller())   // another station's round is not found, whatever the body
        guard req.headers.contentType?.subType == "csv" else { throw Abort(.unsupportedMediaType) }
        guard let text = req.body.data.flatMap({ String(data: Data(buffer: $0), encoding: .utf8) }) else { throw ValidationFailure(field: "body", .malformed) }
        return PaperResult(imported: try await req.store.importPaperAnswers(roundID: try req.id(), csv: text, try req.caller()))
    }

    struct AnswersBody: Content { var channel: String; var answers: [String: [String]] }

    func answer(_ req: Request) async throws -> SampleView {
        let b = try req.decodeJSON(AnswersBody.self)
        guard let channel = SurveyChannel(rawValue: b.channel), channel == .phone || channel == .onSite else { throw ValidationFailure(field: "channel", .invalidChoice) }
        return try await req.store.saveSurveyAnswers(sampleID: try req.id(), channel: channel, b.answers, try req.caller())
    }

    struct CallBody: Content { var outcome: String; var callbackAt: Date?; var note: String? }

    func recordCall(_ req: Request) async throws -> SampleView {
        let b = try req.decodeJSON(CallBody.self)
        return try await req.store.recordCall(sampleID: try req.id(), outcome: b.outcome, callbackAt: b.callbackAt, note: b.note ?? "", try req.caller())
    }
}
