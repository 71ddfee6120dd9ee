import Domain
import Vapor

extension Request {
    /// A record list's query (`show`, `unit`, `from`/`to`), as every figure's drill-down links it.
    /// A value that is there but not understood is refused with a field error, never ignored.
    func listQuery<Show: RawRepresentable>(default show: Show) throws -> (show: Show, unitID: Int64?, period: Period?) where Show.RawValue == String {
        var chosen = show, unit: Int64?
        if let raw = query[String.self, at: "show"] {
            guard let s = Show(rawValue: raw) else { throw ValidationFailure(field: "show", .invalidChoice) }
            chosen = s
        }
        if let raw = query[String.self, at: "unit"] {
            guard let id = Int64(raw), id > 0 else { throw ValidationFailure(field: "unit", .unknownUnit) }
            unit = id
        }
        let dated = query[String.self, at: "from"] != nil || query[String.self, at: "to"] != nil
        return (chosen, unit, dated ? try period() : nil)
    }
}

/// The `show` of a list that has no choices (roll calls, duty gaps): only `all`.
enum ListShow: String { case all }

extension Request {
    /// An id in the query: nil when absent; a value that is not a positive id is refused, never
    /// read as absent (`?station=abc` must not quietly mean "my own station").
    func queryID(_ name: String, _ problem: FieldProblem = .invalidChoice) throws -> Int64? {
        guard let raw = query[String.self, at: name] else { return nil }
        guard let id = Int64(raw), id > 0 else { throw ValidationFailure(field: name, problem) }
        return id
    }
}

extension Request {
    /// A paged list's `page` (from 1; 1 when absent); anything else is refused by field.
    func queryPage() throws -> Int {
        guard let raw = query[String.self, at: "page"] else { return 1 }
        guard let page = Int(raw), (1...100_000).contains(page) else { throw ValidationFailure(field: "page", .invalidChoice) }
        return page
    }
}
