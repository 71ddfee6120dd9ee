import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct NoticeTests {
    /// The store keeps a notice's facts; each reader gets its words in their own language.
    @Test func aNoticeReadsInItsReadersLanguage() async throws {
        try await withJingmin { app, f in
            var resident = try await app.bearer("residentA")
            resident.contentType = .json
            let filed = try await app.testing().sendRequest(.POST, "/api/v1/requests", headers: resident,
                                                            body: ByteBuffer(string: #"{"categoryCode":"traffic","description":"路灯坏了%2"}"#))
            let id = try filed.content.decode(RequestView.self).id
            let stored = try await app.store.inbox(try await app.store.credentials(username: "leaderA")!.account.caller(clientAddress: "t"))
            #expect(stored.count == 1 && stored[0].title.isEmpty && stored[0].kind == NoticeKind.requestNew.rawValue && stored[0].objectId == id)

            let leader = try await app.bearer("leaderA")
            for (language, words) in [("zh-CN", "新诉求待交办：路灯坏了%2"), ("zh-TW", "新訴求待交辦：路灯坏了%2"), ("en", "New Request to assign: 路灯坏了%2")] {
                var headers = leader
                headers.add(name: .acceptLanguage, value: language)
                if language == "en" { headers.add(name: .cookie, value: "lang=en") }
                let notices = try await app.get("/api/v1/notifications", headers).content.decode([NoticeAnswer].self)
                #expect(notices.first?.title == words && notices.first?.link == "/requests/\(id)", "\(language): \(notices.first?.title ?? "-")")
            }
        }
    }
}
