import Domain
import Foundation
import Persistence
import Vapor

/// 救助 / 帮助 wherever it was given: the form and the list on a patrol's, a visit's or a
/// request's page, and one record as every list shows it (with the way back to its source).
enum HelpPages {
    static func labels(_ t: Texts) -> [String: String] {
        ["kind": t("help.kind"), "detail": t("help.detail"), "count": t("help.count"), "item": t("help.item"), "amount": t("help.amount")]
    }

    static func form(_ ctx: PageContext, action: String) -> HTML {
        let t = ctx.t
        return ctx.form(action: action, "<fieldset><legend>\(t("help.add"))</legend>"
            + Layout.select("kind", label: t("help.kind"), options: HelpKind.allCases.map { ($0.rawValue, t("helpKind.\($0.rawValue)")) }, selected: HelpKind.rescue.rawValue)
            + Layout.field("count", label: t("help.count"), value: "1", type: "number", extra: "min=\"1\" max=\"\(HelpRules.maxCount)\" inputmode=\"numeric\"", hint: t("help.countHint"))
            + Layout.field("item", label: t("help.item"), extra: "maxlength=\"\(HelpRules.maxItem)\"", hint: t("help.itemHint"))
            + Layout.field("amount", label: t("help.amount"), extra: "inputmode=\"decimal\" pattern=\"[0-9,]+(\\.[0-9]{1,2})?\"", hint: t("help.amountHint"))
            + Layout.field("detail", label: t("help.detail"), extra: "maxlength=\"\(HelpRules.maxDetail)\"")
            + "<button type=\"submit\">\(t("form.save"))</button></fieldset>", class: "card step-help")
    }

    /// `linkSource`: lists elsewhere lead to the patrol, visit or request; the source's own page does not.
    static func item(_ h: HelpView, _ t: Texts, linkSource: Bool = true) -> HTML {
        let what = h.kind == .money ? t("help.yuan", h.amount) : h.kind.countsPeople ? t("help.peopleN", String(h.count)) : "\(h.item) × \(h.count)"
        let facts = [ChinaTime.minute(h.at), h.recordedBy ?? "", h.detail]
        let source: HTML = linkSource ? self.source(h).map { " · " + Layout.link($0.path, sourceText(t, h)) } ?? "" : ""
        return HTML("<li><strong>\(t("helpKind.\(h.kind.rawValue)"))</strong> \(what)") + source
            + "<br><small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
    }

    static func source(_ h: HelpView) -> Site? {
        h.patrolID.map(Site.patrol) ?? h.visitID.map(Site.visit) ?? h.requestID.map(Site.request)
    }

    /// 巡逻 #3, 走访记录 #5, 诉求 #7.
    static func sourceText(_ t: Texts, _ h: HelpView) -> String {
        if let id = h.patrolID { return "\(t("patrol.title")) #\(id)" }
        if let id = h.visitID { return "\(t("visit.title")) #\(id)" }
        return h.requestID.map { "\(t("request.title")) #\($0)" } ?? ""
    }

    static func list(_ t: Texts, _ help: [HelpView], linkSource: Bool) -> HTML {
        "<h2>\(t("help.title")) (\(help.count))</h2>"
            + (help.isEmpty ? "<p class=\"muted\">\(t("help.none"))</p>" : "<ul class=\"list help\">" + help.map { item($0, t, linkSource: linkSource) }.joined() + "</ul>")
    }

    /// A visit's or a request's help: the list, and the form for those who record work.
    static func section(_ ctx: PageContext, _ help: [HelpView], action: String) -> HTML {
        list(ctx.t, help, linkSource: false) + (ctx.account?.role.mayRecordWork == true ? form(ctx, action: action) : "")
    }
}

/// The help form as posted from any page; blank numbers are left out.
struct HelpForm: Content {
    var kind: String?; var detail: String?; var count: String?; var item: String?; var amount: String?
    var input: HelpInput { HelpInput(kind: kind ?? "", detail: detail ?? "", count: FormNumber.optional(count), item: item, amount: amount) }
}
