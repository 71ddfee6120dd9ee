import Domain
import Persistence

/// 消息: escalations and tasks handed to the reader, newest first.
enum InboxPage {
    static func render(_ ctx: PageContext, notices: [Notice]) -> HTMLPage {
        let t = ctx.t
        let unread = notices.filter { $0.readAt == nil }.count
        var body: HTML = "<p>\(t("inbox.unread", String(unread)))</p>"
        if unread > 0 {
            body += ctx.form(action: Site.inboxRead.path, "<button type=\"submit\" class=\"secondary\">\(t("inbox.markRead"))</button>", class: "inline")
        }
        body += notices.isEmpty ? "<p class=\"empty\">\(t("inbox.none"))</p>" : "<ul class=\"list inbox\">" + notices.map { n in
            let title = n.readAt == nil ? "<strong>\(t.title(of: n))</strong>" : HTML.text(t.title(of: n))
            return HTML("<li class=\"\(n.readAt == nil ? "unread" : "read")\"><a href=\"\(n.href)\">\(title)</a><br><small class=\"muted\">\(ChinaTime.minute(n.createdAt))</small></li>")
        }.joined() + "</ul>"
        return HTMLPage(html: Layout.page(ctx, title: t("inbox.title"), body))
    }
}
