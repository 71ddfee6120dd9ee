import Domain
import Vapor

enum LoginPage {
    static func render(_ ctx: PageContext, username: String, message: String?, status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let body = (message.map { HTML("<p class=\"error\" role=\"alert\">\($0)</p>") } ?? "")
            + ctx.form(action: Site.login.path,
                       Layout.field("username", label: t("login.username"), value: username, extra: "autocomplete=\"username\" required autofocus", hint: t("login.usernameHint"))
                       + Layout.field("password", label: t("login.password"), type: "password", extra: "autocomplete=\"current-password\" required")
                       + "<button type=\"submit\">\(t("login.submit"))</button>", class: "card narrow")
            + "<p>\(t("signup.prompt")) \(Layout.link(Site.signup.path, t("signup.title")))</p>"
            + "<p class=\"muted\">\(t("app.tagline"))</p>"
        return HTMLPage(html: Layout.page(ctx, title: t("login.title"), body), status: status)
    }
}

extension LoginPage {
    /// 群众注册: mobile number, name, community, password.
    static func signup(_ ctx: PageContext, units: [(id: Int64, name: String)], form: AuthWebController.SignupForm, errors: [FieldError],
                       status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let body = "<p>\(t("signup.intro"))</p>" + Layout.errors(t, errors, labels: ["phone": t("signup.phone"), "unit": t("signup.unit")])
            + ctx.form(action: Site.signup.path,
                       Layout.field("displayName", label: t("field.displayName"), value: form.displayName ?? "", extra: "required maxlength=\"40\" autocomplete=\"name\"")
                       + Layout.field("phone", label: t("signup.phone"), value: form.phone ?? "", type: "tel", extra: "required autocomplete=\"tel\"", hint: t("signup.phoneHint"))
                       + Layout.select("unitID", label: t("signup.unit"), options: [("", t("form.choose"))] + units.map { (String($0.id), $0.name) }, selected: form.unitID ?? "")
                       + Layout.field("password", label: t("signup.password"), type: "password", extra: "required minlength=\"10\" autocomplete=\"new-password\"")
                       + "<button type=\"submit\">\(t("signup.submit"))</button>", class: "card narrow")
        return HTMLPage(html: Layout.page(ctx, title: t("signup.title"), body), status: status)
    }
}
