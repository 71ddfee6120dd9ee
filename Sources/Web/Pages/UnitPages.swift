import Domain
import Persistence

enum UnitTreePage {
    static func render(_ ctx: PageContext, units: [Domain.Unit]) -> HTMLPage {
        let t = ctx.t
        let minDepth = units.map(\.kind.depth).min() ?? 0
        let items = units.map { u in
            "<li class=\"depth\(u.kind.depth - minDepth)\"><span class=\"kind\">\(esc(t.kind(u.kind)))</span> \(Layout.link(Site.unit(u.id).path, u.name)) <code>\(esc(u.code))</code></li>"
        }.joined()
        return HTMLPage(html: Layout.page(ctx, title: t("unit.tree"), "<ul class=\"tree\">\(items)</ul>"))
    }
}

enum UnitPage {
    static func render(_ ctx: PageContext, unit: Domain.Unit, children: [Domain.Unit], households: [HouseholdView], places: [Place], officer: String?) -> HTMLPage {
        let t = ctx.t
        var body = "<p class=\"muted\">\(esc(t.kind(unit.kind))) · <code>\(esc(unit.code))</code></p>"
        if unit.kind == .grid {
            body += "<p>\(esc(t("unit.officer")))：\(esc(officer ?? t("unit.noOfficer")))</p>"
            if ctx.account?.role.mayWriteRegister == true {
                body += "<p><a class=\"button\" href=\"\(Site.newHousehold(grid: unit.id).path)\">\(esc(t("grid.addHousehold")))</a></p>"
            }
            body += "<h2>\(esc(t("grid.households"))) (\(households.count))</h2>"
                + Layout.table([t("household.address"), t("household.residentCount")],
                               households.map { [Layout.link(Site.household($0.id).path, $0.address), String($0.residentCount)] })
            if !places.isEmpty {
                body += "<h2>\(esc(t("grid.places")))</h2>" + Layout.table([t("place.name"), t("place.kind"), t("household.address")],
                    places.map { [esc($0.name), esc(t.placeKind($0.kind)), esc($0.address)] })
            }
        } else {
            body += "<ul class=\"list\">" + children.map { "<li>\(esc(t.kind($0.kind))) \(Layout.link(Site.unit($0.id).path, $0.name))</li>" }.joined() + "</ul>"
        }
        return HTMLPage(html: Layout.page(ctx, title: unit.name, body))
    }
}
