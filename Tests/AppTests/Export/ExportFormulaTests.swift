import Domain
import Foundation
import Persistence
import Testing
import VaporTesting
import ZIPFoundation
@testable import Web

/// Text that a spreadsheet would run as a formula leaves Jingmin as text, in every export.
@Suite(.serialized) struct ExportFormulaTests {
    static let formula = #"=HYPERLINK("http://x.example/","点我")"#
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    @Test func noExportedCellStartsAFormula() async throws {
        try await withJingmin { app, f in
            let s = app.store, leader = try await s.credentials(username: "leaderA")!.account.caller(clientAddress: "t")
            let cli = Caller.commandLine(user: "t")
            // Formula-like text wherever a user can type some that an export shows.
            let household = try await s.createHousehold(gridID: f.gridA.id, address: "+cmd|' /C calc'!A0", cli)
            _ = try await s.createResident(householdID: household.id, ResidentInput(name: "@郭秀兰", gender: "female", birthDate: nil,
                                                                                  idNumber: "110105195505050034", phone: nil, tags: ["elderly_alone"]), cli)
            _ = try await s.createRequest(RequestInput(categoryCode: "traffic", description: Self.formula, address: "-2+3", gridID: f.gridA.id),
                                          origin: RequestOrigin(channel: .hotline), leader)
            _ = try await s.createMeeting(MeetingInput(unitID: f.gridA.id, kind: "forum", heldOn: ChinaTime.day(TestClock.reference), place: "=1+1",
                                                       attendance: Attendance(residents: 3), minutes: "", evaluation: Evaluation(satisfied: 3)), leader)
            let stationA = try await s.unit(code: "SA", cli)
            let campaign = try await s.createCampaign(CampaignInput(name: "=SUM(A1)", startDate: ChinaTime.day(TestClock.reference),
                                                                    endDate: ChinaTime.day(TestClock.reference.addingTimeInterval(9 * 86400)),
                                                                    unitIDs: [stationA.id], target: "households"), cli)

            let web = try await WebSession.signedIn(app, "leaderA")
            let exports = ["/requests/export", "/meetings/export", "/campaigns/\(campaign.id)/export", "/dashboard/export", "/coverage/export",
                           "/care/export", "/units/\(f.gridA.id)/unvisited/export"]
            var cells: [String] = []
            for path in exports {
                let csv = try await web.get(path + "?format=csv")
                #expect(csv.status == .ok, "\(path)")
                cells += CSV.parse(csv.body.string).flatMap(\.fields).map { "\(path) csv: \($0)" }
                let xlsx = try await web.get(path + "?format=xlsx")
                #expect(xlsx.status == .ok, "\(path)")
                cells += try Self.textCells(xlsx: Data(buffer: xlsx.body)).map { "\(path) xlsx: \($0)" }
            }
            var register = ""
            _ = try await s.exportRegister(leader) { register += $0 }
            cells += CSV.parse(register).flatMap(\.fields).map { "register: \($0)" }

            let live = cells.filter { cell in cell.split(separator: ": ", maxSplits: 1).last.flatMap(\.first).map(Self.triggers.contains) == true }
            #expect(live.isEmpty, "\(live)")
            // The texts are there, as text: the test cannot pass by leaving them out.
            for shown in ["'" + Self.formula, "'+cmd|' /C calc'!A0", "'@郭秀兰"] {
                #expect(cells.contains { $0.hasSuffix(": " + shown) }, "\(shown)")
            }
            // Numbers stay numbers: the XLSX writes counts as <v> values.
            let dashboard = try await web.get("/dashboard/export?format=xlsx")
            #expect(try Self.sheets(Data(buffer: dashboard.body)).contains { $0.contains("<v>") })
        }
    }

    @Test func theRegisterImportReadsItsOwnNeutralisedExportBack() {
        #expect(CSV.neutralised("=A1") == "'=A1" && CSV.neutralised("甲街1号") == "甲街1号" && CSV.neutralised("'x") == "'x")
        #expect(CSV.restored("'=A1") == "=A1" && CSV.restored("'x") == "'x")
    }

    static func sheets(_ data: Data) throws -> [String] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.filter { $0.path.hasPrefix("xl/worksheets/") }.map { entry in
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text of every inline-string cell, XML entities decoded.
    static func textCells(xlsx: Data) throws -> [String] {
        try sheets(xlsx).flatMap { xml in
            xml.components(separatedBy: "<t xml:space=\"preserve\">").dropFirst().map { part in
                String(part.prefix { $0 != "<" }).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
        }
    }
}
