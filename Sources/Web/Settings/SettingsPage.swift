import Domain
import Persistence
import Vapor

/// 工作设置 (administrator): the 五必访 rules, care cadences and the escalation delay.
enum SettingsPage {
    static func render(_ ctx: PageContext, rules: [MustVisitRule], settings: WorkSettings, categories: [RequestCategory], disputeTypes: [DisputeType],
                       serviceKinds: [ServiceKind], officeRule: OfficeHoursRule, errors: [FieldError], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        var body = Layout.errors(t, errors, labels: ["name": t("settings.name"), "materials": t("appointment.checklist"), "counters": t("appointment.counts"),
                                                              "minimumHalfDays": t("settings.minimumHalfDays"), "keptPercent": t("settings.keptPercent")]) + "<h2>\(t("settings.rules"))</h2><p class=\"muted\">\(t("settings.rulesHint"))</p>"
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
        /// A configurable list (request categories, dispute types): a form per entry, and one to add an entry by its code.
        func entries(_ title: String, hint: String, _ items: [(code: String, name: String, active: Bool)], extra: (String?) -> HTML,
                     at: (String) -> Site, adding: Site, newTitle: String) -> HTML {
            func fields(_ code: String?) -> HTML {
                let item = items.first { $0.code == code }
                return Layout.field("name", label: t("settings.name"), value: item?.name ?? "", extra: "required maxlength=\"\(SettingCode.maxName)\"") + extra(code)
                    + "<label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"\(item?.active ?? true ? " checked" : "")> \(t("settings.active"))</label>"
                    + "<button type=\"submit\">\(t("form.save"))</button>"
            }
            return "<h2>\(title)</h2><p class=\"muted\">\(hint)</p>" + items.map { i in
                ctx.form(action: at(i.code).path, "<h3>\(i.name) <small class=\"muted\">\(i.code)</small></h3>" + fields(i.code), class: "card rule")
            }.joined() + ctx.form(action: adding.path, "<h3>\(newTitle)</h3>"
                + Layout.field("code", label: t("field.code"), extra: "required pattern=\"[a-z0-9_]{1,32}\"", hint: t("settings.categoryCodeHint")) + fields(nil), class: "card rule")
        }
        body += entries(t("settings.categories"), hint: t("settings.categoriesHint"), categories.map { ($0.code, $0.name, $0.active) }, extra: { code in
            Layout.field("deadlineDays", label: t("field.deadlineDays"), value: categories.first { $0.code == code }.map { String($0.deadlineDays) } ?? "", type: "number",
                         extra: "min=\"1\" max=\"\(RequestCategory.maxDeadlineDays)\" required")
        }, at: Site.settingsCategory, adding: .settingsCategories, newTitle: t("settings.newCategory"))
        body += entries(t("settings.disputeTypes"), hint: t("settings.disputeTypesHint"), disputeTypes.map { ($0.code, $0.name, $0.active) }, extra: { _ in "" },
                        at: Site.settingsDisputeType, adding: .settingsDisputeTypes, newTitle: t("settings.newDisputeType"))
        body += entries(t("settings.serviceKinds"), hint: t("settings.serviceKindsHint"), serviceKinds.map { ($0.code, $0.name, $0.active) }, extra: { code in
            let kind = serviceKinds.first { $0.code == code }
            return "<label>\(t("appointment.checklist"))<textarea name=\"materials\" rows=\"4\">\((kind?.materials ?? []).joined(separator: "\n"))</textarea>"
                + "<small>\(t("settings.materialsHint"))</small></label><fieldset class=\"choices\"><legend>\(t("appointment.counts"))</legend>"
                + ServiceKind.standardCounters.map { c in
                    HTML("<label class=\"check\"><input type=\"checkbox\" name=\"counters[]\" value=\"\(c.code)\"\(kind?.counters.contains(c) == true ? " checked" : "")> \(c.name)（\(c.unit)）</label>")
                }.joined() + "</fieldset>"
                + "<label class=\"check\"><input type=\"checkbox\" name=\"atHome\" value=\"1\"\(kind?.atHome ?? true ? " checked" : "")> \(t("settings.atHome"))</label>"
        }, at: Site.settingsServiceKind, adding: .settingsServiceKinds, newTitle: t("settings.newServiceKind"))
        body += "<h2>\(t("officeHours.title"))</h2>" + ctx.form(action: Site.settingsOfficeHours.path,
            Layout.field("minimumHalfDays", label: t("settings.minimumHalfDays"), value: String(officeRule.minimumHalfDays), type: "number", extra: "min=\"1\" max=\"10\" required")
            + Layout.field("keptPercent", label: t("settings.keptPercent"), value: String(Int((officeRule.keptShare * 100).rounded())), type: "number",
                           extra: "min=\"50\" max=\"100\" required", hint: t("settings.keptPercentHint"))
            + "<button type=\"submit\">\(t("form.save"))</button>", class: "card")
        body += "<h2>\(t("settings.holidays"))</h2><p class=\"muted\">\(t("settings.holidaysHint"))</p><p>" + Layout.link(Site.settingsHolidays(nil).path, t("holiday.title") + " →") + "</p>"
        return HTMLPage(html: Layout.page(ctx, title: t("settings.title"), body), status: status)
    }
}
