import Domain
import Persistence
import Vapor

/// 工作设置 (administrator): the 五必访 rules, care cadences and the escalation delay.
enum SettingsPage {
    static func render(_ ctx: PageContext, rules: [MustVisitRule], settings: WorkSettings, categories: [RequestCategory], disputeTypes: [DisputeType], errors: [FieldError],
                       status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: ["name": t("settings.name")]) + "<h2>\(t("settings.rules"))</h2><p class=\"muted\">\(t("settings.rulesHint"))</p>"
        body += rules.map { r in
            ctx.form(action: Site.settingsRule(r.code).path,
                "<h3>\(r.name)</h3>"
                + Layout.field("dueWithinDays", label: t("settings.dueWithin"), value: String(r.dueWithinDays), type: "number", extra: "min=\"1\" max=\"365\" required")
                + Layout.field("repeatEveryDays", label: t("settings.repeatEvery"), value: r.repeatEveryDays.map(String.init) ?? "", type: "number", extra: "min=\"1\" max=\"730\"", hint: t("settings.repeatHint"))
                + "<label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"\(r.active ? " checked" : "")> \(t("settings.active"))</label>"
                + "<button type=\"submit\">\(t("form.save"))</button>", class: "card rule")
        }.joined()
        body += "<h2>\(t("settings.work"))</h2>" + ctx.form(action: Site.settingsWork.path,
            WorkSettings.careTags.map { tag in
                Layout.field("cadence[\(tag.rawValue)]", label: t("settings.cadence", t.tag(tag)), value: settings.careCadenceDays[tag].map(String.init) ?? "",
                             type: "number", extra: "min=\"1\" max=\"365\"")
            }.joined()
            + "<p class=\"muted\">\(t("settings.cadenceHint"))</p>"
            + Layout.field("bureauAfterDays", label: t("settings.bureauAfter"), value: String(settings.bureauAfterDays), type: "number", extra: "min=\"1\" max=\"60\" required")
            + Layout.field("victimVisitDays", label: t("field.victimVisitDays"), value: String(settings.victimVisitDays), type: "number", extra: "min=\"1\" max=\"60\" required")
            + Layout.field("disputeFollowUpDays", label: t("field.disputeFollowUpDays"), value: String(settings.disputeFollowUpDays), type: "number", extra: "min=\"1\" max=\"365\" required")
            + "<button type=\"submit\">\(t("form.save"))</button>", class: "card")
        body += "<h2>\(t("settings.categories"))</h2><p class=\"muted\">\(t("settings.categoriesHint"))</p>"
        func categoryFields(_ c: RequestCategory?) -> HTML {
            Layout.field("name", label: t("settings.name"), value: c?.name ?? "", extra: "required maxlength=\"40\"")
                + Layout.field("deadlineDays", label: t("field.deadlineDays"), value: c.map { String($0.deadlineDays) } ?? "", type: "number",
                               extra: "min=\"1\" max=\"\(RequestCategory.maxDeadlineDays)\" required")
                + "<label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"\(c?.active ?? true ? " checked" : "")> \(t("settings.active"))</label>"
                + "<button type=\"submit\">\(t("form.save"))</button>"
        }
        body += categories.map { c in
            ctx.form(action: Site.settingsCategory(c.code).path, "<h3>\(c.name) <small class=\"muted\">\(c.code)</small></h3>" + categoryFields(c), class: "card rule")
        }.joined()
        body += ctx.form(action: Site.settingsCategories.path, "<h3>\(t("settings.newCategory"))</h3>"
            + Layout.field("code", label: t("field.code"), extra: "required pattern=\"[a-z0-9_]{1,32}\"", hint: t("settings.categoryCodeHint")) + categoryFields(nil), class: "card rule")
        body += "<h2>\(t("settings.disputeTypes"))</h2><p class=\"muted\">\(t("settings.disputeTypesHint"))</p>"
        func typeFields(_ d: DisputeType?) -> HTML {
            Layout.field("name", label: t("settings.name"), value: d?.name ?? "", extra: "required maxlength=\"\(DisputeType.maxName)\"")
                + "<label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"\(d?.active ?? true ? " checked" : "")> \(t("settings.active"))</label>"
                + "<button type=\"submit\">\(t("form.save"))</button>"
        }
        body += disputeTypes.map { d in
            ctx.form(action: Site.settingsDisputeType(d.code).path, "<h3>\(d.name) <small class=\"muted\">\(d.code)</small></h3>" + typeFields(d), class: "card rule")
        }.joined()
        body += ctx.form(action: Site.settingsDisputeTypes.path, "<h3>\(t("settings.newDisputeType"))</h3>"
            + Layout.field("code", label: t("field.code"), extra: "required pattern=\"[a-z0-9_]{1,32}\"", hint: t("settings.categoryCodeHint")) + typeFields(nil), class: "card rule")
        return HTMLPage(html: Layout.page(ctx, title: t("settings.title"), body), status: status)
    }
}
