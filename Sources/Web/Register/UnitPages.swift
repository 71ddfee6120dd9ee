import Domain
import Persistence

enum UnitTreePage {
    static func render(_ ctx: PageContext, units: [Domain.Unit]) -> HTMLPage {
        let t = ctx.t
        let minDepth = units.map(\.kind.depth).min() ?? 0
        let items = units.map { u in
            HTML("<li class=\"depth\(u.kind.depth - minDepth)\"><span class=\"kind\">\(t.kind(u.kind))</span> \(Layout.link(Site.unit(u.id).path, u.name)) <code>\(u.code)</code></li>")
        }.joined()
        return HTMLPage(html: Layout.page(ctx, title: t("unit.tree"), "<ul class=\"tree\">\(items)</ul>"))
    }
}

enum UnitPage {
    struct Model {
        var unit: Domain.Unit
        var children: [Domain.Unit]
        var households: [HouseholdView] = []
        var places: [Place] = []
        var officer: String?
        /// A grid's households in no 联防组.
        var ungrouped: Int?
        /// Filled only for callers who may name the grid's officer.
        var officerChoices: [Account] = []
    }

    static func render(_ ctx: PageContext, _ m: Model, errors: [FieldError]) -> HTMLPage {
        let t = ctx.t, unit = m.unit
        let role = ctx.account?.role
        var body: HTML = "<p class=\"muted\">\(t.kind(unit.kind)) · <code>\(unit.code)</code></p>" + Layout.errors(t, errors, labels: ["name": t("unit.name"), "kind": t("place.kind")])
        if unit.kind == .grid {
            body += "<p>\(t("unit.officer"))：<strong id=\"officer\">\(m.officer ?? t("unit.noOfficer"))</strong></p>"
            if !m.officerChoices.isEmpty {
                body += ctx.form(action: Site.unitOfficer(unit.id).path,
                    Layout.select("officer", label: t("unit.setOfficer"), options: [("", t("unit.noOfficer"))] + m.officerChoices.map { (String($0.id), "\($0.displayName)（\($0.username)）") },
                                  selected: unit.responsibleOfficerID.map(String.init) ?? "")
                    + "<button type=\"submit\" class=\"secondary\">\(t("form.save"))</button>", class: "card")
            }
            if role?.mayWriteRegister == true {
                body += "<p><a class=\"button\" href=\"\(Site.newHousehold(grid: unit.id).path)\">\(t("grid.addHousehold"))</a></p>"
            }
            if let n = m.ungrouped { body += "<p>" + Layout.link(Site.alarmGroups("grid=\(unit.id)").path, t("grid.alarmGroups", String(n))) + "</p>" }
            body += "<h2>\(t("grid.households")) (\(m.households.count))</h2>"
                + Layout.table([t("household.address"), t("household.residentCount")],
                               m.households.map { [Layout.link(Site.household($0.id).path, $0.address), "\($0.residentCount)"] }, empty: t("grid.noHouseholds"))
            body += "<h2>\(t("grid.places")) (\(m.places.count))</h2>" + Layout.table([t("place.name"), t("place.kind"), t("household.address")],
                m.places.map { [HTML.text($0.name), HTML.text(t.placeKind($0.kind)), HTML.text($0.address)] }, empty: t("grid.noPlaces"))
            if role?.mayWriteRegister == true {
                body += "<details><summary>\(t("grid.addPlace"))</summary>" + ctx.form(action: Site.unitPlaces(unit.id).path,
                    Layout.field("name", label: t("place.name"), extra: "required")
                    + Layout.select("kind", label: t("place.kind"), options: PlaceKind.allCases.map { ($0.rawValue, t.placeKind($0)) }, selected: "")
                    + Layout.field("address", label: t("household.address"), extra: "required maxlength=\"200\"")
                    + "<button type=\"submit\">\(t("form.save"))</button>", class: "card") + "</details>"
            }
        } else {
            body += "<ul class=\"list\">" + m.children.map { HTML("<li><span class=\"kind\">\(t.kind($0.kind))</span> \(Layout.link(Site.unit($0.id).path, $0.name))</li>") }.joined() + "</ul>"
            if role?.mayConfigure == true {
                body += "<details><summary>\(t("unit.addChild"))</summary>" + ctx.form(action: Site.unitChildren(unit.id).path,
                    Layout.field("code", label: t("unit.code"), extra: "required pattern=\"[A-Za-z0-9-]+\"", hint: t("unit.codeHint"))
                    + Layout.field("name", label: t("unit.name"), extra: "required")
                    + Layout.select("kind", label: t("place.kind"), options: unit.kind.childKinds.sorted { $0.rawValue < $1.rawValue }.map { ($0.rawValue, t.kind($0)) }, selected: "")
                    + "<button type=\"submit\">\(t("form.save"))</button>", class: "card") + "</details>"
            }
        }
        return HTMLPage(html: Layout.page(ctx, title: unit.name, body))
    }
}
