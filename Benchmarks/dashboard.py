"""Times /dashboard for a station and a bureau leader and the raw figure queries behind it."""
import calendar, datetime, http.client, http.cookiejar, re, sqlite3, sys, time, urllib.parse, urllib.request

port, dbfile, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
accounts = [(sys.argv[4], sys.argv[5]), (sys.argv[6], sys.argv[7])]


def session(user, password):
    jar = http.cookiejar.CookieJar()
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k): return None
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', op.open(f"http://127.0.0.1:{port}/login").read().decode()).group(1)
    try: op.open(f"http://127.0.0.1:{port}/login", data=urllib.parse.urlencode({"username": user, "password": password, "_csrf": csrf}).encode())
    except urllib.error.HTTPError: pass
    return next(c.value for c in jar if c.name == "jm_session")


def percentiles(ts):
    ts = sorted(ts)
    return ts[len(ts) // 2], ts[min(len(ts) - 1, int(len(ts) * 0.95))]


# This month in China time, as the page's default period.
now = datetime.datetime.utcnow() + datetime.timedelta(hours=8)
a = calendar.timegm((now.year, now.month, 1, 0, 0, 0)) - 8 * 3600
b = calendar.timegm((now.year + now.month // 12, now.month % 12 + 1, 1, 0, 0, 0)) - 8 * 3600
P = "unit_path >= ? AND unit_path < ?"
queries = [
    (f"SELECT COUNT(*) FROM households WHERE {P}", False),
    (f"SELECT COUNT(*), COUNT(DISTINCT household_id), SUM(CASE WHEN resident_ids = '' THEN 0 ELSE LENGTH(resident_ids) - LENGTH(REPLACE(resident_ids, ';', '')) + 1 END) FROM visits WHERE {P} AND visited_at >= ? AND visited_at < ?", True),
    (f"SELECT COUNT(*), SUM(CASE WHEN rule_code = 'care' AND completed_at <= due_at THEN 1 ELSE 0 END) FROM tasks WHERE {P} AND status = 'done' AND completed_at >= ? AND completed_at < ?", True),
    (f"SELECT COUNT(*), SUM(CASE WHEN due_at < {time.time()} THEN 1 ELSE 0 END) FROM tasks WHERE {P} AND status = 'open'", False),
    (f"SELECT COUNT(*), SUM(CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END), SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END) FROM requests WHERE {P} AND created_at >= ? AND created_at < ?", True),
    (f"SELECT resolved_at - created_at FROM requests WHERE {P} AND created_at >= ? AND created_at < ? AND resolved_at IS NOT NULL ORDER BY 1 LIMIT 1 OFFSET 100", True),
    (f"SELECT COUNT(*), SUM(residents) FROM meetings WHERE {P} AND held_at >= ? AND held_at < ?", True),
]
db = sqlite3.connect(f"file:{dbfile}?mode=ro", uri=True)


def raw_ms(path):
    """The figure queries for a unit and for each unit one level down, as the page runs them."""
    paths = [path] + [r[0] for r in db.execute("SELECT path FROM units WHERE parent_id = (SELECT id FROM units WHERE path = ?)", (path,))]
    t = time.perf_counter()
    for p in paths:
        hi = p[:-1] + chr(ord(p[-1]) + 1)
        for q, dated in queries:
            db.execute(q, (p, hi, a, b) if dated else (p, hi)).fetchall()
    return (time.perf_counter() - t) * 1000


for user, password in accounts:
    cookie = session(user, password)
    c = http.client.HTTPConnection("127.0.0.1", int(port))
    ts = []
    for i in range(n + 2):
        t = time.perf_counter()
        c.request("GET", "/dashboard", headers={"Cookie": "jm_session=" + cookie})
        r = c.getresponse(); body = r.read()
        assert r.status == 200, (r.status, body[:200])
        if i >= 2: ts.append((time.perf_counter() - t) * 1000)   # the first two warm the caches
    unit = re.search(r"<h1>([^<]*)</h1>", body.decode()).group(1)
    path = db.execute("SELECT u.path FROM users a JOIN units u ON u.id = a.unit_id WHERE a.username = ?", (user,)).fetchone()[0]
    raws = sorted(raw_ms(path) for _ in range(max(5, n // 4)))
    p50, p95 = percentiles(ts)
    raw50 = raws[len(raws) // 2]
    print(f"{user:9s} {unit}: page p50 {p50:.0f} ms, p95 {p95:.0f} ms; raw SQL (same queries) median {raw50:.0f} ms; ratio {p50 / raw50:.2f}")
