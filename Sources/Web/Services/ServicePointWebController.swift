import Domain
import Foundation
import Persistence
import Vapor

/// 服务点: each point of the reach with what it did in the period, by kind (the figure's
/// drill-down), a log form per point, and requests taken there into the usual workflow.
struct ServicePointWebController {
    struct LogForm: Content {
        var placeID: String?; var kind: String?; var count: String?; var note: String?
        var input: ServicePointLogInput {
            ServicePointLogInput(placeID: placeID.flatMap { Int64($0) } ?? 0, kind: kind ?? "", count: count.flatMap { Int($0.trimmed) } ?? 0, note: note ?? "")
        }
    }

    func list(_ req: Request) async throws -> HTMLPage { try await page(req, errors: []) }

    private func page(_ req: Request, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let period = try req.period()
        let points = try await req.store.servicePoints(unitID: try req.listQuery(default: ListShow.all).unitID, period: period, caller)
        return ServicePointPages.list(req.pageContext, points, period: period, query: req.url.query ?? "", errors: errors, status: status)
    }

    func log(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LogForm.self)
        do {
            try await req.store.logServicePointService(form.input, try req.caller())
            return req.redirect(to: Site.servicePoints(nil).path)
        } catch let v as ValidationFailure {
            return try await page(req, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func export(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let t = Texts(req.language)
        let points = try await req.store.servicePoints(unitID: try req.listQuery(default: ListShow.all).unitID, period: try req.period(), caller)
        return try ExportTable.response([ServicePointPages.table(t, points)], for: req, filename: t("servicePoint.title"))
    }
}

enum ServicePointPages {
    static func table(_ t: Texts, _ points: [ServicePointView]) -> ExportTable {
        ExportTable(title: t("servicePoint.title"), headers: [t("servicePoint.name"), t("servicePoint.address")]
                        + ServicePointService.allCases.map { t("servicePointService.\($0.rawValue)") } + [t("servicePoint.total")],
                    rows: points.map { p in
            [.text(p.name), .text(p.address)] + ServicePointService.allCases.map { .number(Double(p.counts[$0.rawValue] ?? 0)) } + [.number(Double(p.total))]
        })
    }

    static func list(_ ctx: PageContext, _ points: [ServicePointView], period: Period, query: String, errors: [FieldError], status: HTTPResponseStatus) -> HTMLPage {
        let t = ctx.t, (from, to) = period.dayStrings()
        let labels = ["placeID": t("servicePoint.name"), "kind": t("servicePoint.kind"), "count": t("servicePoint.count"), "note": t("consultation.note")]
        var body = Layout.errors(t, errors, labels: labels)
        body += "<p class=\"muted\">\(t("servicePoint.period", from, to))</p>" + ExportTable.links(t, to: .servicePointsExport, query: query)
        guard !points.isEmpty else {
            return HTMLPage(html: Layout.page(ctx, title: t("servicePoint.title"), body + "<p class=\"muted\">\(t("servicePoint.none"))</p>"), status: status)
        }
        body += Layout.table([t("servicePoint.name")] + ServicePointService.allCases.map { t("servicePointService.\($0.rawValue)") } + [t("servicePoint.total")],
                             points.map { p in [HTML.text(p.name)] + ServicePointService.allCases.map { HTML.text(String(p.counts[$0.rawValue] ?? 0)) } + [HTML.text(String(p.total))] })
        if ctx.account?.role.mayRecordWork == true {
            body += points.map { p in
                HTML("<section class=\"card\"><h2>\(p.name)</h2><p class=\"muted\">\(p.address)</p>") + ctx.form(action: Site.servicePoints(nil).path,
                    "<input type=\"hidden\" name=\"placeID\" value=\"\(p.placeID)\"><fieldset class=\"choices\"><legend>\(t("servicePoint.kind"))</legend>"
                    + ServicePointService.allCases.enumerated().map { i, k in
                        HTML("<label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"\(k.rawValue)\"\(i == 0 ? " checked" : "")> \(t("servicePointService.\(k.rawValue)"))</label>")
                    }.joined() + "</fieldset>"
                    + Layout.field("count", label: t("servicePoint.count"), value: "1", type: "number", extra: "min=\"1\" max=\"\(ServicePointRules.maxCount)\" inputmode=\"numeric\" required")
                    + Layout.field("note", label: t("consultation.note"), extra: "maxlength=\"\(ServicePointRules.maxNote)\"")
                    + "<button type=\"submit\">\(t("form.save"))</button>", class: "step-service")
                    + "<p>\(Layout.link(Site.newRequest.path + "?point=\(p.placeID)", t("servicePoint.takeRequest")))</p></section>"
            }.joined()
        }
        return HTMLPage(html: Layout.page(ctx, title: t("servicePoint.title"), body), status: status)
    }
}
