"""和谐警铃 across instances: the duty desk (suozhang) and a neighbour of the group (linju) have
their live pages open on one server process; a resident (jumin) presses through another process
on the same PostgreSQL; both streams must carry the alarm (NOTIFY on commit → LISTEN on the
other). Prints the delay from the press to each page.
Usage: python3 live_alarm_check.py WATCH_PORT PRESS_PORT DEMO_LOG   (127.0.0.1 only, bounded)"""
import http.cookiejar, json, re, sys, threading, time, urllib.parse, urllib.request

watch, pressing, demo_log = sys.argv[1], sys.argv[2], sys.argv[3]
logins = dict(re.findall(r"\s(\w+)\s+(\S{12})\s", open(demo_log, encoding="utf-8").read()))

def signed_in(user):
    web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = web.open(f"http://127.0.0.1:{watch}/login", timeout=5).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    web.open(f"http://127.0.0.1:{watch}/login", data=urllib.parse.urlencode(
        {"username": user, "password": logins[user], "_csrf": csrf}).encode(), timeout=5)
    return web

arrived = {}
def listen(user, snapshots):
    with signed_in(user).open(f"http://127.0.0.1:{watch}/alarms/events", timeout=15) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if not line.startswith("data:"):
                continue
            d = json.loads(line[5:])
            snapshots.append(d)
            if d["alarms"] and user not in arrived:
                arrived[user] = (time.time(), d["alarms"][0])
                return
streams = {u: [] for u in ("suozhang", "linju")}
for u, s in streams.items():
    threading.Thread(target=listen, args=(u, s), daemon=True).start()
for _ in range(50):
    if all(streams.values()): break
    time.sleep(0.1)
assert all(streams.values()), "each stream sends the open alarms at once"
assert all(not s[0]["alarms"] for s in streams.values()), "no alarm is open before the press"

def api(path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(f"http://127.0.0.1:{pressing}{path}", data=json.dumps(body).encode(), headers=headers, method="POST")
    return json.load(urllib.request.urlopen(req, timeout=5))
token = api("/api/v1/auth/login", {"username": "jumin", "password": logins["jumin"]})["token"]
pressed_at = time.time()
alarm = api("/api/v1/alarms", {"kind": "burglary", "note": "两实例警铃测试"}, token)
for _ in range(50):
    if len(arrived) == 2: break
    time.sleep(0.05)
assert len(arrived) == 2, f"the alarm reached only {sorted(arrived)} on the other instance"
for user, (at, shown) in sorted(arrived.items()):
    assert shown["id"] == alarm["id"] and "入室盗窃" in shown["title"], shown
    print(f"  ok   alarm across instances: {user}'s page on :{watch} shows it {int((at - pressed_at) * 1000)} ms after the press on :{pressing}")
