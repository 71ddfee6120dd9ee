"""Times /dashboard for a station and a bureau leader and the raw figure queries behind it (SQLite or PostgreSQL)."""
import calendar, datetime, http.client, re, sqlite3, subprocess, sys, time
from web_session import percentiles, sign_in

# dbspec: the SQLite file, or the postgres:// URL the server uses.
port, dbspec, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
accounts = [(sys.argv[4], sys.argv[5]), (sys.argv[6], sys.argv[7])]


# This month in China time, as the page's default period; its days and month as the rollups key them.
now = datetime.datetime.utcnow() + datetime.timedelta(hours=8)
a = calendar.timegm((now.year, now.month, 1, 0, 0, 0)) - 8 * 3600
b = calendar.timegm((now.year + now.month // 12, now.month % 12 + 1, 1, 0, 0, 0)) - 8 * 3600
day_a, day_b, month = (a + 8 * 3600) // 86400, (b + 8 * 3600) // 86400, now.year * 100 + now.month
pg = dbspec.startswith("postgres")
week0 = ((min(b - 1, int(time.time())) + 8 * 3600) // 86400 + 3) // 7 - 11   # the first of the trend's 12 weeks
day_of_created = "CAST(FLOOR((date_part('epoch', created_at) + 28800) / 86400) AS BIGINT)" if pg else "CAST((created_at + 28800) / 86400 AS INTEGER)"


def lit_time(x):
    return f"to_timestamp({x})" if pg else str(x)


def queries(path, children):
    """The statements `Store.figureCounts` runs for a unit compared with the units one level down."""
    def rng(p): return f"unit_path >= '{p}' AND unit_path < '{p[:-1]}0'"
    g = "CASE " + " ".join(f"WHEN {rng(c)} THEN {i}" for i, c in enumerate(children)) + " ELSE -1 END AS g" if children else "-1 AS g"
    P, A, B, T = rng(path), lit_time(a), lit_time(b), lit_time(time.time())
    dur = "date_part('epoch', resolved_at - created_at)" if pg else "(resolved_at - created_at)"
    everyone = "SELECT g, d FROM x UNION ALL SELECT -2, d FROM x" if children else "SELECT g, d FROM x"
    median = (f"WITH x AS (SELECT g, d FROM (SELECT {g}, CASE WHEN status IN ('resolved', 'closed') THEN {dur} END AS d FROM requests "
              f"WHERE {P} AND created_at >= {A} AND created_at < {B}) r WHERE d IS NOT NULL) ")
    if pg:
        median += f"SELECT COALESCE(g, -2), percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM x GROUP BY {'GROUPING SETS ((g), ())' if children else 'g'}"
    else:
        median += (f"SELECT g, AVG(d) FROM (SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM ({everyone}) u) y "
                   f"WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g")
    return [
        f"SELECT {g}, SUM(households) FROM household_counts WHERE {P} GROUP BY g",
        f"SELECT {g}, SUM(visits), SUM(persons) FROM visit_days WHERE {P} AND day >= {day_a} AND day < {day_b} GROUP BY g",
        f"SELECT {g}, SUM(households) FROM visit_unit_months WHERE {P} AND month = {month} GROUP BY g",
        f"SELECT {g}, COUNT(*), SUM(CASE WHEN rule_code = 'care' AND completed_at <= due_at THEN 1 ELSE 0 END) FROM tasks WHERE {P} AND status = 'done' AND completed_at >= {A} AND completed_at < {B} GROUP BY g",
        f"SELECT {g}, COUNT(*), SUM(CASE WHEN due_at < {T} THEN 1 ELSE 0 END) FROM tasks WHERE {P} AND status = 'open' GROUP BY g",
        f"SELECT {g}, COUNT(*), SUM(CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END), SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END) FROM requests WHERE {P} AND created_at >= {A} AND created_at < {B} GROUP BY g",
        median,
        # the 12 weeks' trend and the two request lists (the request list's joins, simplified)
        f"SELECT (day + 3) / 7 AS w, SUM(visits) FROM visit_days WHERE {P} AND day >= {week0 * 7 - 3} AND day < {week0 * 7 + 81} GROUP BY w",
        f"SELECT ({day_of_created} + 3) / 7 AS w, COUNT(*) FROM requests WHERE {P} AND created_at >= {lit_time((week0 * 7 - 3) * 86400 - 28800)} AND created_at < {lit_time((week0 * 7 + 81) * 86400 - 28800)} GROUP BY w",
        f"SELECT q.*, ru.name, au.display_name FROM requests q LEFT JOIN units ru ON ru.id = q.responsible_unit_id LEFT JOIN users au ON au.id = q.assignee_id WHERE q.{P} AND q.status IN ('new', 'assigned', 'in_progress') AND q.deadline_at < {T} ORDER BY q.deadline_at LIMIT 10",
        f"SELECT q.*, ru.name, au.display_name FROM requests q LEFT JOIN units ru ON ru.id = q.responsible_unit_id LEFT JOIN users au ON au.id = q.assignee_id WHERE q.{P} AND q.status IN ('new', 'assigned', 'in_progress') AND q.deadline_at >= {T} AND q.deadline_at <= {lit_time(time.time() + 86400)} ORDER BY q.deadline_at LIMIT 10",
        f"SELECT {g}, COUNT(*), SUM(residents) FROM meetings WHERE {P} AND held_at >= {A} AND held_at < {B} GROUP BY g",
    ]


if pg:
    url = dbspec.replace("tlsmode=", "sslmode=")
    def sql(q):
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", url, "-c", q], check=True, capture_output=True, text=True).stdout
        return [line.split("|") for line in out.splitlines() if line]
    def raw_ms(path, children):
        script = "\\timing on\n" + "".join(q + ";\n" for q in queries(path, children))
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", url], input=script, check=True, capture_output=True, text=True).stdout
        return sum(float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", out, re.M))
else:
    db = sqlite3.connect(f"file:{dbspec}?mode=ro", uri=True)
    def sql(q): return db.execute(q).fetchall()
    def raw_ms(path, children):
        start = time.perf_counter()
        for q in queries(path, children): db.execute(q).fetchall()
        return (time.perf_counter() - start) * 1000


for user, password in accounts:
    cookie = sign_in(port, user, password)
    c = http.client.HTTPConnection("127.0.0.1", int(port))
    ts = []
    for i in range(n + 2):
        t = time.perf_counter()
        c.request("GET", "/dashboard", headers={"Cookie": cookie})
        r = c.getresponse(); body = r.read()
        assert r.status == 200, (r.status, body[:200])
        if i >= 2: ts.append((time.perf_counter() - t) * 1000)   # the first two warm the caches
    unit = re.search(r"<h1>([^<]*)</h1>", body.decode()).group(1)
    path = sql(f"SELECT u.path FROM users a JOIN units u ON u.id = a.unit_id WHERE a.username = '{user}'")[0][0]
    children = [r[0] for r in sql(f"SELECT path FROM units WHERE parent_id = (SELECT id FROM units WHERE path = '{path}') ORDER BY id")]
    raws = sorted(raw_ms(path, children) for _ in range(max(5, n // 4)))
    p50, p95 = percentiles(ts)
    raw50 = raws[len(raws) // 2]
    print(f"{user:9s} {unit}: page p50 {p50:.0f} ms, p95 {p95:.0f} ms; raw SQL (same queries) median {raw50:.0f} ms; ratio {p50 / raw50:.2f}")
