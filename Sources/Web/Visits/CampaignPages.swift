import Domain
import Foundation
import Persistence
import Vapor

/// 专项活动: the list, the form a leader fills in, and a campaign's progress.
enum CampaignPages {
    static func bar(_ p: TaskProgress) -> HTML {
        "<progress max=\"\(max(p.total, 1))\" value=\"\(p.done)\"></progress> <strong>\(p.percentText)</strong>"
    }

    static func targetText(_ t: Texts, _ c: CampaignView) -> String {
        let base = t("campaign.target.\(c.target)")
        switch c.target {
        case "residents", "care_subjects": return base + "（" + c.tags.map(t.tag).joined(separator: "、") + "）"
        case "places": return base + "（" + (c.placeKind.map(t.placeKind) ?? "") + "）"
        default: return base
        }
    }

    static func list(_ ctx: PageContext, campaigns: [CampaignView]) -> HTMLPage {
        let t = ctx.t
        var body: HTML = ""
        if ctx.account?.role.mayDirectWork == true {
            body += "<p><a class=\"button\" href=\"\(Site.newCampaign.path)\">\(t("campaign.new"))</a></p>"
        }
        body += campaigns.isEmpty ? "<p class=\"empty\">\(t("campaign.none"))</p>" : "<ul class=\"list campaigns\">" + campaigns.map { c in
            HTML("<li>\(Layout.link(Site.campaign(c.id).path, c.name))<br><small class=\"muted\">\(c.startDate) ~ \(c.endDate) · \(targetText(t, c)) · \(c.scope.joined(separator: "、"))</small><br>")
                + bar(c.progress) + " <small>\(t("campaign.doneOf", String(c.progress.done)).replacingOccurrences(of: "%2", with: String(c.progress.total)))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("campaign.title"), body))
    }

    static func form(_ ctx: PageContext, units: [Domain.Unit], form: CampaignWebController.CampaignForm, tags: [ResidentTag],
                     errors: [FieldError], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let chosenUnits = Set(form.unitIDs ?? []), chosenTags = Set(form.tags ?? [])
        let unitBoxes = units.map { u in
            HTML("<label class=\"check depth-\(u.kind.depth)\"><input type=\"checkbox\" name=\"unitIDs[]\" value=\"\(u.id)\"\(chosenUnits.contains(String(u.id)) ? " checked" : "")> \(u.name)</label>")
        }.joined()
        let targets = CampaignTarget.kindCodes.map { k in
            HTML("<label class=\"check\"><input type=\"radio\" name=\"target\" value=\"\(k)\"\(form.target == k ? " checked" : "")> \(t("campaign.target.\(k)"))</label>")
        }.joined()
        let tagBoxes = ResidentTag.allCases.map { tag in
            HTML("<label class=\"check\"><input type=\"checkbox\" name=\"tags[]\" value=\"\(tag.rawValue)\"\(chosenTags.contains(tag.rawValue) ? " checked" : "")> \(t.tag(tag))</label>")
        }.joined()
        let body = Layout.errors(t, errors, labels: ["name": t("campaign.name")]) + ctx.form(action: Site.newCampaign.path,
            Layout.field("name", label: t("campaign.name"), value: form.name ?? "", extra: "required maxlength=\"\(CampaignRules.maxName)\"", hint: t("campaign.nameHint"))
            + Layout.field("startDate", label: t("period.from"), value: form.startDate ?? "", type: "date", extra: "required")
            + Layout.field("endDate", label: t("period.to"), value: form.endDate ?? "", type: "date", extra: "required")
            + "<fieldset><legend>\(t("campaign.scope"))</legend>\(unitBoxes)</fieldset>"
            + "<fieldset><legend>\(t("campaign.targetLegend"))</legend>\(targets)"
            + "<p class=\"muted\">\(t("campaign.careHint", tags.map(t.tag).joined(separator: "、")))</p></fieldset>"
            + "<fieldset><legend>\(t("campaign.tagsLegend"))</legend>\(tagBoxes)</fieldset>"
            + Layout.select("placeKind", label: t("campaign.placeKind"), options: [("", "—")] + PlaceKind.allCases.map { ($0.rawValue, t.placeKind($0)) },
                            selected: form.placeKind ?? "")
            + "<button type=\"submit\">\(t("campaign.create"))</button>", class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("campaign.new"), body), status: status)
    }

    /// The progress columns, the same on the page and in its export.
    static func progressHeaders(_ t: Texts) -> [String] { [t("campaign.tasks"), t("campaign.done"), t("tasks.overdue"), t("campaign.progress")] }

    /// The progress tables as an export: by unit (its level in a column) and by officer.
    static func tables(_ t: Texts, _ r: CampaignReport) -> [ExportTable] {
        let headers = progressHeaders(t)
        func cells(_ p: TaskProgress) -> [ExportTable.Cell] { [.number(Double(p.total)), .number(Double(p.done)), .number(Double(p.overdue)), .text(p.percentText)] }
        return [
            ExportTable(title: r.campaign.name + " · " + t("campaign.byUnit"), headers: [t("coverage.level"), t("campaign.unit")] + headers, rows: r.units.map { line in
                [.text(UnitKind(rawValue: line.kind).map(t.kind) ?? ""), .text(line.name)] + cells(line.progress)
            }),
            ExportTable(title: r.campaign.name + " · " + t("campaign.byOfficer"), headers: [t("field.assigneeID")] + headers, rows: r.officers.map { line in
                [.text(line.name.isEmpty ? t("unit.noOfficer") : line.name)] + cells(line.progress)
            }),
        ]
    }

    static func report(_ ctx: PageContext, _ r: CampaignReport) -> HTMLPage {
        let t = ctx.t, c = r.campaign
        func row(_ k: String, _ v: HTML) -> HTML { "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        func cells(_ p: TaskProgress) -> [HTML] { ["\(p.total)", "\(p.done)", p.overdue > 0 ? "<strong class=\"overdue\">\(p.overdue)</strong>" : "0", bar(p)] }
        let headers = progressHeaders(t)
        var body: HTML = "<dl class=\"facts\">" + row("campaign.period", HTML.text("\(c.startDate) ~ \(c.endDate)")) + row("campaign.targetLegend", HTML.text(targetText(t, c)))
            + row("field.unitIDs", HTML.text(c.scope.joined(separator: "、"))) + "</dl>"
        body += "<div class=\"tiles\">" + HomePage.tile(t("campaign.tasks"), c.progress.total) + HomePage.tile(t("campaign.done"), c.progress.done)
            + HomePage.tile(t("tasks.overdue"), c.progress.overdue)
            + "<div class=\"tile\"><span class=\"n\" id=\"campaign-rate\">\(c.progress.percentText)</span><span>\(t("campaign.progress"))</span></div></div>"
        body += ExportTable.links(t, to: .campaignExport(c.id), query: "")
        body += "<h2>\(t("campaign.byUnit"))</h2>" + Layout.table([t("campaign.unit")] + headers, r.units.map { line in
            let kind = UnitKind(rawValue: line.kind)
            let name = (kind == .grid ? line.unitID.map { Layout.link(Site.unvisited($0, nil).path, line.name) } : nil) ?? HTML.text(line.name)
            return [HTML]() + ["<span class=\"depth-\(kind?.depth ?? 0)\">\(name) <small class=\"muted\">\(kind.map(t.kind) ?? "")</small></span>"] + cells(line.progress)
        }, empty: t("campaign.noTasks"))
        body += "<h2>\(t("campaign.byOfficer"))</h2>" + Layout.table([t("field.assigneeID")] + headers, r.officers.map { line in
            [HTML.text(line.name.isEmpty ? t("unit.noOfficer") : line.name)] + cells(line.progress)
        }, empty: t("campaign.noTasks"))
        return HTMLPage(html: Layout.page(ctx, title: c.name, body))
    }
}
