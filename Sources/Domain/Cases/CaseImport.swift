import Foundation

/// 案件类别. 性侵 and 家暴 are sensitive: their victims are seen only by the officer who visits
/// them and by leaders.
public enum CaseType: String, Sendable, Codable, CaseIterable {
    case theft, fraud, robbery, assault
    case sexualAssault = "sexual_assault"
    case domesticViolence = "domestic_violence"
    case other

    public var chineseName: String {
        switch self {
        case .theft: "盗窃"
        case .fraud: "诈骗"
        case .robbery: "抢劫"
        case .assault: "伤害"
        case .sexualAssault: "性侵"
        case .domesticViolence: "家暴"
        case .other: "其他"
        }
    }

    public var isSensitive: Bool { self == .sexualAssault || self == .domesticViolence }

    /// A code or its Chinese name, as a records system exports it.
    public init?(text: String) {
        guard let t = Self(rawValue: text) ?? Self.allCases.first(where: { $0.chineseName == text }) else { return nil }
        self = t
    }
}

/// 警情+回访: criminal cases and their victims from the records system, one CSV row per victim;
/// rows of one case number repeat the case's columns and must agree on them.
public enum CaseImport {
    public static let columns = ["case_number", "case_type", "occurred_at", "address", "grid_code", "case_unit",
                                 "victim_name", "victim_id_number", "victim_phone", "victim_address"]
    public static let chineseHeadings = ["案件编号", "案件类别", "发案时间", "发案地址", "网格编码", "办案单位",
                                         "被害人姓名", "被害人身份证号", "被害人电话", "被害人住址"]
    static let required: Set<String> = ["case_number", "case_type", "occurred_at", "address", "case_unit", "victim_name", "victim_id_number"]
    public static let maxCaseNumber = 40, maxText = 200

    public struct Case: Sendable, Equatable {
        public var line: Int
        public var number: String
        public var type: CaseType
        public var occurredAt: Date
        public var address: String
        public var gridCode: String
        public var unitCode: String
    }

    public struct Victim: Sendable, Equatable {
        public var line: Int
        public var caseNumber: String
        public var name: String
        public var idNumber: String
        public var phone: String?
        public var address: String
    }

    public struct Plan: Sendable, Equatable {
        public var cases: [Case]
        public var victims: [Victim]
    }

    /// Where the checks look things up: the grids and stations the importer may write to, and the
    /// grid of each address that is found in exactly one grid.
    public struct Reach: Sendable {
        public var gridCodes: Set<String>
        public var unitCodes: Set<String>
        public var gridOfAddress: [String: String]
        public init(gridCodes: Set<String>, unitCodes: Set<String>, gridOfAddress: [String: String]) {
            self.gridCodes = gridCodes; self.unitCodes = unitCodes; self.gridOfAddress = gridOfAddress
        }
    }

    /// Every row checked; nothing is imported unless this succeeds. Problems are named by row and column.
    public static func plan(csv text: String, reach: Reach) -> Result<Plan, ValidationFailure> {
        read(text).flatMap { plan($0, reach: reach) }
    }

    /// The file against the case columns; fails only for its header.
    public static func read(_ text: String) -> Result<CSVTable, ValidationFailure> {
        CSVTable.read(text, columns: columns, headings: chineseHeadings, required: required)
    }

    /// Addresses of rows that name no grid: the caller finds the one grid each is registered in.
    public static func addressesWithoutGrid(in table: CSVTable) -> [String] {
        Array(Set(table.rows.filter { $0["grid_code"].isEmpty && !$0["address"].isEmpty }.map { $0["address"] }))
    }

    public static func plan(_ table: CSVTable, reach: Reach) -> Result<Plan, ValidationFailure> {
        // Each row is checked on its own on every core; what rows must agree on is checked after, in order.
        let checked = table.rows.concurrentMap { check($0, reach: reach) }
        var errors = table.errors
        var cases: [Case] = [], victims: [Victim] = []
        var caseIndex: [String: Int] = [:], victimsSeen = Set<String>()
        caseIndex.reserveCapacity(checked.count); victimsSeen.reserveCapacity(checked.count)
        cases.reserveCapacity(checked.count); victims.reserveCapacity(checked.count)
        for row in checked {
            var rowErrors = row.errors
            func fail(_ column: String, _ p: FieldProblem) { rowErrors.append(FieldError(field: column, problem: p, row: row.line)) }
            if let key = row.victimKey, !victimsSeen.insert(key).inserted { fail("victim_id_number", .repeatedInFile) }
            if rowErrors.isEmpty, let c = row.case, let v = row.victim {
                if let i = caseIndex[c.number] {
                    // A case's later rows repeat it: they must say the same.
                    let first = cases[i]
                    if (first.type, first.occurredAt, first.address, first.gridCode, first.unitCode) != (c.type, c.occurredAt, c.address, c.gridCode, c.unitCode) {
                        fail("case_number", .inconsistentCase)
                    }
                } else {
                    caseIndex[c.number] = cases.count
                    cases.append(c)
                }
                if rowErrors.isEmpty { victims.append(v) }
            }
            errors += rowErrors
        }
        return errors.isEmpty ? .success(Plan(cases: cases, victims: victims)) : .failure(ValidationFailure(errors))
    }

    /// One row's own checks; a row without problems gives its case and its victim. A valid ID number
    /// gives the key that must not repeat in the file.
    private static func check(_ row: CSVTable.Row, reach: Reach) -> (line: Int, errors: [FieldError], victimKey: String?, case: Case?, victim: Victim?) {
        var errors: [FieldError] = []
        func fail(_ column: String, _ p: FieldProblem) { errors.append(FieldError(field: column, problem: p, row: row.line)) }
        let number = row["case_number"]
        if number.isEmpty { fail("case_number", .required) } else if number.count > maxCaseNumber { fail("case_number", .tooLong) }
        let type = CaseType(text: row["case_type"])
        if type == nil { fail("case_type", .invalidChoice) }
        let occurred = ChinaTime.parseFormInput(row["occurred_at"])
            ?? Period.days(from: row["occurred_at"], to: row["occurred_at"])?.start
        if occurred == nil { fail("occurred_at", .invalidDate) }
        let address = row["address"], unit = row["case_unit"]
        if address.isEmpty { fail("address", .required) } else if address.count > maxText { fail("address", .tooLong) }
        if !reach.unitCodes.contains(unit) { fail("case_unit", .unknownUnit) }
        var grid = row["grid_code"]
        if grid.isEmpty { grid = reach.gridOfAddress[address] ?? "" }
        if !reach.gridCodes.contains(grid) { fail("grid_code", .unknownGrid) }
        let name = row["victim_name"], victimAddress = row["victim_address"]
        if name.isEmpty { fail("victim_name", .required) } else if name.count > 50 { fail("victim_name", .tooLong) }
        if victimAddress.count > maxText { fail("victim_address", .tooLong) }
        let id = IDNumber.normalize(row["victim_id_number"])
        let idProblem = IDNumber.validate(id)
        switch idProblem {
        case .length?, .characters?: fail("victim_id_number", .invalidIDNumber)
        case .birthDate?: fail("victim_id_number", .invalidIDBirthDate)
        case .checkDigit?: fail("victim_id_number", .invalidIDCheckDigit)
        case nil: break
        }
        let victimKey = idProblem == nil ? number + "|" + id : nil
        let phone = PhoneNumber.normalize(row["victim_phone"])
        if !phone.isEmpty && !PhoneNumber.isValid(phone) { fail("victim_phone", .invalidPhone) }
        guard errors.isEmpty, let type, let occurred else { return (row.line, errors, victimKey, nil, nil) }
        return (row.line, [], victimKey, Case(line: row.line, number: number, type: type, occurredAt: occurred, address: address, gridCode: grid, unitCode: unit),
                Victim(line: row.line, caseNumber: number, name: name, idNumber: id, phone: phone.isEmpty ? nil : phone, address: victimAddress))
    }
}
