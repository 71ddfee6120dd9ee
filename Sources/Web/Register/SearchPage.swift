import Domain
import Persistence

enum SearchPage {
    static func render(_ ctx: PageContext, query: String, results: [ResidentView]) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<form method=\"get\" action=\"\(Site.search(nil).path)\" class=\"searchbar\"><input name=\"q\" type=\"search\" value=\"\(query)\" placeholder=\"\(t("search.placeholder"))\" aria-label=\"\(t("search.title"))\" autofocus><button type=\"submit\">\(t("search.submit"))</button></form>"
        if !query.isEmpty {
            body += results.isEmpty ? "<p class=\"empty\">\(t("search.none"))</p>" : "<p class=\"muted\">\(t("search.count", String(results.count)))</p>"
                + Layout.table([t("resident.name"), t("resident.idNumber"), t("household.address")], results.map {
                    [Layout.link(Site.resident($0.id).path, $0.name), "<span class=\"masked\">\($0.idNumberMasked)</span>", HTML.text($0.address)]
                })
        }
        return HTMLPage(html: Layout.page(ctx, title: t("search.title"), body))
    }
}
