import Domain
import Foundation
import Persistence
import Vapor

/// 宣传: the list (the publicity figures' drill-down) with the form to record an event or online
/// publicity on top, and one record's page.
enum PublicityPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["kind": t("publicity.kind"), "topic": t("publicity.topic"), "heldOn": t("publicity.heldOn"), "unitID": t("campaign.unit"), "summary": t("publicity.summary"),
         "place": t("meeting.place"), "audience": t("publicity.audience"), "leaflets": t("publicity.leaflets"), "officers": t("publicity.officers"),
         "channel": t("publicity.channel"), "posts": t("publicity.posts"), "views": t("publicity.views")]
    }

    static func what(_ t: Texts, _ p: PublicityView) -> String {
        p.kind == .event ? [p.place, t("publicity.audienceN", String(p.audience)), p.leaflets > 0 ? t("publicity.leafletsN", String(p.leaflets)) : ""].filter { !$0.isEmpty }.joined(separator: " · ")
            : [p.channel.map { t("publicityChannel.\($0.rawValue)") } ?? "", t("publicity.postsN", String(p.posts)), p.views.map { t("publicity.viewsN", String($0)) } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " · ")
    }

    static func table(_ t: Texts, _ rows: [PublicityView]) -> ExportTable {
        ExportTable(title: t("publicity.title"), headers: ["#", t("publicity.heldOn"), t("publicity.kind"), t("publicity.topic"), t("campaign.unit"), t("meeting.place"),
                                                           t("publicity.audience"), t("publicity.leaflets"), t("publicity.officers"), t("publicity.channel"),
                                                           t("publicity.posts"), t("publicity.views"), t("publicity.summary")],
                    rows: rows.map { p in
            [.number(Double(p.id)), .text(p.heldOn), .text(t("publicityKind.\(p.kind.rawValue)")), .text(t("publicityTopic.\(p.topic.rawValue)")), .text(p.unitName),
             .text(p.place), .number(Double(p.audience)), .number(Double(p.leaflets)), .number(Double(p.officers)),
             .text(p.channel.map { t("publicityChannel.\($0.rawValue)") } ?? ""), .number(Double(p.posts)), p.views.map { .number(Double($0)) } ?? .text(""), .text(p.summary)]
        })
    }

    static func form(_ ctx: PageContext, units: [Domain.Unit], today: String) -> HTML {
        let t = ctx.t
        func number(_ name: String, _ label: String) -> HTML {
            Layout.field(name, label: t(label), type: "number", extra: "min=\"0\" max=\"\(PublicityRules.maxCount)\" inputmode=\"numeric\"")
        }
        return ctx.form(action: Site.publicity(nil).path, "<fieldset><legend>\(t("publicity.new"))</legend>"
            + Layout.select("kind", label: t("publicity.kind"), options: PublicityKind.allCases.map { ($0.rawValue, t("publicityKind.\($0.rawValue)")) }, selected: PublicityKind.event.rawValue)
            + Layout.select("topic", label: t("publicity.topic"), options: PublicityTopic.allCases.map { ($0.rawValue, t("publicityTopic.\($0.rawValue)")) }, selected: PublicityTopic.antiFraud.rawValue)
            + Layout.field("heldOn", label: t("publicity.heldOn"), value: today, type: "date", extra: "required max=\"\(today)\"")
            + Layout.select("unitID", label: t("campaign.unit"), options: units.map { (String($0.id), $0.name) }, selected: "")
            + "<fieldset><legend>\(t("publicityKind.event"))</legend>"
            + Layout.field("place", label: t("meeting.place"), extra: "maxlength=\"\(PublicityRules.maxPlace)\"")
            + number("audience", "publicity.audience") + number("leaflets", "publicity.leaflets") + number("officers", "publicity.officers") + "</fieldset>"
            + "<fieldset><legend>\(t("publicityKind.online"))</legend>"
            + Layout.select("channel", label: t("publicity.channel"), options: [("", "—")] + PublicityChannel.allCases.map { ($0.rawValue, t("publicityChannel.\($0.rawValue)")) }, selected: "")
            + number("posts", "publicity.posts") + number("views", "publicity.views") + "</fieldset>"
            + Layout.field("summary", label: t("publicity.summary"), extra: "maxlength=\"\(PublicityRules.maxText)\"")
            + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-publicity")
    }

    static func list(_ ctx: PageContext, _ rows: [PublicityView], form: HTML, show: PublicityFilter.Show, query: String, errors: [FieldError] = [],
                     status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: labels(t)) + form
        body += "<nav class=\"tabs\">" + PublicityFilter.Show.allCases.map { s in
            HTML("<a href=\"\(Site.publicity("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t(s == .all ? "patrolShow.all" : "publicityKind.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + "</nav>"
        body += ExportTable.links(t, to: .publicityExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        body += rows.isEmpty ? "<p class=\"muted\">\(t("publicity.none"))</p>" : "<ul class=\"list publicity\">" + rows.map { p in
            HTML("<li>\(Layout.link(Site.publicityItem(p.id).path, "\(p.heldOn) \(t("publicityTopic.\(p.topic.rawValue)")) · \(t("publicityKind.\(p.kind.rawValue)"))"))<br>")
                + "<small class=\"muted\">\([p.unitName, what(t, p)].filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("publicity.title"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ p: PublicityView) -> HTMLPage {
        let t = ctx.t
        func row(_ k: String, _ v: String) -> HTML { v.isEmpty ? "" : "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        let body: HTML = "<dl class=\"facts\">" + row("publicity.kind", t("publicityKind.\(p.kind.rawValue)")) + row("publicity.topic", t("publicityTopic.\(p.topic.rawValue)"))
            + row("publicity.heldOn", p.heldOn) + row("campaign.unit", p.unitName) + row("meeting.place", p.place)
            + (p.kind == .event ? row("publicity.audience", String(p.audience)) + row("publicity.leaflets", String(p.leaflets)) + row("publicity.officers", String(p.officers))
               : row("publicity.channel", p.channel.map { t("publicityChannel.\($0.rawValue)") } ?? "") + row("publicity.posts", String(p.posts))
                 + row("publicity.views", p.views.map(String.init) ?? ""))
            + row("publicity.summary", p.summary) + row("help.recordedBy", p.recordedBy ?? "") + "</dl>"
        return HTMLPage(html: Layout.page(ctx, title: "\(t("publicity.title")) #\(p.id)", body))
    }
}
