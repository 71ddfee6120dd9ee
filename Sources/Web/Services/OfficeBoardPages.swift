import Domain
import Foundation
import Persistence
import Vapor

/// 社区警务室 hours as residents read them: in the portal, and on the public page a station may
/// publish. The office, its phone and each officer's days — nothing personal.
enum OfficeBoardPages {
    /// "周一 上午 08:30–12:00、晚上 17:00–21:00" per planned day.
    static func days(_ t: Texts, _ plan: WeeklyPlan) -> HTML {
        let byDay = Dictionary(grouping: plan.blocks, by: \.weekday)
        return "<ul class=\"plain\">" + byDay.keys.sorted().map { d in
            HTML("<li><strong>\(t("weekday.\(d)"))</strong> ") + HTML.text(byDay[d]!.sorted().map { t("officeBlock.\($0.block.rawValue)") }.joined(separator: "、")) + "</li>"
        }.joined() + "</ul>"
    }

    static func card(_ t: Texts, _ b: OfficeBoard, heading: Bool = true) -> HTML {
        var body: HTML = heading ? "<section class=\"card office-board\"><h2>\(b.name)</h2>" : "<section class=\"card office-board\">"
        body += "<p>\(b.address)</p>"
        if !b.phone.isEmpty { body += "<p>\(t("officeBoard.phone"))：<a href=\"tel:\(b.phone.filter(\.isNumber))\">\(b.phone)</a></p>" }
        body += b.officers.isEmpty ? "<p class=\"muted\">\(t("officeBoard.noOfficers"))</p>"
            : b.officers.map { o in HTML("<h3>\(t("officeBoard.officer", o.name))</h3>") + days(t, o.plan) }.joined()
        return body + "</section>"
    }

    /// The portal's section: this week's hours at the resident's community office.
    static func portal(_ t: Texts, _ boards: [OfficeBoard]) -> HTML {
        boards.isEmpty ? "" : HTML("<h2>\(t("officeBoard.title"))</h2>") + boards.map { card(t, $0) }.joined()
    }

    /// The public page: no sign-in, no personal data.
    static func publicPage(_ ctx: PageContext, _ b: OfficeBoard) -> HTMLPage {
        let t = ctx.t
        let body = "<p class=\"muted\">\(t("officeBoard.public"))</p>" + card(t, b, heading: false)
        return HTMLPage(html: Layout.page(ctx, title: "\(b.name) · \(t("officeBoard.title"))", body))
    }

    /// The leader's section on the office-hours page: each office's phone and whether it is published.
    static func offices(_ ctx: PageContext, _ boards: [OfficeBoard]) -> HTML {
        let t = ctx.t
        guard !boards.isEmpty else { return "<h2>\(t("officeBoard.offices"))</h2><p class=\"muted\">\(t("officeBoard.none"))</p>" }
        return HTML("<h2>\(t("officeBoard.offices"))</h2>") + boards.map { b in
            var s: HTML = "<section class=\"card\"><h3>\(b.name)</h3><p class=\"muted\">\(b.address)</p>"
            if ctx.account?.role.keepsRoster == true {
                s += ctx.form(action: Site.policeOffice(b.placeID).path,
                              Layout.field("phone", label: t("officeBoard.phone"), value: b.phone, type: "tel", extra: "maxlength=\"20\" inputmode=\"tel\"")
                              + "<label class=\"check\"><input type=\"checkbox\" name=\"published\" value=\"1\"\(b.published ? " checked" : "")> \(t("officeBoard.publish"))</label>"
                              + "<button type=\"submit\">\(t("form.save"))</button>", class: "step-office")
            }
            if b.published { s += "<p>\(Layout.link(Site.officeBoard(b.placeID).path, t("officeBoard.publicLink")))</p>" }
            return s + "</section>"
        }.joined()
    }
}
