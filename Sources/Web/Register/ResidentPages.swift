import Domain
import Persistence
import Vapor

enum ResidentPage {
    static func render(_ ctx: PageContext, resident r: ResidentView, revealed: RevealedPersonalData?) -> HTMLPage {
        let t = ctx.t
        func row(_ k: String, _ v: HTML) -> HTML { "<dt>\(t(k))</dt><dd>\(v)</dd>" }
        var body: HTML = "<dl class=\"facts\">"
            + row("resident.gender", HTML.text(t.gender(r.gender)))
            + row("resident.birthDate", HTML.text(r.birthDate))
            + row("resident.idNumber", "<span class=\"\(revealed == nil ? "masked" : "revealed")\" id=\"id-number\">\(revealed?.idNumber ?? r.idNumberMasked)</span>")
            + row("resident.phone", HTML.text(revealed.map { $0.phone ?? "—" } ?? r.phoneMasked ?? "—"))
            + row("household.address", Layout.link(Site.household(r.householdID).path, r.address))
            + row("resident.tags", r.tags.isEmpty ? "—" : r.tags.map { HTML("<span class=\"tag\">\(t.tag($0))</span>") }.joined(separator: " "))
            + "</dl>"
        if revealed != nil { body += "<p class=\"notice\">\(t("resident.revealNote"))</p>" }
        var actions: HTML = ""
        if revealed == nil, ctx.account?.role.mayRevealPersonalData == true {
            actions += ctx.form(action: Site.revealResident(r.id).path, "<button type=\"submit\" class=\"secondary\">\(t("resident.reveal"))</button>", class: "inline")
        }
        if ctx.account?.role.mayWriteRegister == true {
            actions += " <a class=\"button\" href=\"\(Site.editResident(r.id).path)\">\(t("resident.edit"))</a>"
        }
        if ctx.account?.role.mayRecordWork == true {
            actions += " <a class=\"button secondary\" href=\"\(Site.consultations("resident=\(r.id)").path)\">\(t("consultation.fromResident"))</a>"
        }
        body += "<p class=\"actions\">\(actions)</p>"
        return HTMLPage(html: Layout.page(ctx, title: r.name, body))
    }
}

enum ResidentFormPage {
    /// `masked`: editing without the right to see full numbers — the fields show the masked
    /// numbers as placeholders and may stay blank to keep them.
    static func render(_ ctx: PageContext, action: String, form: RegisterWebController.ResidentForm, errors: [FieldError],
                       status: HTTPResponseStatus = .ok, masked: ResidentView? = nil) -> HTMLPage {
        let t = ctx.t
        let chosen = Set(form.tags ?? [])
        let tags = ResidentTag.allCases.map {
            HTML("<label class=\"check\"><input type=\"checkbox\" name=\"tags[]\" value=\"\($0.rawValue)\"\(chosen.contains($0.rawValue) ? " checked" : "")> \(t.tag($0))</label>")
        }.joined()
        let fields = Layout.field("name", label: t("resident.name"), value: form.name ?? "", extra: "required maxlength=\"40\"")
            + Layout.select("gender", label: t("resident.gender"), options: Gender.allCases.map { ($0.rawValue, t.gender($0)) }, selected: form.gender ?? "")
            + Layout.field("idNumber", label: t("resident.idNumber"), value: form.idNumber ?? "",
                           extra: masked.map { "placeholder=\"\($0.idNumberMasked)\" maxlength=\"18\" autocomplete=\"off\"" } ?? "required maxlength=\"18\" autocomplete=\"off\"",
                           hint: masked == nil ? "" : t("resident.keepBlank"))
            + Layout.field("birthDate", label: t("resident.birthDate"), value: form.birthDate ?? "", type: "date", hint: t("resident.birthDateHint"))
            + Layout.field("phone", label: t("resident.phone"), value: form.phone ?? "", type: "tel",
                           extra: "autocomplete=\"off\"" + (masked?.phoneMasked.map { " placeholder=\"\($0)\"" } ?? ""),
                           hint: masked == nil ? "" : t("resident.keepBlank"))
            + "<fieldset><legend>\(t("resident.tags"))</legend>\(tags)</fieldset>"
            + "<button type=\"submit\">\(t("form.save"))</button>"
        let body = Layout.errors(t, errors) + ctx.form(action: action, fields, class: "card")
        return HTMLPage(html: Layout.page(ctx, title: t("resident.title"), body), status: status)
    }
}
