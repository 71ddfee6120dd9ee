import Foundation

/// GeoReport v2 (Open311) rules that do not need a server: the status mapping, the query
/// window and the record limit.
public enum Open311 {
    public static let maxDays = 90, maxRecords = 1000

    /// GeoReport knows only open and closed; the status notes say where it stands.
    public static func status(_ s: RequestStatus) -> String { s == .closed ? "closed" : "open" }

    public static func statusNote(_ s: RequestStatus) -> String {
        switch s {
        case .new: "已受理，待交办"
        case .assigned: "已交办责任单位"
        case .inProgress: "正在办理"
        case .resolved: "已办结，待回访"
        case .closed: "已回访，办结归档"
        }
    }

    /// The statuses an Open311 `status` filter ("open", "closed", "open,closed") stands for.
    public static func statuses(_ filter: String?) -> [RequestStatus]? {
        guard let filter, !filter.isEmpty else { return RequestStatus.allCases }
        var out: [RequestStatus] = []
        for part in filter.split(separator: ",").map({ $0.trimmed.lowercased() }) {
            switch part {
            case "open": out += RequestStatus.allCases.filter { $0 != .closed }
            case "closed": out.append(.closed)
            default: return nil
            }
        }
        return out
    }

    /// W3C datetimes as GeoReport clients send them (2010-01-01T00:00:00Z, with or without fraction or offset).
    public static func parseDate(_ s: String) -> Date? {
        if let d = try? Date(s, strategy: .iso8601) { return d }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(s)
    }

    /// The window a `GET requests` covers: the last 90 days by default, never more than 90 days.
    public static func window(start: String?, end: String?, now: Date) -> Result<(start: Date, end: Date), ValidationFailure> {
        let span = TimeInterval(maxDays * 86400)
        var from: Date?, to: Date?
        if let start, !start.isEmpty { guard let d = parseDate(start) else { return .failure(ValidationFailure(field: "start_date", .invalidDate)) }; from = d }
        if let end, !end.isEmpty { guard let d = parseDate(end) else { return .failure(ValidationFailure(field: "end_date", .invalidDate)) }; to = d }
        let e = to ?? (from.map { $0.addingTimeInterval(span) } ?? now)
        let b = from ?? e.addingTimeInterval(-span)
        guard b <= e else { return .failure(ValidationFailure(field: "end_date", .invalidDate)) }
        guard e.timeIntervalSince(b) <= span else { return .failure(ValidationFailure(field: "end_date", .tooLong)) }
        return .success((b, e))
    }
}
