import Fluent
import SQLKit

/// Rollups for the dashboard (see `RollupKeys`), kept current by triggers in the same transaction
/// as every write to the tables they count, whichever code path writes it:
/// - `visit_days`: visits and persons met per China-time day and unit path;
/// - `visit_household_months`: each household once per month (yyyymm), at the unit of its first
///   visit that month — households visited over several whole months are counted from it;
/// - `visit_unit_months`: how many households each unit path has in it per month — one month's
///   households visited, for a whole bureau, is a sum over its grids;
/// - `household_counts`: households registered per unit path (they move between grids).
/// Visits are never updated or deleted, so inserts are all their triggers follow.
struct AddRollups: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let r = RollupSQL(postgres: sql.dialect.name == "postgresql")
        let path = r.postgres ? "TEXT COLLATE \"C\"" : "TEXT", rowid = r.postgres ? "" : " WITHOUT ROWID"
        for statement in [
            "CREATE TABLE visit_days (day BIGINT NOT NULL, unit_path \(path) NOT NULL, visits BIGINT NOT NULL, persons BIGINT NOT NULL, PRIMARY KEY (day, unit_path))\(rowid)",
            "CREATE TABLE visit_household_months (household_id BIGINT NOT NULL, month BIGINT NOT NULL, unit_path \(path) NOT NULL, PRIMARY KEY (household_id, month))\(rowid)",
            "CREATE INDEX visit_household_months_idx ON visit_household_months (month, unit_path, household_id)",
            "CREATE TABLE visit_unit_months (month BIGINT NOT NULL, unit_path \(path) NOT NULL, households BIGINT NOT NULL, PRIMARY KEY (month, unit_path))\(rowid)",
            "CREATE TABLE household_counts (unit_path \(path) NOT NULL PRIMARY KEY, households BIGINT NOT NULL)\(rowid)",
        ] + r.triggers() + r.rebuild() {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let pg = sql.dialect.name == "postgresql"
        let triggers = [("visits_rollup", "visits"), ("visit_months_rollup", "visit_household_months"), ("households_count", "households"),
                        ("households_count_delete", "households"), ("households_count_move", "households")]
        var statements = triggers.map { pg ? "DROP TRIGGER IF EXISTS \($0.0) ON \($0.1)" : "DROP TRIGGER IF EXISTS \($0.0)" }
        if pg { statements += ["visits_rollup", "visit_months_rollup", "households_count"].map { "DROP FUNCTION \($0)()" } }
        statements += ["visit_days", "visit_household_months", "visit_unit_months", "household_counts"].map { "DROP TABLE \($0)" }
        for statement in statements { try await sql.raw("\(unsafeRaw: statement)").run() }
    }
}

/// The rollups' SQL for each database: keys computed from a row (`prefix` "NEW." in a trigger),
/// the triggers, and the rebuild from the counted tables.
struct RollupSQL {
    var postgres: Bool

    /// Days since 1970 in China time. On PostgreSQL `date_part` (double precision) rather than
    /// `EXTRACT` (numeric since version 14, twice as slow over a quarter's requests); the same days.
    func day(_ prefix: String, of column: String = "visited_at") -> String {
        postgres ? "CAST(FLOOR((date_part('epoch', \(prefix)\(column)) + 28800) / 86400) AS BIGINT)"
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

    /// Adds to a counter row, creating it at the first. Unqualified columns in the SET are the
    /// stored row's on SQLite; PostgreSQL needs the table named (an alias in a trigger is more
    /// than older SQLite tools — Python's sqlite3 — can read).
    private func add(_ table: String, keys: [(String, String)], _ counters: [(String, String)]) -> String {
        let row = postgres ? "\(table)." : ""
        let columns = (keys + counters).map(\.0).joined(separator: ", "), values = (keys + counters).map(\.1).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns)) VALUES (\(values)) ON CONFLICT (\(keys.map(\.0).joined(separator: ", "))) DO UPDATE SET "
            + counters.map { "\($0.0) = \(row)\($0.0) + excluded.\($0.0)" }.joined(separator: ", ")
    }

    func triggers() -> [String] {
        let days = add("visit_days", keys: [("day", day("NEW.")), ("unit_path", "NEW.unit_path")], [("visits", "1"), ("persons", persons("NEW."))])
        let firstThisMonth = "INSERT INTO visit_household_months (household_id, month, unit_path) SELECT NEW.household_id, \(month("NEW.")), NEW.unit_path"
            + " WHERE NEW.household_id IS NOT NULL ON CONFLICT DO NOTHING"
        let unitMonth = add("visit_unit_months", keys: [("month", "NEW.month"), ("unit_path", "NEW.unit_path")], [("households", "1")])
        let arrived = add("household_counts", keys: [("unit_path", "NEW.unit_path")], [("households", "1")])
        let left = "UPDATE household_counts SET households = households - 1 WHERE unit_path = OLD.unit_path"
        if postgres {
            func function(_ name: String, _ body: String) -> String {
                "CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(body) RETURN NULL; END $$"
            }
            return [
                function("visits_rollup", "\(days); \(firstThisMonth);"),
                "CREATE TRIGGER visits_rollup AFTER INSERT ON visits FOR EACH ROW EXECUTE FUNCTION visits_rollup()",
                function("visit_months_rollup", "\(unitMonth);"),
                "CREATE TRIGGER visit_months_rollup AFTER INSERT ON visit_household_months FOR EACH ROW EXECUTE FUNCTION visit_months_rollup()",
                function("households_count", "IF TG_OP <> 'INSERT' THEN \(left); END IF; IF TG_OP <> 'DELETE' THEN \(arrived); END IF;"),
                "CREATE TRIGGER households_count AFTER INSERT OR DELETE ON households FOR EACH ROW EXECUTE FUNCTION households_count()",
                "CREATE TRIGGER households_count_move AFTER UPDATE OF unit_path ON households FOR EACH ROW"
                    + " WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path) EXECUTE FUNCTION households_count()",
            ]
        }
        return [
            "CREATE TRIGGER visits_rollup AFTER INSERT ON visits BEGIN \(days); \(firstThisMonth); END",
            "CREATE TRIGGER visit_months_rollup AFTER INSERT ON visit_household_months BEGIN \(unitMonth); END",
            "CREATE TRIGGER households_count AFTER INSERT ON households BEGIN \(arrived); END",
            "CREATE TRIGGER households_count_delete AFTER DELETE ON households BEGIN \(left); END",
            "CREATE TRIGGER households_count_move AFTER UPDATE OF unit_path ON households WHEN OLD.unit_path <> NEW.unit_path BEGIN \(left); \(arrived); END",
        ]
    }

    /// The rollups counted afresh (the migration's backfill; after a restore).
    func rebuild() -> [String] {
        ["visit_days", "visit_household_months", "visit_unit_months", "household_counts"].map { "DELETE FROM \($0)" } + [
            "INSERT INTO visit_days (day, unit_path, visits, persons) SELECT \(day("")), unit_path, COUNT(*), SUM(\(persons(""))) FROM visits GROUP BY \(day("")), unit_path",
            // The household-month rows' own trigger fills visit_unit_months as they go in (the triggers come first).
            "INSERT INTO visit_household_months (household_id, month, unit_path) SELECT household_id, \(month("")), MIN(unit_path) FROM visits WHERE household_id IS NOT NULL GROUP BY household_id, \(month(""))",
            "INSERT INTO household_counts (unit_path, households) SELECT unit_path, COUNT(*) FROM households GROUP BY unit_path",
        ]
    }
}
