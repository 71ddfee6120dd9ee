import Fluent
import SQLKit

/// Rollups of the visits table for the dashboard (see `RollupKeys`), kept current by a trigger in
/// the same transaction as every visit insert, whichever code path writes it:
/// - `visit_days`: visits and persons met per China-time day and unit path;
/// - `visit_household_months`: each household once per month (yyyymm), at the unit of its first
///   visit that month, so households visited in whole months are counted from it.
/// Visits are never updated or deleted, so inserts are all the triggers follow.
struct AddVisitRollups: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let pg = sql.dialect.name == "postgresql"
        let path = pg ? "TEXT COLLATE \"C\"" : "TEXT"
        let rowid = pg ? "" : " WITHOUT ROWID"
        let e = VisitRollupSQL(postgres: pg)
        for statement in [
            "CREATE TABLE visit_days (day BIGINT NOT NULL, unit_path \(path) NOT NULL, visits BIGINT NOT NULL, persons BIGINT NOT NULL, PRIMARY KEY (day, unit_path))\(rowid)",
            "CREATE TABLE visit_household_months (household_id BIGINT NOT NULL, month BIGINT NOT NULL, unit_path \(path) NOT NULL, PRIMARY KEY (household_id, month))\(rowid)",
            "CREATE INDEX visit_household_months_idx ON visit_household_months (month, unit_path, household_id)",
        ] + e.rebuild() + e.trigger() {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let pg = sql.dialect.name == "postgresql"
        for statement in (pg ? ["DROP TRIGGER visits_rollup ON visits", "DROP FUNCTION visits_rollup()"] : ["DROP TRIGGER visits_rollup"])
            + ["DROP TABLE visit_household_months", "DROP TABLE visit_days"] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }
}

/// The rollup keys (`RollupKeys`) as each database computes them from a row (`prefix` "NEW." in a trigger).
struct VisitRollupSQL {
    var postgres: Bool

    func day(_ prefix: String, of column: String = "visited_at") -> String {
        postgres ? "CAST(FLOOR((EXTRACT(EPOCH FROM \(prefix)\(column)) + 28800) / 86400) AS BIGINT)"
            : "CAST((\(prefix)\(column) + 28800) / 86400 AS INTEGER)"
    }

    func month(_ prefix: String) -> String {
        postgres ? "CAST(to_char((\(prefix)visited_at AT TIME ZONE 'UTC') + INTERVAL '8 hours', 'YYYYMM') AS BIGINT)"
            : "CAST(strftime('%Y%m', \(prefix)visited_at + 28800, 'unixepoch') AS INTEGER)"
    }

    /// Residents met: the ids in `resident_ids` ("12;15;31").
    func persons(_ prefix: String) -> String {
        "CASE WHEN \(prefix)resident_ids = '' THEN 0 ELSE LENGTH(\(prefix)resident_ids) - LENGTH(REPLACE(\(prefix)resident_ids, ';', '')) + 1 END"
    }

    /// The rollups counted afresh from the visits (the migration's backfill; after a restore).
    func rebuild() -> [String] {
        ["DELETE FROM visit_days", "DELETE FROM visit_household_months",
         "INSERT INTO visit_days (day, unit_path, visits, persons) SELECT \(day("")), unit_path, COUNT(*), SUM(\(persons(""))) FROM visits GROUP BY \(day("")), unit_path",
         "INSERT INTO visit_household_months (household_id, month, unit_path) SELECT household_id, \(month("")), MIN(unit_path) FROM visits WHERE household_id IS NOT NULL GROUP BY household_id, \(month(""))"]
    }

    func trigger() -> [String] {
        // Unqualified columns in the SET are the stored row's on SQLite; PostgreSQL needs the table named
        // (an alias in a trigger is more than older SQLite tools — Python's sqlite3 — can read).
        let row = postgres ? "visit_days." : ""
        let days = "INSERT INTO visit_days (day, unit_path, visits, persons) VALUES (\(day("NEW.")), NEW.unit_path, 1, \(persons("NEW.")))"
            + " ON CONFLICT (day, unit_path) DO UPDATE SET visits = \(row)visits + 1, persons = \(row)persons + excluded.persons"
        let months = "INSERT INTO visit_household_months (household_id, month, unit_path) SELECT NEW.household_id, \(month("NEW.")), NEW.unit_path"
            + " WHERE NEW.household_id IS NOT NULL ON CONFLICT DO NOTHING"
        return postgres ? [
            "CREATE FUNCTION visits_rollup() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(days); \(months); RETURN NULL; END $$",
            "CREATE TRIGGER visits_rollup AFTER INSERT ON visits FOR EACH ROW EXECUTE FUNCTION visits_rollup()",
        ] : [
            "CREATE TRIGGER visits_rollup AFTER INSERT ON visits BEGIN \(days); \(months); END",
        ]
    }
}
