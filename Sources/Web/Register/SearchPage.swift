import Domain
import Persistence

enum SearchPage {
    static func render(_ ctx: PageContext, query: String, results: [ResidentView]) -> HTMLPage {
        let t = ctx.t
        var body = "<form method=\"get\" action=\"\(Site.search(nil).path)\" class=\"searchbar\"><input name=\"q\" type=\"search\" value=\"\(esc(query))\" placeholder=\"\(esc(t("search.placeholder")))\" aria-label=\"\(esc(t("search.title")))\" autofocus><button type=\"submit\">\(esc(t("search.submit")))</button></form>"
        if !query.isEmpty {
            body += results.isEmpty ? "<p class=\"empty\">\(esc(t("search.none")))</p>" : "<p class=\"muted\">\(esc(t("search.count", String(results.count))))</p>"
                + Layout.table([t("resident.name"), t("resident.idNumber"), t("household.address")], results.map {
                    [Layout.link(Site.resident($0.id).path, $0.name), "<span class=\"masked\">\(esc($0.idNumberMasked))</span>", esc($0.address)]
                })
        }
        return HTMLPage(html: Layout.page(ctx, title: t("search.title"), body))
    }
}
