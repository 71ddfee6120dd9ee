import Fluent
import SQLKit

/// Append-only: add a new struct for every change, never edit a shipped one.
public enum JingminMigrations {
    public static let all: [any Migration] = [
        CreateUnits(), CreateHouseholds(), CreateResidents(), CreatePlaces(), CreateUsers(),
        CreateAuthSessions(), CreateLoginFailures(), CreateAuditLog(),
        CreateMustVisitRules(), CreateTasks(), CreateVisits(),
        CreateCampaigns(), CreateNotifications(), CreateWorkSettings(), AddAuditScope(),
        CreateRequests(), AddFigureIndexes(), AddRollups(), CoverFigureIndexes(), FewerIndexesPerVisit(), CreateGridOutlines(), AddNoticeFacts(),
        CreateDisputes(), CreateClues(), CreateCases(), CreateDisputeScans(), CreatePatrols(), AddCluePatrol(), CreatePublicity(), CreateDuty(), CreatePatrolFindings(), AddHelpSources(), AddDisputePatrol(), CreateAlarmGroups(), CreateAlarms(), CreateServices(), CreateSurveys(), CreateInformants(), AddSurveyCounts(), CreateQueueReceipts(),
    ]
}

extension Database {
    /// Unit paths compare byte by byte on both databases (SQLite's default; "C" on PostgreSQL,
    /// whose locale collation would otherwise break the range scan of `Jurisdiction.predicate`).
    var pathType: DatabaseSchema.DataType {
        (self as? any SQLDatabase)?.dialect.name == "postgresql" ? .custom(SQLRaw("TEXT COLLATE \"C\"")) : .string
    }

    func sqlIndex(_ name: String, on table: String, columns: [String]) async throws {
        var builder = (self as! any SQLDatabase).create(index: name).on(table)
        for c in columns { builder = builder.column(c) }
        try await builder.run()
    }
}
