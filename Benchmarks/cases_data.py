"""For Benchmarks/cases_import.sh.
  gen FILE.sqlite OUT.csv CASES  — a case CSV: CASES cases on the demo's grids, one in ten with three
                                   victims (10,000 cases → 12,000 victims), valid unique ID numbers.
  raw FILE.sqlite COPY.sqlite IN.csv — the raw-database ceiling: the same cases and victims inserted
                                   straight with Python's sqlite3 into a copy of the database, one
                                   transaction, no checks and no encryption (placeholder ciphertext of
                                   the same length); prints victims per second."""
import csv, hashlib, sqlite3, sys, time
from rawdb import writable_copy

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def id_number(n):
    y, d = 1940 + n % 70, n // 70
    body = "510104%04d%02d%02d%03d" % (y, 1 + d % 12, 1 + (d // 12) % 28, 500 + (d // 336) % 500)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]

if sys.argv[1] == "gen":
    db, out, n = sqlite3.connect(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    grids = [(code, path) for code, path in db.execute("SELECT code, path FROM units WHERE kind = 'grid' ORDER BY id")]
    stations = {p: code for code, p in db.execute("SELECT code, path FROM units WHERE kind = 'station'")}
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case_number", "case_type", "occurred_at", "address", "grid_code", "case_unit", "victim_name", "victim_id_number", "victim_phone", "victim_address"])
        v = 0
        for i in range(n):
            grid, path = grids[i % len(grids)]
            station = next(code for p, code in stations.items() if path.startswith(p))
            for _ in range(3 if i % 10 == 0 else 1):
                w.writerow(["BM-%06d" % i, "盗窃", "2026-11-%02d 02:%02d" % (1 + i % 20, i % 60), "基准路%d号" % i, grid, station,
                            "被害人%d" % v, id_number(v), "139%08d" % v, "基准路%d号" % i])
                v += 1
else:
    src, copy, path = sys.argv[2], sys.argv[3], sys.argv[4]
    db = writable_copy(src, copy)
    grids = {code: (gid, p) for code, gid, p in db.execute("SELECT code, id, path FROM units WHERE kind = 'grid'")}
    units = {code: uid for code, uid in db.execute("SELECT code, id FROM units")}
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    started, now, cases = time.monotonic(), time.time(), {}
    db.execute("BEGIN IMMEDIATE")
    for r in rows:
        gid, p = grids[r["grid_code"]]
        if r["case_number"] not in cases:
            cases[r["case_number"]] = db.execute(
                "INSERT INTO cases (case_number, case_type, sensitive, occurred_at, address, grid_id, unit_path, case_unit_id, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (r["case_number"], "theft", 0, now, r["address"], gid, p, units[r["case_unit"]], now, now)).lastrowid
        db.execute("INSERT INTO case_victims (case_id, name, id_number_cipher, id_number_hash, phone_cipher, address, unit_path, due_at, leader_led, advice, notes, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (cases[r["case_number"]], r["victim_name"], "v1:" + "x" * 64, hashlib.sha256(r["victim_id_number"].encode()).hexdigest(),
                    "v1:" + "x" * 52, r["victim_address"], p, now, 0, "", "", now))
    db.execute("COMMIT")
    took = time.monotonic() - started
    print("raw SQLite ceiling (the same rows straight from Python's sqlite3, one transaction, no checks or encryption): %.1f s, %.0f victims/s" % (took, len(rows) / took))
