import Testing
@testable import Web

/// A printed survey link must open on a resident's phone: the configured public address when
/// there is one, else the host the leader used, https behind TLS.
@Suite struct PrintedLinkTests {
    @Test func aPrintedLinkStartsWithThePublicAddressOrTheHostUsed() {
        #expect(SurveyWebController.linkBase(publicURL: "https://jingmin.example.gov.cn/", host: "10.0.0.5:8080", secure: false) == "https://jingmin.example.gov.cn")
        #expect(SurveyWebController.linkBase(publicURL: nil, host: "jingmin.example.gov.cn", secure: true) == "https://jingmin.example.gov.cn")
        #expect(SurveyWebController.linkBase(publicURL: nil, host: "127.0.0.1:8080", secure: false) == "http://127.0.0.1:8080")
    }
}
