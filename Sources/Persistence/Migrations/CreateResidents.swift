import Fluent

/// ID numbers and phones are stored as AES-GCM ciphertext plus a keyed hash (blind index)
/// so exact-match search works without plaintext in the file.
struct CreateResidents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("residents")
            .field("id", .int64, .identifier(auto: true))
            .field("household_id", .int64, .required, .references("households", "id"))
            .field("name", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("id_number_cipher", .string, .required)
            .field("id_number_hash", .string, .required)
            .field("phone_cipher", .string)
            .field("phone_hash", .string)
            .field("tags", .string, .required)
            .field("unit_path", db.pathType, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "id_number_hash")
            .create()
        try await db.sqlIndex("residents_unit_path_idx", on: "residents", columns: ["unit_path"])
        try await db.sqlIndex("residents_household_idx", on: "residents", columns: ["household_id"])
        try await db.sqlIndex("residents_phone_hash_idx", on: "residents", columns: ["phone_hash"])
        try await db.sqlIndex("residents_name_idx", on: "residents", columns: ["name"])
    }
    func revert(on db: any Database) async throws { try await db.schema("residents").delete() }
}
