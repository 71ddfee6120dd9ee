import Domain
import Foundation
import Persistence
import Vapor

/// 预约服务, phone first: the list, the booking form (the kinds with their checklists, the
/// officer's coming slots), and an appointment's page — its printable checklist, changes, what
/// was done and the resident's rating.
enum AppointmentPages {
    static func badge(_ t: Texts, _ a: AppointmentView) -> HTML {
        "<span class=\"status ap-\(a.status.rawValue)\">\(t("appointmentStatus.\(a.status.rawValue)"))</span>"
    }

    static func when(_ t: Texts, day: String, block: OfficeBlock) -> String { "\(day) \(t("officeBlock.\(block.rawValue)"))" }

    static func counts(_ a: AppointmentView, kind: ServiceKind?) -> String {
        (kind?.counters ?? []).compactMap { c in a.counts[c.code].map { "\(c.name) \($0) \(c.unit)" } }.joined(separator: "，")
    }

    static func labels(_ t: Texts) -> [String: String] {
        ["householdID": t("appointment.household"), "residentID": t("appointment.resident"), "kind": t("appointment.kind"), "place": t("appointment.place"),
         "slot": t("appointment.slot"), "day": t("appointment.slot"), "block": t("appointment.slot"), "note": t("appointment.note"), "officerID": t("appointment.officer"),
         "visitID": t("visit.title"), "reason": t("appointment.reason"), "status": t("appointment.status"), "rating": t("appointment.rating"), "doneNote": t("appointment.doneNote")]
    }

    static func table(_ t: Texts, _ rows: [AppointmentView]) -> ExportTable {
        ExportTable(title: t("appointment.title"), headers: ["#", t("appointment.kind"), t("appointment.slot"), t("appointment.place"), t("appointment.household"),
                                                             t("appointment.resident"), t("appointment.officer"), t("appointment.status"), t("appointment.doneAt"),
                                                             t("appointment.counts"), t("appointment.rating")],
                    rows: rows.map { a in
            [.number(Double(a.id)), .text(a.kindName), .text(when(t, day: a.day, block: a.block)), .text(t("appointmentPlace.\(a.place.rawValue)")), .text(a.address),
             .text(a.residentName ?? ""), .text(a.officerName), .text(t("appointmentStatus.\(a.status.rawValue)")), .text(a.doneAt.map(ChinaTime.minute) ?? ""),
             .text(a.counts.sorted { $0.key < $1.key }.map { "\(t("serviceCounter.\($0.key)")) \($0.value)" }.joined(separator: " ")),
             .text(a.rating.map { t("satisfaction.\($0.rawValue)") } ?? "")]
        })
    }

    static func list(_ ctx: PageContext, _ rows: [AppointmentView], show: AppointmentFilter.Show, query: String) -> HTMLPage {
        let t = ctx.t, role = ctx.account?.role
        var body: HTML = role?.usesPortal == true || role?.mayRecordWork == true
            ? "<p><a class=\"button\" href=\"\(Site.newAppointment(nil).path)\">\(t("appointment.new"))</a></p>" : ""
        if role?.seesWorkRecords == true {
            body += "<nav class=\"tabs\">" + AppointmentFilter.Show.allCases.map { s in
                HTML("<a href=\"\(Site.appointments("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t("appointmentShow.\(s.rawValue)"))</a>")
            }.joined(separator: " ") + "</nav>"
            body += ExportTable.links(t, to: .appointmentsExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        }
        // Done ones by kind, with what each counted (身份证 张 …): the counters' drill-down.
        let done = rows.filter { $0.status == .done }
        if role?.seesWorkRecords == true, !done.isEmpty {
            let totals = ServiceCounts.summed(done.map { ($0.kind, $0.counts) })
            let kinds = Dictionary(grouping: done, by: \.kind).sorted { $0.value.count > $1.value.count }
            body += "<h2>\(t("appointment.byKind"))</h2>" + Layout.table([t("appointment.kind"), t("appointmentShow.done"), t("appointment.counts")], kinds.map { code, list in
                [HTML.text(list[0].kindName), HTML.text(String(list.count)),
                 HTML.text((totals[code] ?? [:]).sorted { $0.key < $1.key }.map { "\(t("serviceCounter.\($0.key)")) \($0.value)" }.joined(separator: "，"))]
            })
        }
        body += rows.isEmpty ? "<p class=\"muted\">\(t("appointment.none"))</p>" : "<ul class=\"list appointments\">" + rows.map { a in
            let facts = [when(t, day: a.day, block: a.block), t("appointmentPlace.\(a.place.rawValue)"), a.address, a.residentName ?? "", a.officerName]
            return HTML("<li>\(badge(t, a)) \(Layout.link(Site.appointment(a.id).path, "#\(a.id) \(a.kindName)"))<br>")
                + "<small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("appointment.title"), body))
    }

    /// An officer opening the form with no household: book from the household's page or a visit.
    static func pickHousehold(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        return HTMLPage(html: Layout.page(ctx, title: t("appointment.new"), "<p>\(t("appointment.pickHousehold"))</p><p>\(Layout.link(Site.search(nil).path, t("nav.search")))</p>"))
    }

    static func checklist(_ t: Texts, _ k: ServiceKind) -> HTML {
        guard !k.materials.isEmpty else { return "<p class=\"muted\">\(t("appointment.noMaterials"))</p>" }
        return "<ol class=\"checklist\">" + k.materials.map { HTML("<li>\($0)</li>") }.joined() + "</ol>"
    }

    static func slotChoices(_ t: Texts, _ slots: [SlotView], selected: String) -> HTML {
        guard !slots.isEmpty else { return "<p class=\"muted\" data-field=\"slot\">\(t("appointment.noSlots"))</p>" }
        let days = Dictionary(grouping: slots, by: \.day)
        return "<fieldset class=\"slots\"><legend>\(t("appointment.slot"))</legend>" + days.keys.sorted().map { day in
            HTML("<p class=\"slot-day\">\(day) \(t("weekday.\(CivilDate.dayNumber(day).map(CivilDate.weekday(dayNumber:)) ?? 1)"))</p>") + days[day]!.sorted { $0.block < $1.block }.map { s in
                let value = "\(s.day)|\(s.block.rawValue)"
                return HTML("<label class=\"check\"><input type=\"radio\" name=\"slot\" value=\"\(value)\"\(value == selected ? " checked" : "")\(s.isFull ? " disabled" : "") required> ")
                    + "\(t("officeBlock.\(s.block.rawValue)")) <small class=\"muted\">\(s.isFull ? t("appointment.full") : t("appointment.places", String(s.capacity - s.taken)))</small></label>"
            }.joined()
        }.joined() + "</fieldset>"
    }

    static func form(_ ctx: PageContext, form: AppointmentWebController.BookingForm, household: Household, residents: [ResidentView], kinds: [ServiceKind],
                     slots: [SlotView], errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t
        var fields: HTML = "<p><strong>\(household.address)</strong></p><input type=\"hidden\" name=\"householdID\" value=\"\(household.id)\">"
        if let v = form.visitID { fields += "<input type=\"hidden\" name=\"visitID\" value=\"\(v)\">" }
        fields += Layout.select("residentID", label: t("appointment.resident"), options: [("", t("appointment.wholeHousehold"))] + residents.map { (String($0.id), $0.name) },
                                selected: form.residentID ?? "")
        fields += "<fieldset class=\"kinds\"><legend>\(t("appointment.kind"))</legend>" + kinds.map { k in
            HTML("<div class=\"kind\"><label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"\(k.code)\"\(form.kind == k.code ? " checked" : "") required> \(k.name)</label>")
                + "<details><summary>\(t("appointment.checklist"))</summary>\(checklist(t, k))</details></div>"
        }.joined() + "</fieldset>"
        fields += "<fieldset><legend>\(t("appointment.place"))</legend>" + AppointmentPlace.allCases.map { p in
            HTML("<label class=\"check\"><input type=\"radio\" name=\"place\" value=\"\(p.rawValue)\"\(form.place == p.rawValue ? " checked" : "")> \(t("appointmentPlace.\(p.rawValue)"))</label>")
        }.joined() + "</fieldset>"
        fields += slotChoices(t, slots, selected: form.slot ?? "")
        fields += "<label>\(t("appointment.note"))<textarea name=\"note\" rows=\"2\" maxlength=\"\(AppointmentRules.maxNote)\">\(form.note ?? "")</textarea></label>"
        let body = Layout.errors(t, errors, labels: labels(t)) + ctx.form(action: Site.newAppointment(nil).path, fields + "<button type=\"submit\">\(t("appointment.book"))</button>",
                                                                          class: "card step-appointment")
        return HTMLPage(html: Layout.page(ctx, title: t("appointment.new"), body), status: status)
    }

    static func detail(_ ctx: PageContext, _ a: AppointmentView, kind: ServiceKind?, slots: [SlotView], errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t, role = ctx.account?.role
        var body = Layout.errors(t, errors, labels: labels(t))
        body += "<dl class=\"facts\"><dt>\(t("appointment.status"))</dt><dd>\(badge(t, a))</dd>"
            + "<dt>\(t("appointment.slot"))</dt><dd>\(when(t, day: a.day, block: a.block))</dd>"
            + "<dt>\(t("appointment.place"))</dt><dd>\(t("appointmentPlace.\(a.place.rawValue)"))</dd>"
            + "<dt>\(t("appointment.household"))</dt><dd>\(a.address)</dd>"
            + (a.residentName.map { HTML("<dt>\(t("appointment.resident"))</dt><dd>\($0)</dd>") } ?? "")
            + "<dt>\(t("appointment.officer"))</dt><dd>\(a.officerName)</dd>"
            + (a.note.isEmpty ? "" : HTML("<dt>\(t("appointment.note"))</dt><dd>\(a.note)</dd>"))
            + (a.reason.isEmpty ? "" : HTML("<dt>\(t("appointment.reason"))</dt><dd>\(a.reason)</dd>"))
            + (a.visitID.map { HTML("<dt>\(t("visit.title"))</dt><dd>\(Layout.link(Site.visit($0).path, "#\($0)"))</dd>") } ?? "")
            + (a.doneAt.map { HTML("<dt>\(t("appointment.doneAt"))</dt><dd>\(ChinaTime.minute($0))</dd><dt>\(t("appointment.counts"))</dt><dd>\(counts(a, kind: kind))</dd>") } ?? "")
            + (a.doneNote.isEmpty ? "" : HTML("<dt>\(t("appointment.doneNote"))</dt><dd>\(a.doneNote)</dd>"))
            + (a.rating.map { HTML("<dt>\(t("appointment.rating"))</dt><dd>\(t("satisfaction.\($0.rawValue)"))</dd>") } ?? "")
            + "</dl>"
        if let kind {
            body += "<section class=\"card print\"><h2>\(t("appointment.checklistFor", kind.name))</h2>\(checklist(t, kind))<p class=\"muted\">\(t("appointment.printHint"))</p>"
                + "<button type=\"button\" class=\"secondary no-print\" data-print>\(t("appointment.print"))</button><script src=\"/static/print.js\" defer></script></section>"
        }
        if a.status.isOpen {
            if a.status == .booked {
                body += ctx.form(action: Site.appointmentChange(a.id, .confirm).path, "<button type=\"submit\">\(t("appointmentChange.confirm"))</button>", class: "inline")
            }
            // Changing is the exception: folded, so the phone shows the appointment and its checklist first.
            body += "<details class=\"card no-print\"><summary>\(t("appointmentChange.reschedule"))</summary>" + ctx.form(action: Site.appointmentChange(a.id, .reschedule).path,
                slotChoices(t, slots, selected: "") + Layout.field("reason", label: t("appointment.reason"), extra: "required maxlength=\"\(AppointmentRules.maxNote)\"")
                + "<button type=\"submit\">\(t("appointmentChange.reschedule"))</button>", class: "step-reschedule") + "</details>"
            body += "<details class=\"card no-print\"><summary>\(t("appointmentChange.cancel"))</summary>" + ctx.form(action: Site.appointmentChange(a.id, .cancel).path,
                Layout.field("reason", label: t("appointment.reason"), extra: "required maxlength=\"\(AppointmentRules.maxNote)\"")
                + "<button type=\"submit\" class=\"danger\">\(t("appointmentChange.cancel"))</button>", class: "step-cancel") + "</details>"
            if role?.mayRecordWork == true {
                let counters: HTML = (kind?.counters ?? []).map { c in
                    Layout.field("counts[\(c.code)]", label: "\(c.name)（\(c.unit)）", value: "", type: "number", extra: "min=\"0\" max=\"999\" inputmode=\"numeric\"")
                }.joined()
                body += ctx.form(action: Site.appointmentDone(a.id).path, "<fieldset><legend>\(t("appointment.markDone"))</legend>" + counters
                    + Layout.field("doneNote", label: t("appointment.doneNote"), extra: "maxlength=\"\(AppointmentRules.maxNote)\"")
                    + "<button type=\"submit\">\(t("appointment.markDone"))</button></fieldset>", class: "card step-done")
            }
        } else if a.status == .done, a.rating == nil {
            body += ctx.form(action: Site.appointmentRating(a.id).path, "<fieldset><legend>\(t("appointment.rate"))</legend>" + Satisfaction.allCases.map { s in
                HTML("<label class=\"check\"><input type=\"radio\" name=\"rating\" value=\"\(s.rawValue)\" required> \(t("satisfaction.\(s.rawValue)"))</label>")
            }.joined() + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-rate")
        }
        return HTMLPage(html: Layout.page(ctx, title: "\(t("appointment.title")) · #\(a.id) \(a.kindName)", body), status: status)
    }
}
