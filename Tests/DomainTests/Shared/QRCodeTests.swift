import Foundation
import Testing
@testable import Domain

/// The QR encoder. The recorded codes below were each read back by zbarimg 0.23 when recorded
/// (scripts/browser_smoke.py reads a printed survey slip back the same way in every run); these
/// tests keep the encoder drawing exactly those, and check the fixed patterns a reader looks for.
@Suite struct QRCodeTests {
    static func bits(_ q: QRCode) -> String { q.modules.map { $0.map { $0 ? "1" : "0" }.joined() }.joined() }

    @Test func recordedCodesAreDrawnAgainModuleForModule() throws {
        let cases: [(String, Int, Int, UInt64)] = [
            ("http://127.0.0.1:18090/q/AbC-123_xyz", 2, 3, 0xc94ceb037bee0534),
            ("http://jingmin.example/q/" + String(repeating: "x", count: 43), 5, 5, 0x231e5c3c6b577c58),   // two blocks
            (String(repeating: "A", count: 150), 6, 8, 0x78dec46c5b614b9d),                               // four blocks, version information
        ]
        for (text, mask, version, hash) in cases {
            let q = try #require(QRCode(text, mask: mask))
            #expect(q.version == version && q.size == version * 4 + 17)
            #expect(SurveySample.fnv1a(Self.bits(q)) == hash, "\(text.prefix(30))")
        }
        #expect(QRCode(String(repeating: "A", count: 214)) == nil, "more than version 10 holds")
    }

    @Test func theFixedPatternsAreWhereAReaderLooks() throws {
        let q = try #require(QRCode("http://192.168.100.200:8080/q/" + String(repeating: "Zq9_", count: 11)))
        let n = q.size
        // Three finders: a dark ring, a light ring, a 3×3 dark centre; light separators.
        for (x0, y0) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for y in 0..<7 { for x in 0..<7 {
                let d = max(abs(x - 3), abs(y - 3))
                #expect(q.modules[y0 + y][x0 + x] == (d != 2))
            } }
        }
        for i in 8..<(n - 8) { #expect(q.modules[6][i] == (i % 2 == 0) && q.modules[i][6] == (i % 2 == 0), "timing") }
        #expect(q.modules[n - 8][8], "the dark module")
        // Left to choose, it picks one of the eight masks and the code is the one drawn with it.
        #expect((0..<8).contains(q.mask) && q == QRCode("http://192.168.100.200:8080/q/" + String(repeating: "Zq9_", count: 11), mask: q.mask))
        #expect(q.svg.hasPrefix("<svg class=\"qr\"") && !q.svg.contains("Zq9"), "the SVG carries modules, not the text")
    }
}
