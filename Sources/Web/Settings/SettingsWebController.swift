import Domain
import Persistence
import Vapor

/// 工作设置: the administrator edits the 五必访 rules, care cadences, the escalation delay, request categories and dispute types.
struct SettingsWebController {
    func settings(_ req: Request) async throws -> HTMLPage {
        try await settingsPage(req, errors: [])
    }

    struct RuleForm: Content { var dueWithinDays: String?; var repeatEveryDays: String?; var active: String? }

    func updateRule(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RuleForm.self)
        let code = req.parameters.get("code") ?? ""
        do {
            _ = try await req.store.updateMustVisitRule(code: code, dueWithinDays: form.dueWithinDays ?? "", repeatEveryDays: form.repeatEveryDays ?? "",
                                                        active: form.active == "1", try req.caller())
            return req.redirect(to: Site.settings.path)
        } catch let v as ValidationFailure {
            return try await settingsPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct WorkForm: Content { var cadence: [String: String]?; var bureauAfterDays: String?; var disputeFollowUpDays: String?; var victimVisitDays: String? }

    func updateWork(_ req: Request) async throws -> Response {
        let form = try req.content.decode(WorkForm.self)
        do {
            switch WorkSettings.validate(cadences: form.cadence ?? [:], bureauAfterDays: form.bureauAfterDays ?? "", disputeFollowUpDays: form.disputeFollowUpDays ?? "",
                                         victimVisitDays: form.victimVisitDays ?? "") {
            case .success(let s): try await req.store.updateWorkSettings(s, try req.caller())
            case .failure(let f): throw f
            }
            return req.redirect(to: Site.settings.path)
        } catch let v as ValidationFailure {
            return try await settingsPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct CategoryForm: Content { var code: String?; var name: String?; var deadlineDays: String?; var active: String? }

    /// Adds a request category (code from the form) or changes one (code in the path).
    func saveCategory(_ req: Request) async throws -> Response {
        let form = try req.content.decode(CategoryForm.self)
        do {
            var c = try RequestCategory.validate(code: req.parameters.get("code") ?? form.code ?? "", name: form.name ?? "", deadlineDays: form.deadlineDays ?? "").get()
            c.active = form.active == "1"
            try await req.store.saveRequestCategory(c, try req.caller())
            return req.redirect(to: Site.settings.path)
        } catch let v as ValidationFailure {
            return try await settingsPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct DisputeTypeForm: Content { var code: String?; var name: String?; var active: String? }

    /// Adds a dispute type (code from the form) or changes one (code in the path).
    func saveDisputeType(_ req: Request) async throws -> Response {
        let form = try req.content.decode(DisputeTypeForm.self)
        do {
            let type = try DisputeType.validate(code: req.parameters.get("code") ?? form.code ?? "", name: form.name ?? "", active: form.active == "1").get()
            try await req.store.saveDisputeType(type, try req.caller())
            return req.redirect(to: Site.settings.path)
        } catch let v as ValidationFailure {
            return try await settingsPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct ServiceKindForm: Content { var code: String?; var name: String?; var materials: String?; var counters: [String]?; var atHome: String?; var active: String? }

    func saveServiceKind(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ServiceKindForm.self)
        do {
            let kind = try ServiceKind.validate(code: req.parameters.get("code") ?? form.code ?? "", name: form.name ?? "", materials: form.materials ?? "",
                                                counters: form.counters ?? [], atHome: form.atHome == "1", active: form.active == "1").get()
            try await req.store.saveServiceKind(kind, try req.caller())
            return req.redirect(to: Site.settings.path)
        } catch let v as ValidationFailure {
            return try await settingsPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct OfficeHoursRuleForm: Content { var minimumHalfDays: String?; var keptPercent: String? }

    func saveOfficeHoursRule(_ req: Request) async throws -> Response {
        let form = try req.content.decode(OfficeHoursRuleForm.self)
        do {
            try await req.store.setOfficeHoursRule(try OfficeHoursRule.validate(minimumHalfDays: form.minimumHalfDays ?? "", keptPercent: form.keptPercent ?? "").get(),
                                                   try req.caller())
            return req.redirect(to: Site.settings.path)
        } catch let v as ValidationFailure {
            return try await settingsPage(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    private func settingsPage(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        guard try req.caller().role.mayConfigure else { throw Forbidden() }
        return SettingsPage.render(req.pageContext, rules: try await req.store.mustVisitRules(), settings: try await req.store.workSettings(),
                                   categories: try await req.store.requestCategories(includeInactive: true), disputeTypes: try await req.store.disputeTypes(),
                                   serviceKinds: try await req.store.serviceKinds(includeRetired: true), officeRule: try await req.store.officeHoursRule(),
                                   errors: errors, status: status)
    }
}
