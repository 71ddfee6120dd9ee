import Domain
import Persistence
import Vapor

/// 账号管理 and 审计日志 pages.
struct AdminWebController {
    func users(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayManageUsers else { throw Forbidden() }
        return UsersPage.render(req.pageContext, accounts: try await req.store.accounts(caller), form: NewUserForm(), errors: [])
    }

    struct NewUserForm: Content {
        var username: String?; var displayName: String?; var role: String?; var unitCode: String?; var password: String?; var householdID: String?
    }

    func createUser(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.mayManageUsers else { throw Forbidden() }
        let form = try req.content.decode(NewUserForm.self)
        do {
            let password = form.password ?? ""
            var errors: [FieldError] = []
            if !PasswordPolicy.isAcceptable(password) { errors.append(FieldError(field: "password", problem: .weakPassword)) }
            let role = Role(rawValue: form.role ?? "")
            if role == nil { errors.append(FieldError(field: "role", problem: .invalidChoice)) }
            guard errors.isEmpty, let role else { throw ValidationFailure(errors) }
            let hash = try await req.password.async.hash(password)
            _ = try await req.store.createAccount(NewAccount(username: form.username ?? "", displayName: form.displayName ?? "", role: role,
                                                             unitCode: form.unitCode ?? "", householdID: form.householdID.flatMap { Int64($0) }),
                                                  passwordHash: hash, caller)
            return req.redirect(to: Site.users.path)
        } catch let v as ValidationFailure {
            var kept = form; kept.password = nil
            return try await UsersPage.render(req.pageContext, accounts: try await req.store.accounts(caller), form: kept, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct StatusForm: Content { var disabled: String? }

    func setStatus(_ req: Request) async throws -> Response {
        let form = try req.content.decode(StatusForm.self)
        try await req.store.setDisabled(userID: try req.id(), form.disabled == "1", try req.caller())
        return req.redirect(to: Site.users.path)
    }

    func audit(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayReadAudit else { throw Forbidden() }
        let q = Store.AuditQuery(actor: try? req.query.get(String.self, at: "actor"), action: try? req.query.get(String.self, at: "action"),
                                 objectType: try? req.query.get(String.self, at: "object"), limit: 100,
                                 beforeSeq: try? req.query.get(Int64.self, at: "before"))
        return AuditPage.render(req.pageContext, query: q, entries: try await req.store.auditEntries(q, caller))
    }
}
