import Fluent

/// Failed-login counters keyed by account (`user:NAME`) and by client address (`addr:IP`).
struct CreateLoginFailures: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("login_failures")
            .field("id", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("login_failures").delete() }
}
