"""For Benchmarks/alarms.sh: 和谐警铃 fan-out with thousands of live pages.
  setup FILE.sqlite OUT.json N   — N resident accounts in N new households, in 联防组 of nine
                                   on the demo's grids, each with a web session (its live page)
                                   and an API token (its press); the desks of the demo's two
                                   station leaders and its bureau leader get web sessions too.
                                   Written straight into the demo's database, before the server starts.
  bare PORT OUT.json             — the baseline: a bare server-sent-events endpoint doing the same
                                   fan-out (a press sends the group's open alarms to the group's
                                   pages and to the desks above it) with no database, no session
                                   lookup, no queries.
  run PORT OUT.json RATE SECONDS [PID] — connects every page to GET /alarms/events, presses RATE
                                   times a second for SECONDS (each press a different household,
                                   groups taken in turn) with POST /api/v1/alarms, and times each
                                   alarm from the press to its arrival on every page that should
                                   show it. Prints p50 / p99 / max, the deliveries missing, and the
                                   server's RSS (PID) with every page connected."""
import asyncio, hashlib, json, os, random, secrets, sqlite3, sys, time

def session_key(secret): return hashlib.sha256(secret.encode()).hexdigest()

def setup(path, out, n):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    now = time.time()
    grids = db.execute("SELECT id, path FROM units WHERE kind = 'grid' ORDER BY id").fetchall()
    leaders = {u: (i, p) for u, i, p in db.execute(
        "SELECT u.username, u.id, n.path FROM users u JOIN units n ON n.id = u.unit_id WHERE u.username IN ('suozhang', 'waisuo', 'juzhang')")}
    db.execute("BEGIN")
    pages, presses, desks = [], [], []
    for g in range((n + 8) // 9):
        grid_id, grid_path = grids[g % len(grids)]
        group = db.execute("INSERT INTO alarm_groups (grid_id, unit_path, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           (grid_id, grid_path, "基准联防组%d" % g, now, now)).fetchone()[0]
        station = "/" + "/".join(grid_path.strip("/").split("/")[:2]) + "/"
        for k in range(min(9, n - g * 9)):
            i = g * 9 + k
            h = db.execute("INSERT INTO households (grid_id, address, unit_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           (grid_id, "基准路%d号" % i, grid_path, now, now)).fetchone()[0]
            db.execute("INSERT INTO alarm_group_members (household_id, group_id, unit_path) VALUES (?, ?, ?)", (h, group, grid_path))
            u = db.execute("INSERT INTO users (username, display_name, password_hash, role, unit_id, household_id, disabled, created_at) "
                           "VALUES (?, ?, 'x', 'resident', ?, ?, 0, ?) RETURNING id", ("bench%05d" % i, "基准居民%d" % i, grid_id, h, now)).fetchone()[0]
            web, api = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            for secret, kind in ((web, "web"), (api, "api")):
                db.execute("INSERT INTO auth_sessions (id, user_id, kind, created_at, last_seen_at, client_address) VALUES (?, ?, ?, ?, ?, 'bench')",
                           (session_key(secret), u, kind, now, now))
            pages.append({"cookie": web, "topics": ["g%d" % group]})
            presses.append({"token": api, "group": group, "station": station})
    for name, (uid, path) in leaders.items():
        web = secrets.token_urlsafe(32)
        db.execute("INSERT INTO auth_sessions (id, user_id, kind, created_at, last_seen_at, client_address) VALUES (?, ?, 'web', ?, ?, 'bench')",
                   (session_key(web), uid, now, now))
        pages.append({"cookie": web, "topics": [path], "desk": name})
    db.execute("COMMIT")
    # Presses: one household per group in turn, so consecutive presses reach different pages.
    order = sorted(range(len(presses)), key=lambda i: (i % 9, i // 9))
    json.dump({"pages": pages, "presses": [presses[i] for i in order]}, open(out, "w"))
    print(f"setup: {len(presses)} households in {(n + 8) // 9} groups, {len(pages)} pages ({len(leaders)} desks)")

def receivers(plan):
    """Which pages should show an alarm of a group in a station: the group's, and the desks above."""
    by_topic = {}
    for i, p in enumerate(plan["pages"]):
        for t in p["topics"]: by_topic.setdefault(t, []).append(i)
    def of(press):
        desks = [i for t, ids in by_topic.items() if t.startswith("/") and press["station"].startswith(t) for i in ids]
        return by_topic.get("g%d" % press["group"], []) + desks
    return of

# MARK: the bare baseline server

async def bare(port, plan_path):
    plan = json.load(open(plan_path))
    topics_of = {p["cookie"]: p["topics"] for p in plan["pages"]}
    press_of = {p["token"]: p for p in plan["presses"]}
    subscribers, open_alarms, next_id = {}, {}, [0]

    def chunk(data): return b"%x\r\n%s\r\n" % (len(data), data)

    def send(topic, writer_list_topic):
        for w in list(subscribers.get(topic, ())):
            alarms = open_alarms.get(writer_list_topic(w), [])
            w.write(chunk(b"data: " + json.dumps({"now": int(time.time() * 1000), "alarms": alarms[-100:]}).encode() + b"\n\n"))

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode().split("\r\n")
                method, path = lines[0].split(" ")[:2]
                headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                if method == "GET":
                    cookie = headers.get("cookie", "").split("jm_session=")[-1].split(";")[0]
                    topics = topics_of.get(cookie, [])
                    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
                    writer.topic = topics[0]
                    subscribers.setdefault(topics[0], set()).add(writer)
                    writer.write(chunk(b"data: " + json.dumps({"now": 0, "alarms": open_alarms.get(topics[0], [])}).encode() + b"\n\n"))
                    await reader.read()   # until the client goes
                    subscribers[topics[0]].discard(writer)
                    return
                p = press_of[headers["authorization"].split(" ")[1]]
                next_id[0] += 1
                alarm = {"id": next_id[0], "title": json.loads(body)["kind"], "place": "", "state": "", "since": int(time.time() * 1000), "late": False}
                group = "g%d" % p["group"]
                open_alarms.setdefault(group, []).append(alarm)
                for t in [t for t in subscribers if t.startswith("/") and p["station"].startswith(t)]:
                    open_alarms.setdefault(t, []).append(alarm)
                    send(t, lambda w: w.topic)
                send(group, lambda w: w.topic)
                out = json.dumps(alarm).encode()
                writer.write(b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(out), out))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096)
    print(f"bare server on :{port}", flush=True)
    await server.serve_forever()

# MARK: the load

async def run(port, plan_path, rate, seconds, pid):
    plan = json.load(open(plan_path))
    of = receivers(plan)
    arrivals = {}             # alarm id -> {page index: monotonic time}
    connected = [0]

    async def page(i, p, ready):
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 22)
        writer.write(("GET /alarms/events HTTP/1.1\r\nHost: bench\r\nCookie: jm_session=%s\r\nAccept: text/event-stream\r\n\r\n" % p["cookie"]).encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        assert b" 200 " in head.split(b"\r\n")[0], head[:200]
        buffer, first = b"", True
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            if size == 0: return
            buffer += await reader.readexactly(size + 2)
            buffer = buffer[:-2] if buffer.endswith(b"\r\n") else buffer
            while b"\n\n" in buffer:
                event, buffer = buffer.split(b"\n\n", 1)
                if not event.startswith(b"data: "): continue
                t = time.monotonic()
                for a in json.loads(event[6:])["alarms"]:
                    arrivals.setdefault(a["id"], {}).setdefault(i, t)
                if first:
                    first = False
                    connected[0] += 1
                    ready.set()

    pending = []
    gate = asyncio.Semaphore(200)
    async def connect(i, p):
        async with gate:
            ready = asyncio.Event()
            task = asyncio.create_task(page(i, p, ready))
            pending.append(task)
            await asyncio.wait([asyncio.create_task(ready.wait()), task], return_when=asyncio.FIRST_COMPLETED)
    t0 = time.monotonic()
    await asyncio.gather(*(connect(i, p) for i, p in enumerate(plan["pages"])))
    failed = [t for t in pending if t.done()]
    print(f"pages connected: {connected[0]} of {len(plan['pages'])} in {time.monotonic() - t0:.1f} s" + (f" ({len(failed)} closed: {failed[0].exception()!r})" if failed else ""), flush=True)
    rss = lambda: int(next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))) // 1024 if pid else None
    await asyncio.sleep(2)
    rss_connected = rss()

    # Presses on 16 keep-alive connections, on a fixed schedule.
    presses, sent = plan["presses"][: rate * seconds], {}
    queue = asyncio.Queue()
    for k, p in enumerate(presses): queue.put_nowait((k, p))
    start, errors, answered = time.monotonic() + 0.5, [], []
    async def presser():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while not queue.empty():
            k, p = queue.get_nowait()
            delay = start + k / rate - time.monotonic()
            if delay > 0: await asyncio.sleep(delay)
            body = b'{"kind":"burglary"}'
            at = time.monotonic()
            writer.write(b"POST /api/v1/alarms HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                         % (p["token"].encode(), len(body), body))
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(next(l.split(b":")[1] for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")))
            answer = await reader.readexactly(length)
            if b" 201 " not in head.split(b"\r\n")[0]:
                errors.append(head.split(b"\r\n")[0].decode()); continue
            answered.append((time.monotonic() - at) * 1000)
            sent[json.loads(answer)["id"]] = (at, p)
        writer.close()
    await asyncio.gather(*(presser() for _ in range(16)))
    took = time.monotonic() - start
    await asyncio.sleep(5)
    rss_end = rss()

    latencies, desks, lost = [], [], 0
    for alarm, (at, p) in sent.items():
        got = arrivals.get(alarm, {})
        for page_index in of(p):
            if page_index in got:
                latencies.append((got[page_index] - at) * 1000)
                if "desk" in plan["pages"][page_index]: desks.append(latencies[-1])
            else: lost += 1
    latencies.sort(); desks.sort()
    q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))] if latencies else float("nan")
    answered.sort()
    print(f"presses: {len(sent)} in {took:.1f} s ({len(sent) / took:.1f}/s), refused {len(errors)}{' ' + errors[0] if errors else ''}; "
          f"answered p50 {answered[len(answered) // 2] if answered else float('nan'):.1f} ms, p99 {answered[int(len(answered) * 0.99)] if answered else float('nan'):.1f} ms")
    print(f"deliveries: {len(latencies)} arrived, {lost} lost; press to page p50 {q(0.5):.1f} ms, p99 {q(0.99):.1f} ms, max {latencies[-1] if latencies else float('nan'):.1f} ms")
    if desks: print(f"  of which the desks: {len(desks)}, p50 {desks[len(desks) // 2]:.1f} ms, p99 {desks[int(len(desks) * 0.99)]:.1f} ms")
    if pid:
        ticks = sum(int(x) for x in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[11:13])
        print(f"server CPU: {ticks / os.sysconf('SC_CLK_TCK'):.1f} s over the whole run")
    if pid: print(f"server RSS: {rss_connected} MB with every page connected, {rss_end} MB at the end")
    for t in pending: t.cancel()
    os._exit(0)

if __name__ == "__main__":
    if sys.argv[1] == "setup": setup(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "bare": asyncio.run(bare(int(sys.argv[2]), sys.argv[3]))
    else: asyncio.run(run(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]) if len(sys.argv) > 6 else 0))
