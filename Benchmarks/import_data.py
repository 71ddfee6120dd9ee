"""For Benchmarks/import.sh.
  gen FILE.sqlite OUT.csv N   — a register CSV of N residents (households of 1–4 at new
                               addresses on the demo's grids, valid and unique ID numbers).
  raw FILE.sqlite COPY.sqlite IN.csv — the raw-database ceiling: the same households and residents
                               inserted straight with Python's sqlite3 into a copy of the database,
                               in one transaction (no checks, no encryption: placeholder ciphertext
                               of the same length), and prints rows per second."""
import csv, hashlib, random, sqlite3, sys, time
from rawdb import writable_copy

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def id_number(n):
    y, d = 1940 + n % 70, n // 70
    body = "510104%04d%02d%02d%03d" % (y, 1 + d % 12, 1 + (d // 12) % 28, 500 + (d // 336) % 500)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]

if sys.argv[1] == "gen":
    db, out, n = sqlite3.connect(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    grids = [r[0] for r in db.execute("SELECT code FROM units WHERE kind = 'grid' ORDER BY id")]
    rnd, surnames, given = random.Random(20261123), "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["grid_code", "address", "name", "gender", "birth_date", "id_number", "phone", "tags"])
        i, house = 0, 0
        while i < n:
            house += 1
            grid, address = grids[house % len(grids)], "基准路%d号%d单元%d室" % (house // 100, house % 6 + 1, 100 + house % 100)
            for _ in range(min(n - i, rnd.randint(1, 4))):
                w.writerow([grid, address, rnd.choice(surnames) + rnd.choice(given) + rnd.choice(given), rnd.choice(["male", "female"]), "",
                            id_number(i), "139%08d" % i, rnd.choice(["", "", "", "elderly_alone", "veteran"])])
                i += 1
else:
    src, copy, path = sys.argv[2], sys.argv[3], sys.argv[4]
    db = writable_copy(src, copy)
    grids = {code: (gid, p) for code, gid, p in db.execute("SELECT code, id, path FROM units WHERE kind = 'grid'")}
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    started, now, households = time.monotonic(), time.time(), {}
    db.execute("BEGIN IMMEDIATE")
    for r in rows:
        gid, p = grids[r["grid_code"]]
        key = (r["grid_code"], r["address"])
        if key not in households:
            households[key] = db.execute("INSERT INTO households (grid_id, address, unit_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                                         (gid, r["address"], p, now, now)).lastrowid
        db.execute("INSERT INTO residents (household_id, name, gender, birth_date, id_number_cipher, id_number_hash, phone_cipher, phone_hash, tags, unit_path, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (households[key], r["name"], r["gender"], r["id_number"][6:10] + "-01-01", "v1:" + "x" * 64, hashlib.sha256(r["id_number"].encode()).hexdigest(),
                    "v1:" + "x" * 52, hashlib.sha256(r["phone"].encode()).hexdigest(), r["tags"], p, now, now))
    db.execute("COMMIT")
    took = time.monotonic() - started
    print("raw SQLite ceiling (the same rows straight from Python's sqlite3, one transaction, no checks or encryption): %.1f s, %.0f residents/s" % (took, len(rows) / took))
