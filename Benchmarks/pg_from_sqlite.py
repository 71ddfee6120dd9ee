"""Copies a Jingmin SQLite database (e.g. the district demo) into an empty PostgreSQL database
that `jingmin migrate` has just created, so the benchmarks can compare the two engines on the
same data. The demo takes ~7 minutes to make on SQLite; its year of history written row by row
through the server on PostgreSQL would take far longer, and COPY does it in a few.

Rows go through `COPY … FROM STDIN (FORMAT csv)`; epoch seconds become timestamptz, 0/1 become
booleans. The rollup tables are not copied: PostgreSQL's own triggers build them as the visits
and households arrive, which also checks that they agree. Identity sequences move past the
copied ids. Use the SQLite file's key file with the PostgreSQL server (the ciphers are copied as
they are).

Usage: python3 Benchmarks/pg_from_sqlite.py FILE.sqlite 'postgres://…'
"""
import csv, datetime, io, sqlite3, subprocess, sys, time

src, url = sys.argv[1], sys.argv[2].replace("tlsmode=", "sslmode=")
ROLLUPS = {"visit_days", "visit_household_months", "visit_unit_months", "household_counts"}
# Parents before children (foreign keys are checked row by row).
ORDER = ["units", "households", "residents", "places", "users", "audit_log", "audit_head", "must_visit_rules",
         "campaigns", "tasks", "visits", "visit_findings", "notifications", "work_settings", "scheduler_jobs",
         "request_categories", "meetings", "open311_keys", "requests", "request_events", "request_photos", "grid_outlines"]


def psql(sql, stdin=None):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                          input=stdin, check=True, capture_output=True, text=True).stdout


db = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
sqlite_tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
pg_types = {}
for line in psql("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'").splitlines():
    t, c, ty = line.split("|")
    pg_types.setdefault(t, {})[c] = ty
# Tables already seeded by the migrations (rules, settings, categories, scheduler jobs) are replaced.
psql("TRUNCATE " + ", ".join(t for t in ORDER if t in pg_types) + " RESTART IDENTITY CASCADE")


def cell(v, ty):
    if v is None:
        return "\\N"
    if ty.startswith("timestamp"):
        return datetime.datetime.fromtimestamp(v, datetime.timezone.utc).isoformat()
    if ty == "boolean":
        return "t" if v else "f"
    return v


for table in ORDER:
    if table not in sqlite_tables or table not in pg_types or table in ROLLUPS:
        continue
    live = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    cols = [c for c in live if c in pg_types[table]]
    types = [pg_types[table][c] for c in cols]
    start, n = time.time(), 0
    copy = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
                             f"COPY {table} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"],
                            stdin=subprocess.PIPE, text=True)
    out = csv.writer(copy.stdin, lineterminator="\n")
    for row in db.execute(f"SELECT {', '.join(cols)} FROM {table}"):
        out.writerow([cell(v, ty) for v, ty in zip(row, types)])
        n += 1
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit(f"copy of {table} failed")
    if "id" in cols and pg_types[table]["id"] == "bigint":
        psql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(1, (SELECT MAX(id) FROM {table})))")
    print(f"{table}: {n} rows in {time.time() - start:.0f} s", flush=True)

# The copy rewrote each rollup row thousands of times in minutes; a live server's autovacuum
# keeps pace with its writes, so compact them as a server would have them, then plan from statistics.
psql("VACUUM FULL " + ", ".join(sorted(ROLLUPS)))
psql("ANALYZE")
for t in sorted(ROLLUPS):
    print(f"{t} (built by the triggers): {psql(f'SELECT COUNT(*) FROM {t}').strip()} rows")
