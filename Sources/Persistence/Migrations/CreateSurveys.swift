import Domain
import Fluent
import Foundation
import SQLKit

/// 双提升调查: questionnaires (versioned, the standard one seeded), rounds with their drawn
/// sample, each sampled household's answers and call attempts, and the per-community quota
/// counter that keeps a quota from being passed.
struct CreateSurveys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("questionnaires")
            .field("id", .int64, .identifier(auto: true))
            .field("code", .string, .required)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("body", .string, .required)   // JSON QuestionnaireBody
            .field("updated_by", .int64, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "code", "version")
            .create()
        try await sql.insert(into: "questionnaires").columns("code", "version", "name", "body", "updated_at")
            .values(SQLBind(QuestionnaireRow.standardCode), SQLBind(1), SQLBind("双提升问卷"), SQLBind(try QuestionnaireRow.json(.standard)), SQLBind(Date()))
            .run()

        try await db.schema("survey_rounds")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("questionnaire_id", .int64, .required, .references("questionnaires", "id"))
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("scope_paths", .string, .required)   // the units covered, "\n"-separated
            .field("unit_path", db.pathType, .required)  // their common ancestor: whose audit it is
            .field("mode", .string, .required)
            .field("per_community", .int, .required)
            .field("seed", .string, .required)          // a UInt64 in decimal
            .field("quota", .int)
            .field("max_attempts", .int, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()

        try await db.schema("survey_samples")
            .field("id", .int64, .identifier(auto: true))
            .field("round_id", .int64, .required, .references("survey_rounds", "id"))
            .field("household_id", .int64, .required, .references("households", "id"))
            .field("community_path", db.pathType, .required)
            .field("unit_path", db.pathType, .required)     // the household's grid
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("last_outcome", .string)
            .field("callback_at", .datetime)
            .field("token_hash", .string)
            .field("token_cipher", .string)
            .field("channel", .string)
            .field("answered_by", .int64, .references("users", "id"))
            .field("completed_at", .datetime)
            .field("secure", .bool)       // nil: no valid answer to the security question
            .field("satisfied", .bool)
            .unique(on: "round_id", "household_id")   // a household is asked once per round
            .unique(on: "token_hash")
            .create()
        try await db.sqlIndex("survey_samples_round_path_idx", on: "survey_samples", columns: ["round_id", "unit_path"])
        try await db.sqlIndex("survey_samples_calls_idx", on: "survey_samples", columns: ["round_id", "status", "callback_at"])
        try await db.sqlIndex("survey_samples_done_idx", on: "survey_samples", columns: ["unit_path", "completed_at"])   // the dashboard's figures

        try await db.schema("survey_answers")
            .field("sample_id", .int64, .required, .references("survey_samples", "id"))
            .field("round_id", .int64, .required)
            .field("question", .string, .required)
            .field("value", .string, .required)
            .field("request_id", .int64, .references("requests", "id"))   // a free-text answer made a suggestion
            .compositeIdentifier(over: "sample_id", "question", "value")
            .create()
        try await db.sqlIndex("survey_answers_round_idx", on: "survey_answers", columns: ["round_id", "question"])

        try await db.schema("survey_calls")
            .field("id", .int64, .identifier(auto: true))
            .field("sample_id", .int64, .required, .references("survey_samples", "id"))
            .field("outcome", .string, .required)
            .field("callback_at", .datetime)
            .field("note", .string, .required)
            .field("called_by", .int64, .references("users", "id"))
            .field("called_at", .datetime, .required)
            .create()
        try await db.sqlIndex("survey_calls_sample_idx", on: "survey_calls", columns: ["sample_id", "called_at"])

        try await db.schema("survey_quota")
            .field("round_id", .int64, .required, .references("survey_rounds", "id"))
            .field("community_path", db.pathType, .required)
            .field("done", .int, .required)
            .compositeIdentifier(over: "round_id", "community_path")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["survey_quota", "survey_calls", "survey_answers", "survey_samples", "survey_rounds", "questionnaires"] { try await db.schema(t).delete() }
    }
}
