import Fluent
import SQLKit

/// 信息员: each informant's area and contact officer, the contacts kept, and the thanks and
/// rewards given.
struct CreateInformants: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("informants")
            .field("resident_id", .int64, .identifier(auto: false), .references("residents", "id"))
            .field("area_unit_id", .int64, .required, .references("units", "id"))
            .field("unit_path", db.pathType, .required)   // the area's path: whose leaders see it
            .field("contact_officer_id", .int64, .required, .references("users", "id"))
            .field("cadence_days", .int, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.sqlIndex("informants_path_idx", on: "informants", columns: ["unit_path"])
        try await db.sqlIndex("informants_officer_idx", on: "informants", columns: ["contact_officer_id"])

        try await db.schema("informant_contacts")
            .field("id", .int64, .identifier(auto: true))
            .field("resident_id", .int64, .required, .references("residents", "id"))
            .field("unit_path", db.pathType, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("contacted_by", .int64, .references("users", "id"))
            .field("contacted_at", .datetime, .required)
            .create()
        try await db.sqlIndex("informant_contacts_resident_idx", on: "informant_contacts", columns: ["resident_id", "contacted_at"])
        try await db.sqlIndex("informant_contacts_path_idx", on: "informant_contacts", columns: ["unit_path", "contacted_at"])

        try await db.schema("informant_recognitions")
            .field("id", .int64, .identifier(auto: true))
            .field("resident_id", .int64, .required, .references("residents", "id"))
            .field("unit_path", db.pathType, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("amount_fen", .int64)
            .field("given_by", .int64, .references("users", "id"))
            .field("given_at", .datetime, .required)
            .create()
        try await db.sqlIndex("informant_recognitions_resident_idx", on: "informant_recognitions", columns: ["resident_id", "given_at"])
    }

    func revert(on db: any Database) async throws {
        for t in ["informant_recognitions", "informant_contacts", "informants"] { try await db.schema(t).delete() }
    }
}
