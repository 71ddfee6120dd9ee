import Foundation

/// Made-up grid outlines for the demo, as the GeoJSON an administrator would import: each
/// station a block of neighbouring grids (a community's grids side by side), corners shared
/// between neighbours and nudged off the straight lattice so the map reads like a map.
enum DemoOutlines {
    /// `grids` in tree order, each with its station's code.
    static func geojson(grids: [(station: String, code: String)]) -> Data {
        let stations = grids.map(\.station).uniqued()
        let largest = stations.map { s in grids.filter { $0.station == s }.count }.max() ?? 1
        let rows = max(1, Int(Double(largest).squareRoot().rounded(.down))), cols = (largest + rows - 1) / rows
        let blocksPerRow = min(stations.count, 5)
        let cell = 0.012, origin = (lon: 104.0, lat: 30.9)
        // The same lattice corner gets the same nudge in every grid that shares it.
        func corner(_ i: Int, _ j: Int) -> (Double, Double) {
            var h = UInt64(bitPattern: Int64(i &* 73_856_093 ^ j &* 19_349_663))
            h = (h ^ (h >> 33)) &* 0xff51afd7ed558ccd
            let dx = Double(h & 0xffff) / 65_535 - 0.5, dy = Double((h >> 16) & 0xffff) / 65_535 - 0.5
            return (origin.lon + (Double(i) + dx * 0.35) * cell, origin.lat - (Double(j) + dy * 0.35) * cell)
        }
        var features: [[String: Any]] = []
        for (b, station) in stations.enumerated() {
            let bx = (b % blocksPerRow) * (cols + 1), by = (b / blocksPerRow) * (rows + 1)
            for (k, g) in grids.filter({ $0.station == station }).enumerated() {
                // Down one column and up the next, so consecutive grids touch.
                let c = k / rows, r = c % 2 == 0 ? k % rows : rows - 1 - k % rows
                let (i, j) = (bx + c, by + r)
                let ring = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1), corner(i, j)].map { [$0.0, $0.1] }
                features.append(["type": "Feature", "properties": ["code": g.code], "geometry": ["type": "Polygon", "coordinates": [ring]]])
            }
        }
        return try! JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
    }
}
