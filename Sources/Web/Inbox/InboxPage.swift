import Domain
import Persistence

/// 消息: escalations and tasks handed to the reader, newest first.
enum InboxPage {
    static func render(_ ctx: PageContext, notices: [Notice]) -> HTMLPage {
        let t = ctx.t
        let unread = notices.filter { $0.readAt == nil }.count
        var body = "<p>\(esc(t("inbox.unread", String(unread))))</p>"
        if unread > 0 {
            body += ctx.form(action: Site.inboxRead.path, "<button type=\"submit\" class=\"secondary\">\(esc(t("inbox.markRead")))</button>", class: "inline")
        }
        body += notices.isEmpty ? "<p class=\"empty\">\(esc(t("inbox.none")))</p>" : "<ul class=\"list inbox\">" + notices.map { n in
            let title = n.readAt == nil ? "<strong>\(esc(t.title(of: n)))</strong>" : esc(t.title(of: n))
            return "<li class=\"\(n.readAt == nil ? "unread" : "read")\"><a href=\"\(esc(n.href))\">\(title)</a><br><small class=\"muted\">\(esc(ChinaTime.minute(n.createdAt)))</small></li>"
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("inbox.title"), body))
    }
}
