import Domain
import Foundation
import Persistence
import Vapor

/// 登记走访 on a phone, the visit record, and 我的任务.
struct VisitWebController {
    struct VisitForm: Content {
        var clientID: String?
        var visitedAt: String?
        var method: String?
        var categories: [String]?
        var residentIDs: [String]?
        var companions: String?
        var notes: String?
        var findingKind: [String]?
        var findingText: [String]?

        /// Blank finding rows are simply not findings; the form always offers a few.
        func input(householdID: Int64) -> VisitInput {
            let kinds = findingKind ?? [], texts = findingText ?? []
            let findings = zip(kinds, texts).compactMap { k, t in
                t.trimmed.isEmpty ? nil : FindingInput(kind: k, description: t)
            }
            return VisitInput(clientID: clientID ?? "", householdID: householdID, residentIDs: (residentIDs ?? []).compactMap { Int64($0) },
                              companions: companions, visitedAt: visitedAt.flatMap(ChinaTime.parseFormInput) ?? Date.distantFuture, method: method ?? "",
                              categories: categories ?? [], notes: notes, findings: findings)
        }
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let h = try await req.store.household(id: try req.id(), caller)
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let members = try await req.store.residents(householdID: h.id, caller)
        // A fresh client id per form: submitting the same form twice stores one visit.
        let form = VisitForm(clientID: UUID().uuidString, visitedAt: ChinaTime.formInput(req.application.settings.now()), method: VisitMethod.inPerson.rawValue,
                             categories: [VisitCategory.routine.rawValue])
        return VisitFormPage.render(req.pageContext, household: h, members: members, form: form, errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let householdID = try req.id()
        let form = try req.content.decode(VisitForm.self)
        do {
            let (visit, _) = try await req.store.recordVisit(form.input(householdID: householdID), caller)
            return req.redirect(to: Site.visit(visit.id).path)
        } catch let v as ValidationFailure {
            let h = try await req.store.household(id: householdID, caller)
            let members = try await req.store.residents(householdID: h.id, caller)
            return try await VisitFormPage.render(req.pageContext, household: h, members: members, form: form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage { try await visitPage(req, errors: []) }

    private func visitPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        let visit = try await req.store.visit(id: try req.id(), caller)
        let people = try await visit.householdID.asyncMap { try await req.store.residents(householdID: $0, caller) } ?? []
        return VisitPage.render(req.pageContext, visit: visit, people: people.filter { visit.residentIDs.contains($0.id) },
                                help: try await req.store.help(of: .visit(visit.id), caller), errors: errors, status: status)
    }

    /// Help given on the visit (an elder taken home, money got back).
    func addHelp(_ req: Request) async throws -> Response {
        do {
            try await req.store.addHelp(.visit(try req.id()), try req.content.decode(HelpForm.self).input, try req.caller())
            return req.redirect(to: Site.visit(try req.id()).path)
        } catch let v as ValidationFailure {
            return try await visitPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func tasks(_ req: Request) async throws -> HTMLPage {
        try await tasksPage(req, errors: [])
    }

    private func tasksPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let officers = caller.role.mayDirectWork ? try await req.store.accounts(caller).filter { $0.role.doesFieldWork && !$0.disabled } : []
        var page = TasksPage.render(req.pageContext, tasks: try await req.store.openTasks(caller), officers: officers, now: req.application.settings.now(),
                                     bureauAfterDays: try await req.store.workSettings().bureauAfterDays, errors: errors)
        page.status = status
        return page
    }

    struct AssigneeForm: Content { var assigneeID: String? }

    func reassign(_ req: Request) async throws -> Response {
        let form = try req.content.decode(AssigneeForm.self)
        do {
            try await req.store.reassignTask(id: try req.id(), to: form.assigneeID.flatMap { Int64($0) } ?? 0, try req.caller())
            return req.redirect(to: Site.tasks.path)
        } catch let v as ValidationFailure {
            return try await tasksPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
