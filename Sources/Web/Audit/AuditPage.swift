import Domain
import Foundation
import Persistence

enum AuditPage {
    static func render(_ ctx: PageContext, query: Store.AuditQuery, entries: [AuditEntry]) -> HTMLPage {
        let t = ctx.t
        let filter = "<form method=\"get\" action=\"\(Site.audit(nil).path)\" class=\"filters\">"
            + Layout.field("actor", label: t("audit.actor"), value: query.actor ?? "")
            + Layout.field("action", label: t("audit.action"), value: query.action ?? "", extra: "placeholder=\"resident.\"")
            + Layout.field("object", label: t("audit.object"), value: query.objectType ?? "", extra: "placeholder=\"resident\"")
            + "<button type=\"submit\">\(t("audit.filter"))</button></form>"
        let table = Layout.table([t("audit.seq"), t("audit.at"), t("audit.actor"), t("audit.action"), t("audit.object"), t("audit.summary"), t("audit.client")],
            entries.map { e in
                ["\(e.seq)", HTML.text(ChinaTime.second(e.at)), HTML.text(e.actor), "<code>\(e.action)</code>", HTML.text("\(e.objectType) \(e.objectID)"), HTML.text(e.summary), HTML.text(e.clientAddress)]
            })
        var more: HTML = ""
        if entries.count == query.limit, let last = entries.last {
            var items = [URLQueryItem(name: "before", value: String(last.seq))]
            if let a = query.actor { items.append(URLQueryItem(name: "actor", value: a)) }
            if let a = query.action { items.append(URLQueryItem(name: "action", value: a)) }
            if let o = query.objectType { items.append(URLQueryItem(name: "object", value: o)) }
            var c = URLComponents(); c.queryItems = items
            more = "<p>\(Layout.link(Site.audit(c.percentEncodedQuery).path, t("audit.older")))</p>"
        }
        return HTMLPage(html: Layout.page(ctx, title: t("audit.title"), filter + table + more))
    }
}
