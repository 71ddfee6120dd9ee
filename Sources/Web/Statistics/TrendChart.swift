import Domain
import Foundation

/// A week-by-week bar chart drawn on the server as SVG: no script, light, prints as it shows.
/// Each bar carries its week and value as a tooltip; the chart's label reads them all out.
enum TrendChart {
    static func svg(_ title: String, weeks: [(monday: Date, value: Int)]) -> HTML {
        let (width, height, top, bottom) = (360.0, 150.0, 16.0, 20.0)
        let top1 = max(weeks.map(\.value).max() ?? 0, 1), slot = width / Double(max(weeks.count, 1))
        func label(_ d: Date) -> String {
            let p = ChinaTime.day(d).split(separator: "-")   // 2026-11-16 → 11/16
            return "\(Int(p[1]) ?? 0)/\(Int(p[2]) ?? 0)"
        }
        let spoken = weeks.map { "\(label($0.monday)) \($0.value)" }.joined(separator: "，")
        var svg: HTML = "<figure class=\"trend\"><figcaption>\(title)</figcaption>"
            + "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)：\(spoken)\">"
        for (i, w) in weeks.enumerated() {
            let h = (height - top - bottom) * Double(w.value) / Double(top1)
            let x = Double(i) * slot + slot * 0.15, y = height - bottom - h
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(h))\"><title>\(label(w.monday))：\(w.value)</title></rect>"
            // Every other week labelled, ending with this one; the latest week's value written on it.
            if (weeks.count - 1 - i) % 2 == 0 {
                svg += "<text x=\"\(fmt(x + slot * 0.35))\" y=\"\(Int(height) - 5)\" text-anchor=\"middle\">\(label(w.monday))</text>"
            }
            if i == weeks.count - 1 || w.value == top1 {
                svg += "<text class=\"v\" x=\"\(fmt(x + slot * 0.35))\" y=\"\(fmt(y - 3))\" text-anchor=\"middle\">\(w.value)</text>"
            }
        }
        return svg + "</svg></figure>"
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
}
