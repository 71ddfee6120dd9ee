"""For Benchmarks/survey_import.sh: /surveys/{round} (the round's results) requested one after the
other by a signed-in bureau leader, next to the grouped queries behind it run straight on the
SQLite file; p50 and p95 of each, and the ratio.
Usage: survey_results.py PORT FILE.sqlite ROUND USER PASSWORD [requests, default 40]"""
import re, sqlite3, sys, time, urllib.request
from web_session import percentiles, sign_in

port, dbfile, round_id, user, password = sys.argv[1:6]
n = int(sys.argv[6]) if len(sys.argv) > 6 else 40

cookie = sign_in(port, user, password)

page = []
for i in range(n + 2):
    t = time.monotonic()
    body = urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/surveys/{round_id}", headers={"Cookie": cookie}), timeout=60).read().decode()
    if i >= 2: page.append(time.monotonic() - t)   # the first two warm the caches
assert "survey-security" in body, "the results page did not render"
completed = re.search(r'(\d+) / (\d+)</small>', body)

db = sqlite3.connect(dbfile)
bureau = db.execute("SELECT path FROM units WHERE kind = 'bureau' ORDER BY id LIMIT 1").fetchone()[0]
scope = f"s.unit_path >= '{bureau}' AND s.unit_path < '{bureau[:-1]}0'"
cscope = scope.replace("s.unit_path", "c.unit_path")
channels = ", ".join(f"SUM(CASE WHEN s.channel = '{c}' THEN 1 ELSE 0 END)" for c in ("phone", "on_site", "online", "paper"))
statements = [
    f"""SELECT s.community_path, COUNT(*), SUM(CASE WHEN s.status = 'completed' THEN 1 ELSE 0 END), SUM(CASE WHEN s.status = 'refused' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.status = 'unreachable' THEN 1 ELSE 0 END), SUM(s.attempts), SUM(CASE WHEN s.secure THEN 1 ELSE 0 END), SUM(CASE WHEN s.secure IS NULL THEN 0 ELSE 1 END),
        SUM(CASE WHEN s.satisfied THEN 1 ELSE 0 END), SUM(CASE WHEN s.satisfied IS NULL THEN 0 ELSE 1 END), {channels}
        FROM survey_samples s WHERE s.round_id = {round_id} AND {scope} GROUP BY s.community_path""",
    # Each question's distribution, from the round's rollup.
    f"SELECT c.question, c.value, SUM(c.n) FROM survey_counts c WHERE c.round_id = {round_id} AND {cscope} GROUP BY c.question, c.value",
]
raw = []
for i in range(n + 2):
    t = time.monotonic()
    for q in statements: db.execute(q).fetchall()
    if i >= 2: raw.append(time.monotonic() - t)
(p50, p95), (r50, r95) = (t * 1000 for t in percentiles(page)), (t * 1000 for t in percentiles(raw))
print("results page /surveys/%s (%s of %s households answered): p50 %.0f ms, p95 %.0f ms; raw SQL p50 %.0f ms, p95 %.0f ms; ratio at p95 %.2f"
      % (round_id, completed.group(1) if completed else "?", completed.group(2) if completed else "?", p50, p95, r50, r95, p95 / r95))
