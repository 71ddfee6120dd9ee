import Domain
import Foundation
import Persistence
import Vapor

/// 联防组 pages: the grids of a unit and how far their households are in groups (the coverage
/// figure's drill-down); a grid's groups with the households left and the groups suggested for
/// them; one group's households and who in each an alarm reaches.
enum AlarmGroupPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["name": t("alarmGroup.name"), "householdIDs": t("alarmGroup.households"), "gridID": t("dispute.grid")]
    }

    /// `householdIDs.3` → the household's address, so a refusal names it.
    static func errorLabels(_ t: Texts, _ errors: [FieldError], ids: [Int64], addresses: [Int64: String]) -> [String: String] {
        var l = labels(t)
        for e in errors where e.field.hasPrefix("householdIDs.") {
            if let i = Int(e.field.dropFirst("householdIDs.".count)), ids.indices.contains(i) { l[e.field] = addresses[ids[i]] ?? "#\(ids[i])" }
        }
        return l
    }

    static func coverageTable(_ t: Texts, _ rows: [AlarmCoverageRow]) -> ExportTable {
        ExportTable(title: t("alarmGroup.title"), headers: [t("dispute.grid"), t("alarmGroup.groups"), t("alarmGroup.grouped"), t("alarmGroup.households"), t("alarmGroup.coverage")],
                    rows: rows.map { r in
            [.text(r.gridName), .number(Double(r.groups)), .number(Double(r.grouped)), .number(Double(r.households)), .text(Percent.text(r.grouped, of: r.households))]
        })
    }

    static func coverage(_ ctx: PageContext, _ rows: [AlarmCoverageRow], query: String) -> HTMLPage {
        let t = ctx.t
        let households = rows.map(\.households).reduce(0, +), grouped = rows.map(\.grouped).reduce(0, +)
        let body: HTML = "<p>\(t("alarmGroup.coverageSummary", Percent.text(grouped, of: households), String(rows.map(\.groups).reduce(0, +))))</p>"
            + ExportTable.links(t, to: .alarmGroupsExport, query: query)
            + Layout.table([t("dispute.grid"), t("alarmGroup.groups"), t("alarmGroup.grouped"), t("alarmGroup.coverage")], rows.map { r in
                [Layout.link(Site.alarmGroups("grid=\(r.gridID)").path, r.gridName), HTML.text(String(r.groups)), HTML.text("\(r.grouped) / \(r.households)"),
                 HTML.text(Percent.text(r.grouped, of: r.households))]
            }, empty: t("alarmGroup.noGrids"))
        return HTMLPage(html: Layout.page(ctx, title: t("alarmGroup.title"), body))
    }

    /// The checkboxes of households to put in a group: `chosen` ticked.
    static func householdChoices(_ households: [(id: Int64, address: String)], chosen: Set<Int64>) -> HTML {
        households.map { h in
            HTML("<label class=\"check\"><input type=\"checkbox\" name=\"householdIDs[]\" value=\"\(h.id)\"\(chosen.contains(h.id) ? " checked" : "")> \(h.address)</label>")
        }.joined()
    }

    static func grid(_ ctx: PageContext, _ g: GridAlarmGroups, errors: [FieldError] = [], tried: [Int64] = [], status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t, mayEdit = ctx.account?.role.mayRecordWork == true
        let addresses = Dictionary(uniqueKeysWithValues: g.ungrouped.map { ($0.id, $0.address) } + g.groups.flatMap { $0.members.map { ($0.householdID, $0.address) } })
        let grouped = g.households - g.ungrouped.count
        var body = Layout.errors(t, errors, labels: errorLabels(t, errors, ids: tried, addresses: addresses))
        body += "<p>\(t("alarmGroup.gridSummary", "\(grouped) / \(g.households)", Percent.text(grouped, of: g.households))) · "
            + Layout.link(Site.unit(g.gridID).path, g.gridName) + "</p>"
        body += "<h2>\(t("alarmGroup.groups")) (\(g.groups.count))</h2>" + (g.groups.isEmpty ? HTML("<p class=\"muted\">\(t("alarmGroup.none"))</p>")
            : "<ul class=\"list alarm-groups\">" + g.groups.map { a in
                HTML("<li>\(Layout.link(Site.alarmGroup(a.id).path, a.name))<br><small class=\"muted\">\(t("alarmGroup.membersN", String(a.members.count))) · ")
                    + "\(a.members.map(\.address).joined(separator: "、"))</small></li>"
            }.joined() + "</ul>")
        body += "<h2>\(t("alarmGroup.ungrouped")) (\(g.ungrouped.count))</h2>"
        if g.ungrouped.isEmpty { body += "<p class=\"muted\">\(t("alarmGroup.allGrouped"))</p>" }
        if mayEdit && !g.suggestions.isEmpty {
            body += "<h3>\(t("alarmGroup.suggested"))</h3>" + g.suggestions.map { s in
                ctx.form(action: Site.alarmGroups(nil).path, "<input type=\"hidden\" name=\"gridID\" value=\"\(g.gridID)\">"
                    + "<input type=\"hidden\" name=\"name\" value=\"\(t("alarmGroup.defaultName", s.neighbourhood))\">"
                    + s.householdIDs.map { HTML("<input type=\"hidden\" name=\"householdIDs[]\" value=\"\($0)\">") }.joined()
                    + "<p><strong>\(t("alarmGroup.defaultName", s.neighbourhood))</strong> · \(t("alarmGroup.membersN", String(s.householdIDs.count)))<br>"
                    + "<small class=\"muted\">\(s.householdIDs.compactMap { addresses[$0] }.joined(separator: "、"))</small></p>"
                    + "<button type=\"submit\" class=\"secondary\">\(t("alarmGroup.formSuggested"))</button>", class: "card suggestion")
            }.joined()
        }
        if mayEdit && g.ungrouped.count >= AlarmGroupRules.minHouseholds {
            body += ctx.form(action: Site.alarmGroups(nil).path, "<fieldset><legend>\(t("alarmGroup.new"))</legend><input type=\"hidden\" name=\"gridID\" value=\"\(g.gridID)\">"
                + Layout.field("name", label: t("alarmGroup.name"), extra: "required maxlength=\"\(AlarmGroupRules.maxName)\"")
                + "<fieldset><legend>\(t("alarmGroup.households"))</legend>" + householdChoices(g.ungrouped.map { ($0.id, $0.address) }, chosen: Set(tried))
                + "<small class=\"muted\">\(t("alarmGroup.sizeHint"))</small></fieldset>"
                + "<button type=\"submit\">\(t("alarmGroup.create"))</button></fieldset>", class: "card step-group")
        } else if !g.ungrouped.isEmpty {
            body += "<p>\(g.ungrouped.map(\.address).joined(separator: "、"))</p>"
        }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("alarmGroup.title")) · \(g.gridName)", body), status: status)
    }

    /// One group: its households, and in each who an alarm reaches on their page and who by phone.
    static func group(_ ctx: PageContext, _ a: AlarmGroupView, free: [HouseholdView], devices: [AlarmDevice], errors: [FieldError] = [], tried: [Int64] = [],
                      status: HTTPResponseStatus = .ok) -> HTMLPage {
        let t = ctx.t
        let addresses = Dictionary(uniqueKeysWithValues: a.members.map { ($0.householdID, $0.address) } + free.map { ($0.id, $0.address) })
        var body = Layout.errors(t, errors, labels: errorLabels(t, errors, ids: tried, addresses: addresses))
        body += "<p>" + Layout.link(Site.alarmGroups("grid=\(a.gridID)").path, "← \(a.gridName)") + " · \(t("alarmGroup.membersN", String(a.members.count)))</p>"
        let mayEdit = ctx.account?.role.mayRecordWork == true
        body += Layout.table([t("household.address"), t("alarmGroup.reached"), t("alarm.devices")], a.members.map { m in
            let live: HTML = m.accounts > 0 ? HTML("<span class=\"status p-done\">\(t("alarmGroup.accountsN", String(m.accounts)))</span>") : HTML("<span class=\"status p-open\">\(t("alarmGroup.noAccount"))</span>")
            let phones = m.residents.compactMap { r in r.phoneMasked.map { "\(r.name) \($0)" } }
            let bells = devices.filter { $0.householdID == m.householdID }.map { d -> HTML in
                d.disabled ? HTML("<s>\(d.name)</s>") : HTML.text(d.name)
                    + (mayEdit ? " " + ctx.form(action: Site.alarmDeviceDisable(d.id).path, "<button type=\"submit\" class=\"link\">\(t("alarm.deviceDisable"))</button>", class: "inline") : "")
            }
            return [Layout.link(Site.household(m.householdID).path, m.address), live + (phones.isEmpty ? "" : HTML("<br><small class=\"muted\">\(phones.joined(separator: "、"))</small>")),
                    bells.isEmpty ? HTML("—") : bells.joined(separator: "<br>")]
        })
        if mayEdit {
            body += ctx.form(action: Site.alarmDevices.path, "<fieldset><legend>\(t("alarm.deviceRegister"))</legend><label>\(t("household.address"))<select name=\"householdID\">"
                + a.members.map { HTML("<option value=\"\($0.householdID)\">\($0.address)</option>") }.joined() + "</select></label>"
                + Layout.field("name", label: t("alarm.deviceName"), extra: "required maxlength=\"40\"", hint: t("alarm.deviceHint"))
                + "<button type=\"submit\" class=\"secondary\">\(t("alarm.deviceRegister"))</button></fieldset>", class: "card")
            let choices = a.members.map { ($0.householdID, $0.address) } + free.map { ($0.id, $0.address) }
            body += ctx.form(action: Site.alarmGroup(a.id).path, "<fieldset><legend>\(t("alarmGroup.edit"))</legend><input type=\"hidden\" name=\"gridID\" value=\"\(a.gridID)\">"
                + Layout.field("name", label: t("alarmGroup.name"), value: a.name, extra: "required maxlength=\"\(AlarmGroupRules.maxName)\"")
                + "<fieldset><legend>\(t("alarmGroup.households"))</legend>" + householdChoices(choices, chosen: tried.isEmpty ? Set(a.members.map(\.householdID)) : Set(tried))
                + "<small class=\"muted\">\(t("alarmGroup.sizeHint"))</small></fieldset>"
                + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-group")
            body += ctx.form(action: Site.alarmGroupDissolve(a.id).path, "<button type=\"submit\" class=\"secondary\">\(t("alarmGroup.dissolve"))</button>", class: "inline")
        }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("alarmGroup.title")) · \(a.name)", body), status: status)
    }

    /// The new device's secret, shown this once, to be entered in the box.
    static func deviceRegistered(_ ctx: PageContext, _ d: AlarmDevice, secret: String, groupID: Int64?) -> HTMLPage {
        let t = ctx.t
        let body: HTML = "<p>\(t("alarm.deviceSecretOnce"))</p><dl class=\"facts\"><dt>\(t("alarm.deviceID"))</dt><dd><code>\(String(d.id))</code></dd>"
            + "<dt>\(t("alarm.deviceSecret"))</dt><dd><code class=\"secret\">\(secret)</code></dd></dl>"
            + (groupID.map { "<p>" + Layout.link(Site.alarmGroup($0).path, "← \(t("alarmGroup.groups"))") + "</p>" } ?? "")
        return HTMLPage(html: Layout.page(ctx, title: "\(t("alarm.deviceRegister")) · \(d.name)", body))
    }
}
