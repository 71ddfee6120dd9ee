import Domain
import Foundation
import Persistence

enum CoveragePage {
    static func render(_ ctx: PageContext, grids: [GridCoverage], outlines: [Int64: GridOutline], period: Period) -> HTMLPage {
        let t = ctx.t
        let days = period.dayStrings()
        let total = grids.total
        var body = periodForm(ctx, action: Site.coverage(nil).path, period: period)
        body += "<div class=\"tiles\">" + HomePage.tile(t("coverage.households"), total.households) + HomePage.tile(t("coverage.visited"), total.visited)
            + "<div class=\"tile\"><span class=\"n\" id=\"coverage-total\">\(total.percentText)</span><span>\(t("coverage.rate"))</span></div></div>"
        body += "<p class=\"muted\">\(t("coverage.definition"))</p>"
        body += map(ctx, grids, outlines: outlines, query: "from=\(days.from)&to=\(days.to)")
        body += ExportTable.links(t, to: .coverageExport, query: "from=\(days.from)&to=\(days.to)")
        body += Layout.table([t("campaign.unit"), t("coverage.households"), t("coverage.visited"), t("coverage.rate")], lines(grids).map { l in
            let name = l.gridID.map { Layout.link(Site.unvisited($0, "from=\(days.from)&to=\(days.to)").path, l.name) } ?? HTML.text(l.name)
            return ["<span class=\"depth-\(l.depth)\">\(l.depth == 1 ? "<strong>\(name)</strong>" : name)</span>",
                    "\(l.coverage.households)", "\(l.coverage.visited)", HTML.text(l.coverage.percentText)]
        })
        return HTMLPage(html: Layout.page(ctx, title: t("coverage.title"), body))
    }

    struct Line { var depth: Int; var name: String; var gridID: Int64?; var coverage: Coverage }

    /// Each station, then each of its communities, then their grids, with subtotals (grids arrive in tree order).
    static func lines(_ grids: [GridCoverage]) -> [Line] {
        var out: [Line] = []
        for station in grids.map(\.stationName).uniqued() {
            let inStation = grids.filter { $0.stationName == station }
            out.append(Line(depth: 1, name: station, gridID: nil, coverage: inStation.total))
            for community in inStation.map(\.communityName).uniqued() {
                let inCommunity = inStation.filter { $0.communityName == community }
                out.append(Line(depth: 2, name: community, gridID: nil, coverage: inCommunity.total))
                out += inCommunity.map { Line(depth: 3, name: $0.gridName, gridID: $0.gridID, coverage: $0.coverage) }
            }
        }
        return out
    }

    /// The table as an export: the unit's level in its own column, so a spreadsheet can filter by it.
    static func table(_ t: Texts, grids: [GridCoverage], period: Period) -> ExportTable {
        let (from, to) = period.dayStrings(), levels = ["", t("coverage.level.station"), t("coverage.level.community"), t("coverage.level.grid")]
        return ExportTable(title: "\(t("coverage.title")) \(from)—\(to)",
                           headers: [t("coverage.level"), t("campaign.unit"), t("coverage.households"), t("coverage.visited"), t("coverage.rate")],
                           rows: lines(grids).map { l in
            [.text(levels[l.depth]), .text(l.name), .number(Double(l.coverage.households)), .number(Double(l.coverage.visited)), .text(l.coverage.percentText)]
        })
    }

    static func periodForm(_ ctx: PageContext, action: String, period: Period) -> HTML {
        let t = ctx.t, d = period.dayStrings()
        return HTML("<form method=\"get\" action=\"\(action)\" class=\"filters\">")
            + Layout.field("from", label: t("period.from"), value: d.from, type: "date") + Layout.field("to", label: t("period.to"), value: d.to, type: "date")
            + "<button type=\"submit\">\(t("audit.filter"))</button></form>"
    }

    /// The grids shaded from red (none visited) to green (all visited), each a link to its gaps:
    /// drawn from their imported outlines when every grid has one, otherwise as a schematic —
    /// one square per grid, a row per station — saying how many outlines are missing.
    static func map(_ ctx: PageContext, _ grids: [GridCoverage], outlines: [Int64: GridOutline], query: String) -> HTML {
        let drawn = grids.compactMap { g in outlines[g.gridID].map { (g, $0) } }
        if drawn.count == grids.count, let projection = OutlineProjection(drawn.map(\.1), width: 800) {
            return geographic(ctx, drawn, projection, query: query)
        }
        let missing: HTML = drawn.isEmpty ? "" : "<p class=\"muted\">\(ctx.t("coverage.outlinesMissing", String(grids.count - drawn.count)))</p>"
        return schematic(ctx, grids, query: query) + missing
    }

    /// Each grid with its outline (every grid on the map has one).
    static func geographic(_ ctx: PageContext, _ grids: [(GridCoverage, GridOutline)], _ projection: OutlineProjection, query: String) -> HTML {
        let pad = 4.0
        var svg: HTML = "<svg class=\"map outlines\" viewBox=\"\(-pad) \(-pad) \(projection.width + 2 * pad) \(projection.height + 2 * pad)\" role=\"img\" aria-label=\"\(ctx.t("coverage.mapOutlines"))\" xmlns=\"http://www.w3.org/2000/svg\">"
        // Labels only where a grid is big enough on screen to hold one.
        let labelled = grids.count <= 60
        for (g, outline) in grids {
            svg += "<a href=\"\(Site.unvisited(g.gridID, query).path)\"><title>\(g.stationName) \(g.communityName) \(g.gridName) \(g.coverage.percentText)</title>"
                + "<path d=\"\(projection.path(outline))\" fill=\"\(color(g.coverage.rate))\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
            if labelled {
                let (x, y) = projection.labelPoint(outline)
                svg += "<text x=\"\(Int(x))\" y=\"\(Int(y) + 10)\" text-anchor=\"middle\" font-size=\"28\" fill=\"#102030\">\(g.coverage.percentText)</text>"
            }
            svg += "</a>"
        }
        // Too many grids to write each one's rate: name the stations instead, over their grids.
        if !labelled {
            for station in grids.map(\.0.stationName).uniqued() {
                let points = grids.filter { $0.0.stationName == station }.map { projection.labelPoint($0.1) }
                let x = points.map(\.x).reduce(0, +) / Double(points.count), y = points.map(\.y).reduce(0, +) / Double(points.count)
                svg += "<text x=\"\(Int(x))\" y=\"\(Int(y) + 8)\" text-anchor=\"middle\" font-size=\"22\" fill=\"#102030\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\" pointer-events=\"none\">\(station)</text>"
            }
        }
        return svg + "</svg>"
    }

    static func schematic(_ ctx: PageContext, _ grids: [GridCoverage], query: String) -> HTML {
        let t = ctx.t
        let stations = grids.map(\.stationName).uniqued()
        let size = 72, gap = 8, label = 96
        let perRow = max(1, grids.reduce(into: [String: Int]()) { $0[$1.stationName, default: 0] += 1 }.values.max() ?? 1)
        let width = label + perRow * (size + gap), height = stations.count * (size + gap)
        var svg: HTML = "<svg class=\"map\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(t("coverage.map"))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (row, station) in stations.enumerated() {
            let y = row * (size + gap)
            svg += "<text x=\"0\" y=\"\(y + size / 2 + 5)\" font-size=\"13\">\(station)</text>"
            for (col, g) in grids.filter({ $0.stationName == station }).enumerated() {
                let x = label + col * (size + gap)
                svg += "<a href=\"\(Site.unvisited(g.gridID, query).path)\"><title>\(g.gridName) \(g.coverage.percentText)</title>"
                    + "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(size)\" height=\"\(size)\" rx=\"6\" fill=\"\(color(g.coverage.rate))\" stroke=\"#fff\"/>"
                    + "<text x=\"\(x + size / 2)\" y=\"\(y + size / 2 + 5)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#102030\">\(g.coverage.percentText)</text></a>"
            }
        }
        return svg + "</svg>"
    }

    /// Red → amber → green; grey when a grid has no households.
    static func color(_ rate: Double?) -> String {
        guard let r = rate else { return "#d9dde3" }
        let stops: [(Double, (Double, Double, Double))] = [(0, (239, 154, 154)), (0.5, (255, 213, 128)), (1, (129, 199, 132))]
        let (a, b) = r <= 0.5 ? (stops[0], stops[1]) : (stops[1], stops[2])
        let f = (r - a.0) / (b.0 - a.0)
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", mix(a.1.0, b.1.0), mix(a.1.1, b.1.1), mix(a.1.2, b.1.2))
    }
}

enum UnvisitedPage {
    /// The list as an export: what an officer takes on the round (address, members).
    static func table(_ t: Texts, grid: Domain.Unit, households: [HouseholdView]) -> ExportTable {
        ExportTable(title: t("coverage.unvisited") + " · " + grid.name, headers: [t("household.address"), t("household.residentCount")],
                    rows: households.map { [.text($0.address), .number(Double($0.residentCount))] })
    }

    static func render(_ ctx: PageContext, grid: Domain.Unit, households: [HouseholdView], period: Period) -> HTMLPage {
        let t = ctx.t, (from, to) = period.dayStrings(), export = table(t, grid: grid, households: households)
        let body = CoveragePage.periodForm(ctx, action: Site.unvisited(grid.id, nil).path, period: period)
            + ExportTable.links(t, to: .unvisitedExport(grid.id), query: "from=\(from)&to=\(to)")
            + "<p>\(t("coverage.unvisitedCount", String(households.count)))</p>"
            + Layout.table(export.headers, households.map {
                [Layout.link(Site.household($0.id).path, $0.address), "\($0.residentCount)"]
            }, empty: t("coverage.allVisited"))
        return HTMLPage(html: Layout.page(ctx, title: export.title, body))
    }
}

enum CarePage {
    /// The list as an export: who is due, where they live, when they were last visited.
    static func table(_ t: Texts, subjects: [CareSubject]) -> ExportTable {
        ExportTable(title: t("care.title"), headers: [t("resident.name"), t("household.address"), t("resident.tags"), t("care.lastVisit"), t("care.due")],
                    rows: subjects.map { s in
            [.text(s.name), .text(s.address), .text(s.tags.map { t.tag($0) }.joined(separator: "、")),
             .text(s.lastVisit.map(ChinaTime.day) ?? t("care.never")), .text(ChinaTime.day(s.due))]
        })
    }

    static func render(_ ctx: PageContext, subjects: [CareSubject], settings: WorkSettings, now: Date) -> HTMLPage {
        let t = ctx.t
        let overdue = subjects.filter { $0.due < now }.count
        let body = ExportTable.links(t, to: .careExport, query: "")
            + "<p>\(t("care.summary", String(subjects.count)).replacingOccurrences(of: "%2", with: String(overdue)))</p>"
            + "<p class=\"muted\">\(t("care.cadences", settings.careTagsInUse.map { "\(t.tag($0)) \(settings.careCadenceDays[$0]!)\(t.lang == .en ? " days" : "天")" }.joined(separator: "、")))</p>"
            + Layout.table([t("resident.name"), t("resident.tags"), t("care.lastVisit"), t("care.due")], subjects.map { s in
                [Layout.link(Site.resident(s.residentID).path, s.name) + "<br><small class=\"muted\">\(s.address)</small>",
                 s.tags.map { HTML("<span class=\"tag\">\(t.tag($0))</span>") }.joined(separator: " "),
                 HTML.text(s.lastVisit.map(ChinaTime.day) ?? t("care.never")),
                 (s.due < now ? "<strong class=\"overdue\">" : "<span>") + HTML.text(ChinaTime.day(s.due)) + (s.due < now ? "</strong>" : "</span>")]
            }, empty: t("care.none"))
        return HTMLPage(html: Layout.page(ctx, title: t("care.title"), body))
    }
}

extension Array where Element: Hashable {
    /// The elements in first-seen order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
