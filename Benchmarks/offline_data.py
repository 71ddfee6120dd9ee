"""For Benchmarks/offline_copy.sh: N households added straight to the grid whose responsible
officer is USER, each with two or three members (names only matter here: the ID number and
phone columns get unique placeholders, and the copy must never carry them).
Usage: offline_data.py FILE.sqlite USER N"""
import random, sqlite3, sys, time

db, user, n = sqlite3.connect(sys.argv[1]), sys.argv[2], int(sys.argv[3])
grid_id, path = db.execute("SELECT g.id, g.path FROM units g JOIN users u ON u.id = g.responsible_officer_id WHERE u.username = ? AND g.kind = 'grid'", (user,)).fetchone()
rng = random.Random(7)
surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
tags = ["", "", "", "", "elderly_alone", "veteran", "left_behind_child", "special_hardship"]
now = time.time()
db.execute("BEGIN")
first_h = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM households").fetchone()[0]
first_r = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM residents").fetchone()[0]
db.executemany("INSERT INTO households (id, grid_id, address, unit_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
               ((first_h + i, grid_id, "锦江区春熙路%d号%d栋%d单元%d" % (i // 200 + 1, i // 40 % 5 + 1, i // 8 % 5 + 1, 101 + i % 8), path, now, now) for i in range(n)))
rows, r = [], first_r
for i in range(n):
    for _ in range(rng.choice([2, 2, 3])):
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2])))
        rows.append((r, first_h + i, name, "female", "", "bench-cipher-%d" % r, "bench-hash-%d" % r, rng.choice(tags), path, now, now))
        r += 1
db.executemany("""INSERT INTO residents (id, household_id, name, gender, birth_date, id_number_cipher, id_number_hash, tags, unit_path, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
db.commit()
print("added %d households, %d residents to grid %d" % (n, len(rows), grid_id))
