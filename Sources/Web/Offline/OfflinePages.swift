import Domain
import Foundation
import Persistence

/// 离线工作: the field page that keeps working with no signal. The server sends the frame and the
/// words; /static/field.js fills it from the copy kept on the phone (see sw.js for the shell).
enum OfflinePages {
    static func field(_ ctx: PageContext, _ account: Account) -> HTMLPage {
        let t = ctx.t
        // The script's words, in the page's language (no inline script under the CSP).
        let words: [(String, String)] = [("updated", "offline.updated"), ("age-now", "offline.ageNow"), ("age-minutes", "offline.ageMinutes"), ("age-hours", "offline.ageHours"),
                                         ("age-days", "offline.ageDays"), ("households", "offline.households"), ("tasks", "offline.tasks"), ("loading", "offline.loading"),
                                         ("failed", "offline.failed"), ("offline", "offline.offline"), ("no-copy", "offline.noCopy"), ("persisted", "offline.persisted"),
                                         ("not-persisted", "offline.notPersisted"), ("record", "offline.record"), ("saved", "offline.saved"), ("pending", "offline.pending"),
                                         ("other-user", "offline.otherUser"), ("other-user-skipped", "offline.otherUserSkipped"), ("signed-out", "offline.signedOut"),
                                         ("state-pending", "offline.statePending"), ("state-sending", "offline.stateSending"), ("state-sent", "offline.stateSent"),
                                         ("state-refused", "offline.stateRefused"), ("open-record", "offline.openRecord"), ("fix", "offline.fix"), ("resend", "offline.resend"),
                                         ("discard", "offline.discard"), ("discard-confirm", "offline.discardConfirm"), ("when", "offline.when"), ("notes", "offline.notes"),
                                         ("method", "offline.method"), ("categories", "offline.categories"), ("met", "offline.met"), ("findings", "offline.findings"),
                                         ("save", "offline.save"), ("cancel", "offline.cancel"), ("need-method", "offline.needMethod"), ("queue-offline", "offline.queueOffline"),
                                         ("patrol-start", "patrol.start"), ("patrol-end", "patrol.end"), ("patrol-grids", "patrol.grids"), ("patrol-mode", "patrol.mode"),
                                         ("patrol-residents", "patrol.residents"), ("patrol-started-at", "patrol.startedAt"), ("patrol-ended-at", "patrol.endedAt"),
                                         ("patrol-note", "patrol.note"), ("patrol-since", "offline.patrolSince"), ("need-grid", "offline.needGrid"), ("wait-start", "offline.waitStart"),
                                         ("consultation-new", "consultation.new"), ("consultation-topic", "consultation.topic"), ("consultation-outcome", "consultation.outcome"),
                                         ("consultation-note", "consultation.note"), ("consultation-at", "consultation.at"), ("need-topic", "offline.needTopic")]
        let data = words.map { HTML(" data-\($0.0)=\"\(t($0.1))\"") }.joined()
        let body: HTML = "<div id=\"field\" data-user=\"\(account.id)\"\(data)>"
            + "<p class=\"copy-line\"><span id=\"copy-age\"></span> <span id=\"copy-state\" role=\"status\"></span> <button type=\"button\" class=\"link\" id=\"copy-refresh\">\(t("offline.refresh"))</button></p>"
            + "<p class=\"muted\">\(t("offline.minimum"))<br><span id=\"storage-state\"></span></p>"
            + "<label>\(t("offline.find"))<input id=\"field-filter\" type=\"search\" placeholder=\"\(t("offline.findHint"))\"></label>"
            // The queue: what waits to be sent, and each item's state.
            + "<section class=\"queue\"><h2>\(t("offline.queue")) <span id=\"queue-badge\" class=\"badge\" aria-live=\"polite\"></span></h2>"
            + "<p><span id=\"queue-note\" role=\"status\"></span> <span id=\"queue-why\" class=\"muted\"></span> <button type=\"button\" class=\"link\" id=\"queue-send\">\(t("offline.send"))</button></p>"
            + "<p class=\"muted\" id=\"queue-others\"></p><ol id=\"queue-items\" class=\"list queue-items\"></ol></section>"
            // Patrols and walk-ins, drawn by /static/field-work.js once the copy is on the phone.
            + "<section class=\"field-work\"><h2>\(t("offline.work"))</h2><div id=\"field-work-actions\"></div></section>"
            + "<form id=\"record-form\" class=\"card record-form\" hidden></form>"
            + "<p><span id=\"field-count\"></span> · <span id=\"field-tasks\"></span></p>"
            + "<ul id=\"field-households\" class=\"list field-households\"></ul></div>"
            + "<script type=\"module\" src=\"/static/field.js\"></script>"
        return HTMLPage(html: Layout.page(ctx, title: t("offline.title"), body))
    }
}
