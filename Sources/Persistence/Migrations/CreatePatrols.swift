import Fluent
import SQLKit

/// 巡逻 and the help given on them (救助、找回、追赃挽损、致谢).
struct CreatePatrols: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("patrols")
            .field("id", .int64, .identifier(auto: true))
            .field("mode", .string, .required)
            .field("grid_ids", .string, .required)            // "12;13": the grids covered
            .field("unit_path", db.pathType, .required)       // the grids' common unit
            .field("started_by", .int64, .references("users", "id"))
            .field("companion_ids", .string, .required)       // "4;7": officers and auxiliaries along
            .field("officers", .int, .required)               // person-patrols (人次) it counts
            .field("residents", .int, .required)              // 警民联防: residents and volunteers along
            .field("resident_names", .string, .required)
            .field("note", .string, .required)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .create()
        try await db.sqlIndex("patrols_unit_path_idx", on: "patrols", columns: ["unit_path", "started_at"])
        try await db.schema("help_records")
            .field("id", .int64, .identifier(auto: true))
            .field("patrol_id", .int64, .references("patrols", "id"))
            .field("kind", .string, .required)
            .field("detail", .string, .required)
            .field("count", .int, .required)
            .field("item", .string, .required)
            .field("amount_fen", .int64, .required)           // money exact to the fen
            .field("unit_path", db.pathType, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await db.sqlIndex("help_records_unit_path_idx", on: "help_records", columns: ["unit_path", "created_at"])
        try await db.sqlIndex("help_records_patrol_idx", on: "help_records", columns: ["patrol_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("help_records").delete()
        try await db.schema("patrols").delete()
    }
}
