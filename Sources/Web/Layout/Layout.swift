import Domain
import Persistence

/// The frame around every page: phone-first, no scripts, nothing from outside the server.
enum Layout {
    static func page(_ ctx: PageContext, title: String, _ body: HTML) -> HTML {
        let t = ctx.t
        var nav: HTML = ""
        if let a = ctx.account {
            var links = [(Site.home.path, t("nav.home"))]
            links.append((Site.requests(nil).path, t(a.role.usesPortal ? "nav.myRequests" : "nav.requests")))
            links.append((Site.appointments(nil).path, t("nav.appointments")))
            if a.role.mayRecordWork { links.append((Site.field.path, t("nav.field"))) }
            if a.role.seesWorkRecords { links += [(Site.dashboard(nil).path, t("nav.dashboard")), (Site.tasks.path, t("nav.tasks")), (Site.campaigns.path, t("nav.campaigns")), (Site.care.path, t("nav.care")),
                                           (Site.coverage(nil).path, t("nav.coverage")), (Site.meetings.path, t("nav.meetings")), (Site.disputes(nil).path, t("nav.disputes")), (Site.clues(nil).path, t("nav.clues")), (Site.victims(nil).path, t("nav.victims")), (Site.patrols(nil).path, t("nav.patrols")), (Site.publicity(nil).path, t("nav.publicity")), (Site.duty(nil).path, t("nav.duty")), (Site.officeHours(nil).path, t("nav.officeHours")), (Site.consultations(nil).path, t("nav.consultations")), (Site.servicePoints(nil).path, t("nav.servicePoints")), (Site.surveys.path, t("nav.surveys")), (Site.informants.path, t("nav.informants")), (Site.alarms.path, t("nav.alarms")), (Site.units.path, t("nav.units")), (Site.search(nil).path, t("nav.search"))] }
            links.append((Site.inbox.path, t("nav.inbox")))
            if a.role.mayManageUsers { links += [(Site.users.path, t("nav.users")), (Site.settings.path, t("nav.settings"))] }
            if a.role.mayReadAudit { links.append((Site.audit(nil).path, t("nav.audit"))) }
            nav = "<nav class=\"nav\">" + links.map { link in
                // The inbox link carries the live unread count (filled in by /static/inbox.js).
                // …and 离线工作 what waits on the phone to be sent (by /static/field-guard.js).
                let badge: HTML = link.0 == Site.inbox.path ? " <span id=\"inbox-badge\" class=\"badge\" aria-live=\"polite\"></span>"
                    : link.0 == Site.field.path ? " <span id=\"field-badge\" class=\"badge\" aria-live=\"polite\"></span>" : ""
                return HTML("<a href=\"\(link.0)\"\(ctx.path == link.0 ? HTML(" aria-current=\"page\"") : "")>\(link.1)\(badge)</a>")
            }.joined() + "</nav>"
        }
        // Field workers' pages carry the installable app's manifest and the sign-out guard.
        let fieldWork = ctx.account?.role.mayRecordWork == true
        let who: HTML = ctx.account.map { HTML("<span class=\"who\">\($0.displayName) · \(t.role($0.role)) · \($0.unitName)</span>") } ?? ""
        return """
        <!doctype html>
        <html lang="\(t.lang.htmlLang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(t("app.name"))</title>
        <link rel="stylesheet" href="/static/app.css">
        \(fieldWork ? HTML("<link rel=\"manifest\" href=\"/static/manifest.json\"><meta name=\"theme-color\" content=\"#103a73\">") : "")
        \(ctx.account == nil ? "" : HTML("<script src=\"/static/inbox.js\" defer></script><script src=\"/static/alarm.js\" defer></script>"))
        \(fieldWork ? HTML("<script type=\"module\" src=\"/static/field-guard.js\"></script>") : "")
        </head>
        <body data-page="\(ctx.path == Site.inbox.path ? "inbox" : ctx.path == Site.alarms.path ? "alarms" : "")">
        <header class="top">
        <a class="brand" href="\(Site.home.path)">\(t("app.name"))</a>
        \(who)
        <nav class="lang" aria-label="语言 / 語言 / Language">\(Language.allCases.map { lang -> HTML in
            lang == t.lang ? "<span aria-current=\"true\">\(lang.label)</span>"
                : "<a href=\"\(Site.language(lang, back: ctx.path).path)\" hreflang=\"\(lang.htmlLang)\" lang=\"\(lang.htmlLang)\">\(lang.label)</a>"
        }.joined(separator: " · "))</nav>
        \(ctx.account == nil ? "" : ctx.form(action: Site.logout.path, "<button class=\"link\" type=\"submit\">\(t("nav.logout"))</button>", class: "inline logout"))
        \(fieldWork ? HTML("<span id=\"field-guard\" hidden data-leave-warning=\"\(t("offline.leaveWarning"))\" data-leave-confirm=\"\(t("offline.leaveConfirm"))\"></span>") : "")
        </header>
        \(nav)
        \(ctx.account == nil || ctx.path == Site.alarms.path ? "" : HTML("<ul id=\"alarm-live\" class=\"alarm-live\" aria-live=\"assertive\" hidden></ul>"))
        <main>
        <h1>\(title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    static func errors(_ t: Texts, _ errors: [FieldError], labels: [String: String] = [:]) -> HTML {
        guard !errors.isEmpty else { return "" }
        return HTML("<div class=\"errors\" role=\"alert\"><p>\(t("form.errors"))</p><ul>")
            + errors.map { HTML("<li data-field=\"\($0.field)\">\(t.describe($0, labels: labels))</li>") }.joined() + "</ul></div>"
    }

    static func table(_ headers: [String], _ rows: [[HTML]], empty: String = "") -> HTML {
        if rows.isEmpty && !empty.isEmpty { return HTML("<p class=\"empty\">\(empty)</p>") }
        return HTML("<div class=\"scroll\"><table><thead><tr>") + headers.map { HTML("<th>\($0)</th>") }.joined() + "</tr></thead><tbody>"
            + rows.map { HTML("<tr>") + $0.map { HTML("<td>\($0)</td>") }.joined() + "</tr>" }.joined() + "</tbody></table></div>"
    }

    static func link(_ href: String, _ text: String) -> HTML { "<a href=\"\(href)\">\(text)</a>" }

    static func field(_ name: String, label: String, value: String = "", type: String = "text", extra: HTML = "", hint: String = "") -> HTML {
        "<label>\(label)<input name=\"\(name)\" type=\"\(type)\" value=\"\(value)\" \(extra)>" + (hint.isEmpty ? "" : "<small>\(hint)</small>") + "</label>"
    }

    static func select(_ name: String, label: String, options: [(String, String)], selected: String) -> HTML {
        "<label>\(label)<select name=\"\(name)\">" + options.map {
            HTML("<option value=\"\($0.0)\"\($0.0 == selected ? " selected" : "")>\($0.1)</option>")
        }.joined() + "</select></label>"
    }
}
