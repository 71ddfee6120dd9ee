import Testing
@testable import Domain

@Suite struct CSVAndImportTests {
    @Test func quotedFieldsMayHoldCommasQuotesAndNewlines() {
        let records = CSV.parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n")
        #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func strayQuotesCarriageReturnsAndLineNumbersAreReadAsSpreadsheetsWriteThem() {
        // A quote inside an unquoted field is text; text after a closing quote joins the field;
        // CR is dropped outside quotes and kept inside; a quoted line break moves the line count on.
        let records = CSV.parse("\u{FEFF}ab\"c,\"x\"y,d\r\ne\r\nf,\"1\r\n2\n3\"\n\ng,h")
        #expect(records.map(\.fields) == [["ab\"c", "xy", "d"], ["e"], ["f", "1\r\n2\n3"], ["g", "h"]])
        #expect(records.map(\.line) == [1, 2, 3, 7])
    }

    @Test func escapeRoundTrips() {
        let values = ["plain", "with,comma", "with \"quote\"", "line\nbreak"]
        #expect(CSV.parse(CSV.line(values)).first?.fields == values)
    }

    let header = "grid_code,address,name,gender,birth_date,id_number,phone,tags\n"

    @Test func aGoodFileGroupsResidentsIntoHouseholds() throws {
        let csv = header + "G1,马小村1组1号,郭某,male,,11010519491231002X,,elderly_alone\nG1,马小村1组1号,李某,female,,110105195001010020,13812345678,\n"
        let plan = try RegisterImport.plan(csv: csv, gridCodes: ["G1"], existingIDNumbers: []).get()
        #expect(plan.rows.count == 2)
        #expect(plan.households.count == 1)
    }

    @Test func chineseHeadingsAreAccepted() throws {
        let csv = "网格编码,地址,姓名,性别,出生日期,身份证号,电话,标签\nG1,一号,郭某,男,,11010519491231002X,,\n"
        #expect(try RegisterImport.plan(csv: csv, gridCodes: ["G1"], existingIDNumbers: []).get().rows.count == 1)
    }

    @Test func wrongColumnsAreReportedOnTheHeaderRow() {
        guard case .failure(let f) = RegisterImport.plan(csv: "grid,addr,name\nG1,x,y\n", gridCodes: ["G1"], existingIDNumbers: []) else {
            Issue.record("should fail"); return
        }
        #expect(f.errors.allSatisfy { $0.row == 1 })
        #expect(f.errors.contains { $0.field == "grid" && $0.problem == .wrongColumns })
        #expect(f.errors.contains { $0.field == "id_number" && $0.problem == .required })
    }

    @Test func eachBadRowIsReportedWithItsLineAndColumn() {
        let csv = header
            + "G1,一号,甲,male,,110105194912310021,,\n"        // bad check digit (line 2)
            + "G9,二号,乙,male,,11010519491231002X,,\n"        // unknown grid (line 3)
            + "G1,三号,丙,female,,110105195001010020,,\n"      // fine (line 4)
            + "G1,四号,丁,female,,110105195001010020,,\n"      // duplicate of line 4 (line 5)
            + "G1,五号,戊,female,,110105195001010039,,\n"      // already registered (line 6)
        guard case .failure(let f) = RegisterImport.plan(csv: csv, gridCodes: ["G1"], existingIDNumbers: ["110105195001010039"]) else {
            Issue.record("should fail"); return
        }
        #expect(f.errors == [
            FieldError(field: "id_number", problem: .invalidIDCheckDigit, row: 2),
            FieldError(field: "grid_code", problem: .unknownGrid, row: 3),
            FieldError(field: "id_number", problem: .repeatedInFile, row: 5),
            FieldError(field: "id_number", problem: .duplicateIDNumber, row: 6),
        ])
    }
}
