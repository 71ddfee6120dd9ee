import Foundation

/// An import file read against its columns: the header may use the column codes or their Chinese
/// headings, in any order; every cell is trimmed, restored from export neutralisation and checked
/// for control characters. Problems carry the file's row and the column's code.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        /// The cells in the order of the table's columns; `position` is shared by every row.
        var values: [String]
        let position: [String: Int]
        public subscript(column: String) -> String { position[column].map { values[$0] } ?? "" }
    }

    public var rows: [Row]
    /// Problems found while reading the rows (control characters, a wrong number of cells).
    public var errors: [FieldError]

    /// Fails only for the header: an unknown column or a required one missing.
    public static func read(_ text: String, columns: [String], headings: [String], required: Set<String>) -> Result<CSVTable, ValidationFailure> {
        let records = CSV.parse(text)
        guard let header = records.first else { return .failure(ValidationFailure([FieldError(field: "header", problem: .wrongColumns, row: 1)])) }
        var index: [String: Int] = [:], errors: [FieldError] = []
        for (i, raw) in header.fields.enumerated() {
            let h = raw.trimmed
            if let at = columns.firstIndex(of: h) ?? headings.firstIndex(of: h) { index[columns[at]] = i }
            else { errors.append(FieldError(field: h.isEmpty ? "(\(i + 1))" : h, problem: .wrongColumns, row: header.line)) }
        }
        for missing in required.subtracting(index.keys).sorted() { errors.append(FieldError(field: missing, problem: .required, row: header.line)) }
        guard errors.isEmpty else { return .failure(ValidationFailure(errors)) }
        let present = columns.filter { index[$0] != nil }
        let position = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, $0) })
        let cells = present.map { index[$0]! }, width = header.fields.count
        // Rows are read on every core: a case file has 100,000s.
        let read = Array(records.dropFirst()).concurrentMap { record -> (Row, [FieldError]) in
            var problems: [FieldError] = []
            if record.fields.count != width { problems.append(FieldError(field: "row", problem: .wrongColumns, row: record.line)) }
            var values: [String] = []
            values.reserveCapacity(cells.count)
            for (column, i) in zip(present, cells) {
                guard i < record.fields.count else { values.append(""); continue }
                let raw = record.fields[i]
                if !InputText.isAcceptable(raw) { problems.append(FieldError(field: column, problem: .controlCharacter, row: record.line)) }
                values.append(CSV.restored(raw.trimmed))
            }
            return (Row(line: record.line, values: values, position: position), problems)
        }
        let rows = read.map(\.0)
        errors += read.flatMap(\.1)
        return .success(CSVTable(rows: rows, errors: errors))
    }
}
