import Domain
import Foundation
import Vapor
import ZIPFoundation

/// A table as shown on a page, ready to leave as CSV or XLSX: the same headers and cells, so
/// an export never disagrees with the screen.
struct ExportTable: Sendable {
    enum Cell: Sendable, Equatable {
        case text(String), number(Double)
        /// As a CSV field or a printed table shows it: whole numbers without ".0".
        var text: String {
            switch self {
            case .text(let s): s
            case .number(let n): n == n.rounded() ? String(Int64(n)) : String(n)
            }
        }
        /// As written into a CSV or XLSX file: text that a spreadsheet would run as a formula is
        /// neutralised (`CSV.neutralised`); numbers stay numbers.
        var exported: String {
            switch self {
            case .text(let s): CSV.neutralised(s)
            case .number: text
            }
        }
    }
    var title: String
    var headers: [String]
    var rows: [[Cell]]

    enum Format: String { case csv, xlsx }

    /// Several tables: one CSV one after another (a blank line between), or one XLSX sheet each.
    /// `?format=csv|xlsx` (XLSX when absent or unknown).
    static func response(_ tables: [ExportTable], for req: Request, filename: String) throws -> Response {
        let format = Format(rawValue: req.query[String.self, at: "format"] ?? "") ?? .xlsx
        var headers = HTTPHeaders()
        let data: Data
        switch format {
        case .csv:
            // The BOM makes Excel read the file as UTF-8 (Chinese text otherwise garbles).
            data = Data(("\u{FEFF}" + tables.map(\.csv).joined(separator: "\r\n")).utf8)
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        case .xlsx:
            data = try XLSX.workbook(tables)
            headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        let name = "\(filename).\(format.rawValue)"
        headers.replaceOrAdd(name: .contentDisposition,
                             value: "attachment; filename=\"export.\(format.rawValue)\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export")")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// The "导出：Excel (XLSX) · CSV" line under a list or dashboard; `query` keeps its filters.
    static func links(_ t: Texts, to export: Site, query: String) -> HTML {
        "<p class=\"exports\">\(t("export.label"))：" + Layout.link("\(export.path)?format=xlsx&\(query)", "Excel (XLSX)") + " · "
            + Layout.link("\(export.path)?format=csv&\(query)", "CSV") + "</p>"
    }

    var csv: String {
        ([headers.map { Cell.text($0) }] + rows).map { row in row.map { CSV.escape($0.exported) }.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// The smallest valid Office Open XML workbook: one worksheet per table, text as inline
/// strings, numbers as numbers, the header row bold.
enum XLSX {
    static func workbook(_ tables: [ExportTable]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let sheets = tables.indices.map { "sheet\($0 + 1)" }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheets.map { "<Override PartName=\"/xl/worksheets/\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            \(tables.enumerated().map { i, t in "<sheet name=\"\(xmlEscaped(sheetName(t.title, i)))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }.joined())</sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheets.enumerated().map { i, s in "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/\(s).xml\"/>" }.joined())\
            <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        try add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>\
            <cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>
            """)
        for (i, t) in tables.enumerated() {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (r, row) in ([t.headers.map { ExportTable.Cell.text($0) }] + t.rows).enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = column(c) + String(r + 1), style = r == 0 ? " s=\"1\"" : ""
                    switch cell {
                    case .text: xml += "<c r=\"\(ref)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(xmlEscaped(cell.exported))</t></is></c>"
                    case .number: xml += "<c r=\"\(ref)\"\(style)><v>\(cell.text)</v></c>"
                    }
                }
                xml += "</row>"
            }
            try add("xl/worksheets/\(sheets[i]).xml", xml + "</sheetData></worksheet>")
        }
        guard let data = archive.data else { throw Abort(.internalServerError) }
        return data
    }

    /// A1-style column letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ i: Int) -> String {
        var n = i + 1, out = ""
        while n > 0 { let r = (n - 1) % 26; out = String(UnicodeScalar(65 + r)!) + out; n = (n - 1) / 26 }
        return out
    }

    /// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    static func sheetName(_ title: String, _ i: Int) -> String {
        let clean = String(title.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return clean.isEmpty ? "Sheet\(i + 1)" : clean
    }
}
