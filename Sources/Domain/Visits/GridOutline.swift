import Foundation

/// A grid's outline on the ground: one or more polygons of (longitude, latitude) rings,
/// as in a GeoJSON `Polygon` or `MultiPolygon`. Only the outer ring of each polygon is kept —
/// the coverage map shades areas, it does not need holes.
public struct GridOutline: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var lon: Double
        public var lat: Double
        public init(lon: Double, lat: Double) { self.lon = lon; self.lat = lat }
    }

    /// Outer rings, each closed (first point repeated last).
    public var rings: [[Point]]

    public init(rings: [[Point]]) { self.rings = rings }

    /// Large enough for a surveyed grid boundary, small enough that a page of a station's
    /// grids stays light.
    public static let maxPoints = 2000

    /// Stored form: `[[[lon,lat],…],…]`, compact JSON.
    public var encoded: String {
        "[" + rings.map { ring in "[" + ring.map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    public init?(encoded: String) {
        guard let data = encoded.data(using: .utf8), let rings = try? JSONSerialization.jsonObject(with: data) as? [Any],
              !rings.isEmpty, case .success(let parsed) = Self.each(rings, Self.ring) else { return nil }
        self.rings = parsed
    }

    /// A GeoJSON geometry's outer rings: a Polygon's first ring, or each first ring of a MultiPolygon.
    static func outerRings(type: String?, coordinates: Any?) -> Result<[[Point]], FieldProblem> {
        func outer(_ polygon: Any) -> Result<[Point], FieldProblem> {
            guard let rings = polygon as? [Any], let first = rings.first else { return .failure(.malformed) }
            return ring(first)
        }
        switch type {
        case "Polygon": return outer(coordinates ?? NSNull()).map { [$0] }
        case "MultiPolygon":
            guard let polygons = coordinates as? [Any], !polygons.isEmpty else { return .failure(.malformed) }
            return each(polygons, outer)
        default: return .failure(.invalidChoice)
        }
    }

    static func each<T>(_ values: [Any], _ parse: (Any) -> Result<T, FieldProblem>) -> Result<[T], FieldProblem> {
        var out: [T] = []
        for v in values {
            switch parse(v) {
            case .success(let x): out.append(x)
            case .failure(let p): return .failure(p)
            }
        }
        return .success(out)
    }

    /// A closed ring of at least four positions (a triangle), longitude first, within range.
    static func ring(_ value: Any) -> Result<[Point], FieldProblem> {
        guard let positions = value as? [Any] else { return .failure(.malformed) }
        guard positions.count <= maxPoints else { return .failure(.tooLarge) }
        var ring: [Point] = []
        for position in positions {
            guard let pair = position as? [Any], pair.count >= 2,
                  let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue,
                  lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else { return .failure(.malformed) }
            ring.append(Point(lon: lon, lat: lat))
        }
        guard ring.count >= 4, ring.first == ring.last else { return .failure(.malformed) }
        return .success(ring)
    }

    /// The grids of a GeoJSON FeatureCollection: each feature's `properties.code` names a grid,
    /// its geometry is a Polygon or MultiPolygon. All features are checked; any problem refuses
    /// the whole file (field `features.N.code` / `features.N.geometry`, N counted from 0).
    /// `gridCodes`: the grids the importer may outline.
    public static func parseFeatureCollection(_ data: Data, gridCodes: Set<String>) -> Result<[(code: String, outline: GridOutline)], ValidationFailure> {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any], !features.isEmpty else {
            return .failure(ValidationFailure(field: "body", .malformed))
        }
        var result: [(code: String, outline: GridOutline)] = [], errors: [FieldError] = [], seen = Set<String>()
        for (i, value) in features.enumerated() {
            let feature = value as? [String: Any] ?? [:]
            let code = (feature["properties"] as? [String: Any])?["code"] as? String ?? ""
            if code.isEmpty {
                errors.append(FieldError(field: "features.\(i).code", problem: .required))
            } else if !gridCodes.contains(code) {
                errors.append(FieldError(field: "features.\(i).code", problem: .unknownGrid))
            } else if !seen.insert(code).inserted {
                errors.append(FieldError(field: "features.\(i).code", problem: .repeatedInFile))
            }
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            switch outerRings(type: geometry["type"] as? String, coordinates: geometry["coordinates"]) {
            case .success(let rings) where rings.reduce(0, { $0 + $1.count }) > maxPoints:
                errors.append(FieldError(field: "features.\(i).geometry", problem: .tooLarge))
            case .success(let rings): result.append((code, GridOutline(rings: rings)))
            case .failure(let p): errors.append(FieldError(field: "features.\(i).geometry", problem: p))
            }
        }
        return errors.isEmpty ? .success(result) : .failure(ValidationFailure(errors))
    }
}

/// Fits outlines into an SVG box: longitude scaled by the cosine of the middle latitude so
/// a square on the ground stays square, north up.
public struct OutlineProjection: Sendable {
    public let width: Double, height: Double
    let minLon: Double, maxLat: Double, scale: Double, lonFactor: Double

    public init?(_ outlines: [GridOutline], width: Double) {
        let points = outlines.flatMap { $0.rings.flatMap { $0 } }
        guard let minLon = points.map(\.lon).min(), let maxLon = points.map(\.lon).max(),
              let minLat = points.map(\.lat).min(), let maxLat = points.map(\.lat).max() else { return nil }
        let lonFactor = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = (maxLon - minLon) * lonFactor, spanY = maxLat - minLat
        guard spanX > 0, spanY > 0 else { return nil }
        self.minLon = minLon; self.maxLat = maxLat; self.lonFactor = lonFactor
        self.width = width; scale = width / spanX; height = (spanY * scale).rounded(.up)
    }

    public func point(_ p: GridOutline.Point) -> (x: Double, y: Double) {
        ((p.lon - minLon) * lonFactor * scale, (maxLat - p.lat) * scale)
    }

    /// An SVG path (`M … L … Z` per ring), coordinates to a tenth of a unit.
    public func path(_ outline: GridOutline) -> String {
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        return outline.rings.map { ring in
            ring.dropLast().enumerated().map { i, p in
                let (x, y) = point(p)
                return (i == 0 ? "M" : "L") + f(x) + " " + f(y)
            }.joined(separator: " ") + " Z"
        }.joined(separator: " ")
    }

    /// Where to put a grid's label: the mean of its first ring's corners.
    public func labelPoint(_ outline: GridOutline) -> (x: Double, y: Double) {
        let ring = outline.rings[0].dropLast()
        let pts = ring.map(point)
        return (pts.map(\.x).reduce(0, +) / Double(pts.count), pts.map(\.y).reduce(0, +) / Double(pts.count))
    }
}
