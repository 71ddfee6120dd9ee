import Fluent

/// Where each audit line belongs (the unit path of the object written or viewed), so leaders
/// read only their own jurisdiction's lines. NULL: installation-wide (settings, rules, failed
/// sign-ins), read by administrators only.
struct AddAuditScope: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_log").field("unit_path", db.pathType).update()
        try await db.sqlIndex("audit_log_unit_path_idx", on: "audit_log", columns: ["unit_path", "id"])
    }
    func revert(on db: any Database) async throws { try await db.schema("audit_log").deleteField("unit_path").update() }
}
