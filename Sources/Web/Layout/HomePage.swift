import Domain
import Persistence

enum HomePage {
    /// `offices`: a resident's community police office and this week's hours there.
    static func render(_ ctx: PageContext, counts: RegisterCounts, household: (Household, [ResidentView])?, offices: [OfficeBoard] = [],
                       surveys: [(sampleID: Int64, round: String)] = []) -> HTMLPage {
        let t = ctx.t
        guard let a = ctx.account else { return HTMLPage(html: "") }
        var body: HTML = "<p>\(t("home.welcome", a.displayName))</p>"
        if let (h, members) = household {
            // 和谐警铃: the one large button a resident may need in a hurry.
            body += "<p><a class=\"alarm-button\" href=\"\(Site.newAlarm.path)\">\(t("alarm.press"))</a></p>"
            body += "<section class=\"card\"><h2>\(t("home.myHousehold"))</h2><p>\(h.address)</p>"
                + members.map { HTML("<p>\(Layout.link(Site.resident($0.id).path, $0.name)) · \($0.idNumberMasked)</p>") }.joined() + "</section>"
            body += "<p><a class=\"button\" href=\"\(Site.newAppointment(nil).path)\">\(t("appointment.new"))</a></p>"
            body += OfficeBoardPages.portal(t, offices)
            // 双提升: the household was drawn for a round and has not answered yet.
            body += surveys.map { s in
                "<section class=\"card survey-invite\"><h2>\(s.round)</h2><p>\(t("survey.portalInvite"))</p>"
                    + ctx.form(action: Site.mySurvey(s.sampleID).path, "<button type=\"submit\">\(t("survey.portalAnswer"))</button>") + "</section>"
            }.joined()
        } else {
            body += "<p class=\"muted\">\(t("home.scope", a.unitName))</p><div class=\"tiles\">"
                + tile(t("home.households"), counts.households) + tile(t("home.residents"), counts.residents) + tile(t("home.places"), counts.places)
                + "</div>"
                + "<form method=\"get\" action=\"\(Site.search(nil).path)\" class=\"searchbar\"><input name=\"q\" type=\"search\" placeholder=\"\(t("search.placeholder"))\" aria-label=\"\(t("search.title"))\"><button type=\"submit\">\(t("search.submit"))</button></form>"
                + "<p>\(Layout.link(Site.units.path, t("unit.tree")))</p>"
        }
        return HTMLPage(html: Layout.page(ctx, title: t("nav.home"), body))
    }

    static func tile(_ label: String, _ n: Int) -> HTML {
        "<div class=\"tile\"><span class=\"n\">\(n)</span><span>\(label)</span></div>"
    }
}
