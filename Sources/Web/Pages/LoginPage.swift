import Vapor

enum LoginPage {
    static func render(_ ctx: PageContext, username: String, message: String?, status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let body = (message.map { "<p class=\"error\" role=\"alert\">\(esc($0))</p>" } ?? "")
            + ctx.form(action: Site.login.path,
                       Layout.field("username", label: t("login.username"), value: username, extra: "autocomplete=\"username\" required autofocus")
                       + Layout.field("password", label: t("login.password"), type: "password", extra: "autocomplete=\"current-password\" required")
                       + "<button type=\"submit\">\(esc(t("login.submit")))</button>", class: "card narrow")
            + "<p class=\"muted\">\(esc(t("app.tagline")))</p>"
        return HTMLPage(html: Layout.page(ctx, title: t("login.title"), body), status: status)
    }
}
