/// 纸质问卷录入: a CSV typed up from the paper questionnaires, one row per household — its
/// sample number, then one column per question (by key, or by the question itself). A cell
/// holds the answer's code or its words (安全, 是); a multiple choice lists them with ";" or
/// "、". Every row is checked before anything is stored, against the same rules as any answer.
public enum PaperAnswers {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var sampleID: Int64
        public var answers: [String: [String]]
    }

    public static let sampleColumn = "sample_id", sampleHeading = "样本编号"

    /// Rows with their answers kept, or every problem by row and column; a column that is no
    /// question of the questionnaire is refused as such.
    public static func read(_ csv: String, _ body: QuestionnaireBody) -> Result<[Row], ValidationFailure> {
        let keys = body.questions.map(\.key)
        let required = Set([sampleColumn] + body.questions.filter { $0.required && $0.askIf == nil }.map(\.key))
        let table: CSVTable
        switch CSVTable.read(csv, columns: [sampleColumn] + keys, headings: [sampleHeading] + body.questions.map(\.prompt), required: required) {
        case .success(let t): table = t
        case .failure(let f):
            // A heading that is not one of the columns is a question this questionnaire does not ask.
            return .failure(ValidationFailure(f.errors.map { e in
                e.problem == .wrongColumns && e.field != "header" ? FieldError(field: e.field, problem: .unknownQuestion, row: e.row) : e
            }))
        }
        var errors = table.errors, rows: [Row] = [], seen: Set<Int64> = []
        for r in table.rows {
            guard let id = Int64(r[sampleColumn]), id > 0 else {
                errors.append(FieldError(field: sampleColumn, problem: r[sampleColumn].isEmpty ? .required : .invalidChoice, row: r.line)); continue
            }
            if !seen.insert(id).inserted { errors.append(FieldError(field: sampleColumn, problem: .repeatedInFile, row: r.line)); continue }
            var raw: [String: [String]] = [:]
            for q in body.questions {
                let cell = r[q.key]
                guard !cell.isEmpty else { continue }
                raw[q.key] = q.kind == .text ? [cell] : split(cell, multiple: q.kind == .multiple).map { code(of: $0, in: q, body) }
            }
            switch SurveyAnswers.validate(body, raw) {
            case .success(let kept): rows.append(Row(line: r.line, sampleID: id, answers: kept))
            case .failure(let f): errors += f.errors.map { FieldError(field: String($0.field.dropFirst("answers.".count)), problem: $0.problem, row: r.line) }
            }
        }
        return errors.isEmpty ? .success(rows) : .failure(ValidationFailure(errors))
    }

    static func split(_ cell: String, multiple: Bool) -> [String] {
        guard multiple else { return [cell] }
        return cell.split(whereSeparator: { ";；、,，".contains($0) }).map { $0.trimmed }.filter { !$0.isEmpty }
    }

    /// The code an answer's words stand for; what matches nothing is left for the rules to refuse.
    static func code(of cell: String, in q: Question, _ body: QuestionnaireBody) -> String {
        if q.codes.contains(cell) { return cell }
        if q.kind == .yesNo { return ["是": "yes", "否": "no"][cell] ?? cell }
        return q.choices.first { $0.label == cell }?.code ?? cell
    }
}
