import Fluent
import SQLKit

/// Append-only: add a new struct for every change, never edit a shipped one.
public enum JingminMigrations {
    public static let all: [any Migration] = [
        CreateUnits(), CreateHouseholds(), CreateResidents(), CreatePlaces(), CreateUsers(),
        CreateAuthSessions(), CreateLoginFailures(), CreateAuditLog(),
    ]
}

extension Database {
    func sqlIndex(_ name: String, on table: String, columns: [String]) async throws {
        var builder = (self as! any SQLDatabase).create(index: name).on(table)
        for c in columns { builder = builder.column(c) }
        try await builder.run()
    }
}
