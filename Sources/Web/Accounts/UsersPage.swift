import Domain
import Persistence
import Vapor

enum UsersPage {
    static func render(_ ctx: PageContext, accounts: [Account], form: AdminWebController.NewUserForm, errors: [FieldError], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let rows = accounts.map { a in
            [HTML.text(a.username), HTML.text(a.displayName), HTML.text(t.role(a.role)), HTML.text(a.unitName),
             HTML.text(a.disabled ? t("users.disabled") : t("users.active"))
             + (a.id == ctx.account?.id ? "" : " " + ctx.form(action: Site.userStatus(a.id).path,
                "<input type=\"hidden\" name=\"disabled\" value=\"\(a.disabled ? "0" : "1")\"><button class=\"link\" type=\"submit\">\(a.disabled ? t("users.enable") : t("users.disable"))</button>", class: "inline"))]
        }
        let add = Layout.errors(t, errors) + ctx.form(action: Site.users.path,
            Layout.field("username", label: t("users.username"), value: form.username ?? "", extra: "required autocomplete=\"off\"")
            + Layout.field("displayName", label: t("users.displayName"), value: form.displayName ?? "", extra: "required")
            + Layout.select("role", label: t("users.role"), options: Role.allCases.map { ($0.rawValue, t.role($0)) }, selected: form.role ?? Role.officer.rawValue)
            + Layout.field("unitCode", label: t("users.unitCode"), value: form.unitCode ?? "", extra: "required")
            + Layout.field("householdID", label: t("users.householdID"), value: form.householdID ?? "", extra: "inputmode=\"numeric\"")
            + Layout.field("password", label: t("users.password"), type: "password", extra: "required minlength=\"10\" autocomplete=\"new-password\"")
            + "<button type=\"submit\">\(t("users.add"))</button>", class: "card")
        let body = Layout.table([t("users.username"), t("users.displayName"), t("users.role"), t("users.unit"), t("users.status")], rows)
            + "<h2>\(t("users.add"))</h2>" + add
        return HTMLPage(html: Layout.page(ctx, title: t("users.title"), body), status: status)
    }
}
