import Domain
import Persistence
import Vapor

/// What every page needs besides its own model: language, who is signed in, the CSRF token.
struct PageContext: Sendable {
    var t: Texts
    var account: Account?
    var csrf: String
    var path: String

    func csrfField() -> HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">" }

    /// A POST form with its CSRF token already inside.
    /// `multipart`: the form uploads files (photos, a scanned agreement).
    func form(action: String, _ body: HTML, class cls: String = "", multipart: Bool = false) -> HTML {
        "<form method=\"post\" action=\"\(action)\"\(multipart ? HTML(" enctype=\"multipart/form-data\"") : "")\(cls.isEmpty ? "" : HTML(" class=\"\(cls)\""))>\(csrfField())\(body)</form>"
    }
}

extension Request {
    var pageContext: PageContext {
        PageContext(t: Texts(language), account: auth.get(Account.self), csrf: csrfToken, path: url.path)
    }

    var language: Language {
        Language.pick(cookie: cookies["lang"]?.string, acceptLanguage: headers.first(name: .acceptLanguage))
    }
}
