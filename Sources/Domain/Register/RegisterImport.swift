import Foundation

/// 基础台账导入: one CSV row per resident; rows with the same grid and address form one household.
public enum RegisterImport {
    /// Column codes in export order, with the Chinese headings also accepted on import.
    public static let columns = ["grid_code", "address", "name", "gender", "birth_date", "id_number", "phone", "tags"]
    public static let chineseHeadings = ["网格编码", "地址", "姓名", "性别", "出生日期", "身份证号", "电话", "标签"]
    static let required: Set<String> = ["grid_code", "address", "name", "gender", "id_number"]

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var gridCode: String
        public var address: String
        public var resident: ValidResident
    }

    public struct Plan: Sendable, Equatable {
        public let rows: [Row]
        /// Distinct (grid, address) pairs in first-seen order.
        public let households: [HouseholdKey]

        init(rows: [Row]) {
            self.rows = rows
            var seen = Set<HouseholdKey>()
            households = rows.map { HouseholdKey(gridCode: $0.gridCode, address: $0.address) }.filter { seen.insert($0).inserted }
        }
    }

    public struct HouseholdKey: Sendable, Hashable {
        public var gridCode: String
        public var address: String
        public init(gridCode: String, address: String) { self.gridCode = gridCode; self.address = address }
    }

    /// Validates the whole file. Nothing is imported unless this returns `.success`.
    /// - Parameters:
    ///   - gridCodes: codes of the grids the importer may write to.
    ///   - existingIDNumbers: normalized ID numbers already in the register.
    public static func plan(csv text: String, gridCodes: Set<String>, existingIDNumbers: Set<String>) -> Result<Plan, ValidationFailure> {
        read(text).flatMap { plan($0, gridCodes: gridCodes, existingIDNumbers: existingIDNumbers) }
    }

    /// The file against the register's columns; fails only for its header.
    public static func read(_ text: String) -> Result<CSVTable, ValidationFailure> {
        CSVTable.read(text, columns: columns, headings: chineseHeadings, required: required)
    }

    public static func plan(_ table: CSVTable, gridCodes: Set<String>, existingIDNumbers: Set<String>) -> Result<Plan, ValidationFailure> {
        var errors = table.errors
        var rows: [Row] = []
        var firstLineOfID: [String: Int] = [:]
        for record in table.rows {
            let value = { (column: String) in record[column] }   // trimmed and restored by CSVTable
            var rowErrors: [FieldError] = []
            let grid = value("grid_code"), address = value("address")
            if grid.isEmpty { rowErrors.append(FieldError(field: "grid_code", problem: .required, row: record.line)) }
            else if !gridCodes.contains(grid) { rowErrors.append(FieldError(field: "grid_code", problem: .unknownGrid, row: record.line)) }
            if address.isEmpty { rowErrors.append(FieldError(field: "address", problem: .required, row: record.line)) }
            let input = ResidentInput(name: value("name"), gender: value("gender"), birthDate: value("birth_date"),
                                      idNumber: value("id_number"), phone: value("phone"), tags: [value("tags")])
            switch ResidentRules.validate(input, row: record.line) {
            case .failure(let f):
                rowErrors += f.errors.map { FieldError(field: columnName(forField: $0.field), problem: $0.problem, row: $0.row) }
            case .success(let resident):
                if existingIDNumbers.contains(resident.idNumber) {
                    rowErrors.append(FieldError(field: "id_number", problem: .duplicateIDNumber, row: record.line))
                } else if firstLineOfID[resident.idNumber] != nil {
                    rowErrors.append(FieldError(field: "id_number", problem: .repeatedInFile, row: record.line))
                } else {
                    firstLineOfID[resident.idNumber] = record.line
                }
                if rowErrors.isEmpty { rows.append(Row(line: record.line, gridCode: grid, address: address, resident: resident)) }
            }
            errors += rowErrors
        }
        return errors.isEmpty ? .success(Plan(rows: rows)) : .failure(ValidationFailure(errors))
    }

    static func columnName(forField field: String) -> String {
        switch field {
        case "birthDate": "birth_date"
        case "idNumber": "id_number"
        default: field
        }
    }
}

extension RegisterImport {
    /// The well-formed ID numbers a file mentions, so the caller can look up which already exist
    /// before validating (the register stores only keyed hashes of them).
    public static func idNumberCandidates(in table: CSVTable) -> [String] {
        table.rows.compactMap { row in
            let id = IDNumber.normalize(row["id_number"])
            return IDNumber.validate(id) == nil ? id : nil
        }
    }
}
