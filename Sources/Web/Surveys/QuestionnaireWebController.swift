import Domain
import Foundation
import Persistence
import Vapor

/// A questionnaire read by staff, and edited by leaders: the edit changes a version no round
/// has used, or becomes the next version of one a round has (see `QuestionnaireRules.revision`).
struct QuestionnaireWebController {
    func show(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let q = try await req.store.questionnaire(id: try req.id(), caller)
        // Edits go to the latest version: an older one is offered for reading only.
        let latest = try await req.store.questionnaires(caller).first { $0.code == q.code }?.id == q.id
        return SurveyPages.questionnaire(req.pageContext, q, editable: latest && caller.role.mayDirectWork)
    }

    func editForm(_ req: Request) async throws -> HTMLPage {
        let q = try await editable(req)
        return QuestionnaireEditor.page(req.pageContext, q, QuestionnaireDraft(name: q.name, q.body), saveAsNew: false, errors: [], status: .ok)
    }

    func save(_ req: Request) async throws -> Response {
        let q = try await editable(req)
        let pairs = QuestionnaireForm.formPairs(req)
        let draft = QuestionnaireEditor.draft(pairs), saveAsNew = pairs.contains { $0 == ("saveAsNew", "on") }
        do {
            let body = try draft.body(previous: q.body).get()
            let saved = try await req.store.saveQuestionnaire(code: saveAsNew ? nil : q.code, name: draft.name, body, try req.caller())
            return req.redirect(to: Site.questionnaire(saved.id).path)
        } catch let v as ValidationFailure {
            return try await QuestionnaireEditor.page(req.pageContext, q, draft, saveAsNew: saveAsNew, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    /// Leaders and the administrator edit; others are refused before the questionnaire is read.
    private func editable(_ req: Request) async throws -> QuestionnaireView {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        guard caller.role.mayDirectWork else { throw Forbidden() }
        return try await req.store.questionnaire(id: try req.id(), caller)
    }
}
