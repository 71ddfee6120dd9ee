"""For Benchmarks/survey_import.sh.
  gen FILE.sqlite OUT.csv N   — N more households on the demo's grids (inserted straight), a round
                                over the whole bureau sampling them, and the paper answers of every
                                one of them as the survey team types them (answers in words, a
                                multiple choice, a written suggestion in one row of ten).
  raw FILE.sqlite COPY.sqlite IN.csv — the raw-database ceiling: the same questionnaires stored
                                straight with Python's sqlite3 into a copy (each household marked
                                answered with its two rate flags, one row per answer), one
                                transaction, no checks; prints questionnaires per second."""
import csv, sqlite3, sys, time
from rawdb import writable_copy

COLUMNS = ["sample_id", "security", "satisfaction", "sees_police", "knows_officer", "officer_visited", "officer_rating", "concerns", "suggestion"]
SECURITY = {"安全": "safe", "比较安全": "fairly_safe", "不太安全": "not_very_safe", "不安全": "unsafe", "说不清": "unsure"}
SATISFACTION = {"满意": "satisfied", "比较满意": "fairly_satisfied", "不太满意": "not_very_satisfied", "不满意": "unsatisfied", "不了解": "unaware"}
SEES = {"经常看到": "often", "有时看到": "sometimes", "很少看到": "rarely", "从未看到": "never"}
CONCERNS = {"盗窃": "theft", "电信网络诈骗": "fraud"}

if sys.argv[1] == "gen":
    db, out, n = sqlite3.connect(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    grids = db.execute("SELECT id, path FROM units WHERE kind = 'grid' ORDER BY id").fetchall()
    bureau = db.execute("SELECT path FROM units WHERE kind = 'bureau' ORDER BY id LIMIT 1").fetchone()[0]
    now = time.time()
    db.execute("BEGIN")
    first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM households").fetchone()[0]
    db.executemany("INSERT INTO households (id, grid_id, address, unit_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                   ((first + i, grids[i % len(grids)][0], "基准路%d号" % i, grids[i % len(grids)][1], now, now) for i in range(n)))
    round_id = db.execute("""INSERT INTO survey_rounds (name, questionnaire_id, starts_on, ends_on, starts_at, ends_at, scope_paths, unit_path, mode,
                             per_community, seed, quota, max_attempts, created_at) VALUES ('基准调查', 1, '2026-01-01', '2027-12-31', ?, ?, ?, ?, 'all', 0, '1', NULL, 3, ?)""",
                          (now - 86400 * 30, now + 86400 * 365, bureau, bureau, now)).lastrowid
    def community(path): return "/" + "/".join(path.strip("/").split("/")[:3]) + "/"
    db.executemany("INSERT INTO survey_samples (round_id, household_id, community_path, unit_path, status, attempts) VALUES (?, ?, ?, ?, 'pending', 0)",
                   ((round_id, first + i, community(grids[i % len(grids)][1]), grids[i % len(grids)][1]) for i in range(n)))
    db.commit()
    ids = [r[0] for r in db.execute("SELECT id FROM survey_samples WHERE round_id = ? ORDER BY id", (round_id,))]
    sec, sat, sees = list(SECURITY), list(SATISFACTION), list(SEES)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for i, sid in enumerate(ids):
            knows = i % 3 != 0
            w.writerow([sid, sec[i % 5], sat[(i // 5) % 5], sees[i % 4], "是" if knows else "否", "是" if knows else "", str(3 + i % 3) if knows else "",
                        "盗窃;电信网络诈骗" if i % 7 == 0 else "", "晚上多巡逻" if i % 10 == 0 else ""])
    print(round_id)
else:
    src, copy, path = sys.argv[2], sys.argv[3], sys.argv[4]
    db = writable_copy(src, copy)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    round_id = db.execute("SELECT round_id FROM survey_samples WHERE id = ?", (int(rows[0]["sample_id"]),)).fetchone()[0]
    started, now = time.monotonic(), time.time()
    db.execute("BEGIN IMMEDIATE")
    for r in rows:
        sid, security, satisfaction = int(r["sample_id"]), SECURITY[r["security"]], SATISFACTION[r["satisfaction"]]
        secure = None if security == "unsure" else security in ("safe", "fairly_safe")
        satisfied = None if satisfaction == "unaware" else satisfaction in ("satisfied", "fairly_satisfied")
        db.execute("UPDATE survey_samples SET status = 'completed', channel = 'paper', completed_at = ?, secure = ?, satisfied = ? WHERE id = ?",
                   (now, secure, satisfied, sid))
        answers = [("security", security), ("satisfaction", satisfaction), ("sees_police", SEES[r["sees_police"]]),
                   ("knows_officer", "yes" if r["knows_officer"] == "是" else "no")]
        if r["officer_visited"]: answers += [("officer_visited", "yes"), ("officer_rating", r["officer_rating"])]
        answers += [("concerns", CONCERNS[c]) for c in r["concerns"].split(";") if c]
        if r["suggestion"]: answers.append(("suggestion", r["suggestion"]))
        db.executemany("INSERT INTO survey_answers (sample_id, round_id, question, value) VALUES (?, ?, ?, ?)", ((sid, round_id, q, v) for q, v in answers))
    db.execute("COMMIT")
    took = time.monotonic() - started
    print("raw sqlite3: %d questionnaires in %.1f s, %.0f questionnaires/s" % (len(rows), took, len(rows) / took))
