import Domain
import Foundation
import Persistence
import Vapor

extension QueueReceiptView: Content {}

/// 离线上传记录: what came through the field pages' queue, how late — the queue figures'
/// drill-down, its export, and the same list in the API.
struct QueueReceiptController {
    static func filter(_ req: Request) throws -> QueueReceiptFilter {
        let q = try req.listQuery(default: QueueReceiptFilter.Show.all)
        return QueueReceiptFilter(show: q.show, unitID: q.unitID, period: q.period)
    }

    private func receipts(_ req: Request, _ filter: QueueReceiptFilter, limit: Int) async throws -> [QueueReceiptView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return try await req.store.queueReceipts(filter, caller, limit: limit)
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let filter = try Self.filter(req)
        return QueueReceiptPages.list(req.pageContext, try await receipts(req, filter, limit: 500), show: filter.show, query: req.url.query ?? "")
    }

    func export(_ req: Request) async throws -> Response {
        let t = Texts(req.language)
        return try ExportTable.response([QueueReceiptPages.table(t, try await receipts(req, try Self.filter(req), limit: 10_000))], for: req, filename: t("queue.title"))
    }

    func api(_ req: Request) async throws -> [QueueReceiptView] { try await receipts(req, try Self.filter(req), limit: 10_000) }
}

enum QueueReceiptPages {
    /// "1 天 3 小时", "2 小时 5 分钟", "4 分钟": how long after it happened the server had it.
    static func delay(_ t: Texts, _ seconds: Int64) -> String {
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        if days > 0 { return t("queue.delayDays", String(days), String(hours % 24)) }
        if hours > 0 { return t("queue.delayHours", String(hours), String(minutes % 60)) }
        return t("queue.delayMinutes", String(minutes))
    }

    static func table(_ t: Texts, _ rows: [QueueReceiptView]) -> ExportTable {
        ExportTable(title: t("queue.title"), headers: [t("queue.kind"), "#", t("queue.label"), t("queue.officer"), t("queue.recordedAt"), t("queue.receivedAt"),
                                                       t("queue.delay"), t("queue.lateColumn")],
                    rows: rows.map { r in
            [.text(t("queueKind.\(r.kind.rawValue)")), .number(Double(r.recordID)), .text(r.label), .text(r.officer ?? ""), .text(ChinaTime.minute(r.recordedAt)),
             .text(ChinaTime.minute(r.receivedAt)), .text(delay(t, r.delaySeconds)), .text(r.late ? t("queue.late") : "")]
        })
    }

    static func list(_ ctx: PageContext, _ rows: [QueueReceiptView], show: QueueReceiptFilter.Show, query: String) -> HTMLPage {
        let t = ctx.t
        var body: HTML = "<p class=\"muted\">\(t("figure.queuedRecords.definition"))</p><nav class=\"tabs\">" + QueueReceiptFilter.Show.allCases.map { s in
            HTML("<a href=\"\(Site.queueReceipts("show=\(s.rawValue)").path)\"\(s == show ? " aria-current=\"page\"" : "")>\(t("queueShow.\(s.rawValue)"))</a>")
        }.joined(separator: " ") + "</nav>"
        body += ExportTable.links(t, to: .queueReceiptsExport, query: query.isEmpty ? "show=\(show.rawValue)" : query)
        body += rows.isEmpty ? "<p class=\"muted\">\(t("queue.none"))</p>" : "<ul class=\"list queue-receipts\">" + rows.map { r in
            let late: HTML = r.late ? "<span class=\"status p-overdue\">\(t("queue.late"))</span> " : ""
            let facts = [r.officer ?? "", t("queue.recordedAtN", ChinaTime.minute(r.recordedAt)), t("queue.receivedAtN", ChinaTime.minute(r.receivedAt)),
                         r.delaySeconds < 60 ? t("queue.atOnce") : t("queue.lateBy", delay(t, r.delaySeconds))]
            return HTML("<li>\(late)\(Layout.link(Site.queued(r.kind, r.recordID).path, "\(t("queueKind.\(r.kind.rawValue)")) · \(r.label)"))<br>")
                + "<small class=\"muted\">\(facts.filter { !$0.isEmpty }.joined(separator: " · "))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("queue.title"), body))
    }
}
