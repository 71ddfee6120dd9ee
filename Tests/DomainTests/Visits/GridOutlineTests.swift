import Foundation
import Testing
@testable import Domain

@Suite struct GridOutlineTests {
    func collection(_ features: String) -> Data { Data("{\"type\":\"FeatureCollection\",\"features\":[\(features)]}".utf8) }
    func feature(_ code: String, _ type: String, _ coordinates: String) -> String {
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(code)\"},\"geometry\":{\"type\":\"\(type)\",\"coordinates\":\(coordinates)}}"
    }
    let square = "[[104,30],[104.01,30],[104.01,30.01],[104,30.01],[104,30]]"

    @Test func aPolygonKeepsItsOuterRingAndAMultiPolygonEachOfItsParts() throws {
        let hole = "[[104.002,30.002],[104.004,30.002],[104.004,30.004],[104.002,30.002]]"
        let parsed = try GridOutline.parseFeatureCollection(collection(
            feature("G1", "Polygon", "[\(square),\(hole)]") + "," + feature("G2", "MultiPolygon", "[[\(square)],[\(square)]]")), gridCodes: ["G1", "G2"]).get()
        #expect(parsed.map(\.code) == ["G1", "G2"])
        #expect(parsed[0].outline.rings.count == 1 && parsed[0].outline.rings[0].count == 5)
        #expect(parsed[1].outline.rings.count == 2)
        // The stored form reads back as the same outline.
        #expect(GridOutline(encoded: parsed[0].outline.encoded) == parsed[0].outline)
    }

    @Test func everyBadFeatureIsNamedAndNothingIsReturned() {
        let open = "[[[104,30],[104.01,30],[104.01,30.01],[104,30.01]]]"
        let swapped = "[[[30,104],[30,104.01],[30.01,104.01],[30,104]]]"
        let result = GridOutline.parseFeatureCollection(collection([
            feature("G1", "Polygon", open), feature("G2", "Point", "[104,30]"), feature("", "Polygon", "[\(square)]"),
            feature("G1", "Polygon", "[\(square)]"), feature("X9", "Polygon", "[\(square)]"), feature("G3", "Polygon", swapped),
        ].joined(separator: ",")), gridCodes: ["G1", "G2", "G3"])
        guard case .failure(let f) = result else { Issue.record("accepted a bad file"); return }
        #expect(f.errors == [
            FieldError(field: "features.0.geometry", problem: .malformed),       // ring not closed
            FieldError(field: "features.1.geometry", problem: .invalidChoice),   // not an area
            FieldError(field: "features.2.code", problem: .required),
            FieldError(field: "features.3.code", problem: .repeatedInFile),
            FieldError(field: "features.4.code", problem: .unknownGrid),
            FieldError(field: "features.5.geometry", problem: .malformed),       // latitude 104 does not exist
        ])
        #expect(GridOutline.parseFeatureCollection(Data("{\"type\":\"Feature\"}".utf8), gridCodes: []) == .failure(ValidationFailure(field: "body", .malformed)))
    }

    @Test func aHugeRingIsRefused() {
        let ring = (0..<2001).map { "[\(104 + Double($0) * 1e-5),30]" }.joined(separator: ",")
        let result = GridOutline.parseFeatureCollection(collection(feature("G1", "Polygon", "[[\(ring),[104,30]]]")), gridCodes: ["G1"])
        #expect(result == .failure(ValidationFailure([FieldError(field: "features.0.geometry", problem: .tooLarge)])))
    }

    @Test func theProjectionKeepsNorthUpAndASquareOnTheGroundSquare() throws {
        // 0.01° of longitude at 60°N is half as long as 0.01° of latitude.
        let outline = GridOutline(rings: [[.init(lon: 10, lat: 60), .init(lon: 10.02, lat: 60), .init(lon: 10.02, lat: 60.01),
                                           .init(lon: 10, lat: 60.01), .init(lon: 10, lat: 60)]])
        let p = try #require(OutlineProjection([outline], width: 100))
        #expect(abs(p.height - 100) <= 1)
        let nw = p.point(.init(lon: 10, lat: 60.01)), se = p.point(.init(lon: 10.02, lat: 60))
        #expect(nw.x == 0 && nw.y == 0)
        #expect(abs(se.x - 100) < 1e-6 && abs(se.y - p.height) < 1)
        #expect(p.path(outline).hasPrefix("M0.0 ") && p.path(outline).hasSuffix(" Z"))
    }
}

extension Result where Success == [(code: String, outline: GridOutline)], Failure == ValidationFailure {
    static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.failure(let x), .failure(let y)): x == y
        default: false
        }
    }
}
