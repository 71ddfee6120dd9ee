import Domain
import Persistence
import Vapor

enum HouseholdPage {
    static func render(_ ctx: PageContext, household h: Household, grid: Domain.Unit?, residents: [ResidentView], visits: [VisitSummary]) -> HTMLPage {
        let t = ctx.t
        var body: HTML = ""
        if let grid { body += "<p class=\"muted\">\(t.kind(.grid)) \(Layout.link(Site.unit(grid.id).path, grid.name))</p>" }
        if let role = ctx.account?.role, role.mayRecordWork {
            body += "<p class=\"actions\"><a class=\"button\" href=\"\(Site.newVisit(household: h.id).path)\">\(t("visit.new"))</a> "
                + "<a class=\"button secondary\" href=\"\(Site.newAppointment("household=\(h.id)").path)\">\(t("appointment.new"))</a></p>"
        }
        body += "<h2>\(t("household.residents"))</h2>"
            + Layout.table([t("resident.name"), t("resident.gender"), t("resident.idNumber"), t("resident.tags")], residents.map {
                [Layout.link(Site.resident($0.id).path, $0.name), HTML.text(t.gender($0.gender)), "<span class=\"masked\">\($0.idNumberMasked)</span>",
                 HTML.text($0.tags.map(t.tag).joined(separator: "、"))]
            })
        if ctx.account?.role.usesPortal != true {
            body += "<h2>\(t("visit.recent")) (\(visits.count))</h2>" + Layout.table([t("visit.at"), t("visit.categories"), t("visit.findings")], visits.map { v in
                [Layout.link(Site.visit(v.id).path, ChinaTime.minute(v.visitedAt)), HTML.text(v.categories.map { t("visitCategory.\($0.rawValue)") }.joined(separator: "、")), "\(v.findingCount)"]
            }, empty: t("visit.none"))
        }
        if ctx.account?.role.mayWriteRegister == true {
            body += "<p class=\"actions\"><a class=\"button\" href=\"\(Site.newResident(household: h.id).path)\">\(t("household.addResident"))</a> "
                + "<a href=\"\(Site.editHousehold(h.id).path)\">\(t("household.edit"))</a></p>"
        }
        return HTMLPage(html: Layout.page(ctx, title: h.address, body))
    }
}

enum HouseholdFormPage {
    static func render(_ ctx: PageContext, action: String, address: String, errors: [FieldError], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let body = Layout.errors(t, errors) + ctx.form(action: action,
            Layout.field("address", label: t("household.address"), value: address, extra: "required maxlength=\"200\"")
            + "<button type=\"submit\">\(t("form.save"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("household.title"), body), status: status)
    }
}
