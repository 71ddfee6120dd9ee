import Foundation
import Testing
import VaporTesting
@testable import Web

@Suite struct CatalogTests {
    /// %@, %1, %2 … as a text uses them.
    static func placeholders(_ s: String) -> [String] {
        s.matches(of: /%[@0-9]/).map { String($0.output) }.sorted()
    }

    @Test func everyKeyReadsInAllThreeLanguagesWithTheSamePlaceholders() {
        var problems: [String] = []
        for (key, e) in Catalog.strings {
            if e.zh.isEmpty || e.hant.isEmpty || e.en.isEmpty { problems.append("\(key): a language is empty") }
            let p = Self.placeholders(e.zh)
            if Self.placeholders(e.hant) != p || Self.placeholders(e.en) != p { problems.append("\(key): placeholders differ") }
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(Catalog.strings.count > 500)
    }

    @Test func aFirstVisitFromATraditionalChineseBrowserReadsTraditional() {
        #expect(Language.pick(cookie: nil, acceptLanguage: "zh-TW,zh;q=0.9,en;q=0.8") == .zhHant)
        #expect(Language.pick(cookie: nil, acceptLanguage: "zh-HK") == .zhHant)
        #expect(Language.pick(cookie: nil, acceptLanguage: "en;q=0.5, zh-Hant-TW") == .zhHant)
        #expect(Language.pick(cookie: nil, acceptLanguage: "zh-CN,zh;q=0.9,zh-TW;q=0.8") == .zhHans)
        #expect(Language.pick(cookie: nil, acceptLanguage: "en-US,en;q=0.9") == .zhHans)
        #expect(Language.pick(cookie: nil, acceptLanguage: nil) == .zhHans)
        #expect(Language.pick(cookie: "en", acceptLanguage: "zh-TW") == .en)   // the switch's choice wins
    }

    @Test func thePagesAndTheirErrorsSpeakTraditionalWhenAsked() async throws {
        try await withJingmin { app, _ in
            var headers = HTTPHeaders()
            headers.add(name: .acceptLanguage, value: "zh-TW")
            let login = try await app.testing().sendRequest(.GET, "/login", headers: headers).body.string
            #expect(login.contains(#"<html lang="zh-Hant">"#) && login.contains("社區警務工作平臺"))
            #expect(login.contains(#"<span aria-current="true">繁體</span>"#) && login.contains(">简体</a>") && login.contains(">English</a>"))
            // problem+json in the caller's language too.
            headers.contentType = .json
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: headers, body: ByteBuffer(string: #"{"username":"a\u0000","password":"x"}"#))
            #expect(refused.status == .badRequest && refused.body.string.contains(Catalog.strings["problem.controlCharacter"]!.hant))
        }
    }
}
