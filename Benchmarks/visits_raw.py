"""The raw-database ceiling for Benchmarks/visits.sh: the rows a logged visit writes (the visit,
its two findings, the request its need becomes and that request's first timeline line; the
rollup triggers fire as they do for the server), inserted straight with Python's sqlite3 in
transactions of 64 visits, one after the other, into a copy of the benchmark's database.
The audit lines are left out, and so are checkpoints (the server copies the log back on a thread
beside its writer, see Persistence/WALCheckpointer.swift), so this is an upper bound. Prints
visits per second."""
import random, sys, time
from rawdb import writable_copy

src, copy, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
db = writable_copy(src, copy)
db.execute("PRAGMA wal_autocheckpoint=0")
paths = dict(db.execute("SELECT id, unit_path FROM households"))
grids = dict(db.execute("SELECT id, grid_id FROM households"))
user = db.execute("SELECT id FROM users ORDER BY id LIMIT 1").fetchone()[0]
ids = list(paths)
n, started = 0, time.monotonic()
while time.monotonic() - started < seconds:
    db.execute("BEGIN IMMEDIATE")
    now = time.time()
    for _ in range(64):
        h = random.choice(ids)
        v = db.execute("INSERT INTO visits (client_id, household_id, place_id, unit_path, visited_at, method, categories, resident_ids, officer_ids, companions, notes, created_by, created_at) "
                       "VALUES (?, ?, NULL, ?, ?, 'in_person', 'routine;care', '', '', '', 'benchmark', ?, ?)",
                       (f"raw-{n}-{random.random()}", h, paths[h], now - 60, user, now)).lastrowid
        f = db.execute("INSERT INTO visit_findings (visit_id, kind, description, unit_path, created_at) VALUES (?, 'need', '需要上门办理身份证', ?, ?)", (v, paths[h], now)).lastrowid
        db.execute("INSERT INTO visit_findings (visit_id, kind, description, unit_path, created_at) VALUES (?, 'hazard', '楼道堆放杂物', ?, ?)", (v, paths[h], now))
        r = db.execute("INSERT INTO requests (kind, category_code, channel, status, description, address, grid_id, unit_path, responsible_unit_id, assignee_id, deadline_at, escalated, reopen_count, outcome, contact_name, visit_id, finding_id, created_by, created_at, updated_at) "
                       "VALUES ('request', 'help', 'visit', 'new', '需要上门办理身份证', '', ?, ?, NULL, NULL, ?, 'none', 0, '', '', ?, ?, ?, ?, ?)",
                       (grids[h], paths[h], now + 7 * 86400, v, f, user, now, now)).lastrowid
        db.execute("INSERT INTO request_events (request_id, at, actor_id, actor_name, step, from_status, to_status, note, deadline_at, assignee_name) VALUES (?, ?, ?, 'bench', 'create', NULL, 'new', 'visit', ?, NULL)",
                   (r, now, user, now + 7 * 86400))
        n += 1
    db.execute("COMMIT")
print("raw SQLite ceiling (the same rows straight from Python's sqlite3, 64 visits a transaction): %.0f visits/s" % (n / (time.monotonic() - started)))
