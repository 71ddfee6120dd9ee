"""Live inbox across instances: a station leader's page is open on one server process; a
resident files a request through another process on the same PostgreSQL; the leader's
server-sent event stream must carry the new notice (NOTIFY on commit → LISTEN on the other).
Usage: python3 live_inbox_check.py WATCH_PORT FILE_PORT DEMO_LOG   (127.0.0.1 only, bounded)"""
import http.cookiejar, json, re, sys, threading, time, urllib.parse, urllib.request

watch, filing, demo_log = sys.argv[1], sys.argv[2], sys.argv[3]
logins = dict(re.findall(r"\s(\w+)\s+(\S{12})\s", open(demo_log, encoding="utf-8").read()))

jar = http.cookiejar.CookieJar()
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = web.open(f"http://127.0.0.1:{watch}/login", timeout=5).read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
web.open(f"http://127.0.0.1:{watch}/login", data=urllib.parse.urlencode(
    {"username": "suozhang", "password": logins["suozhang"], "_csrf": csrf}).encode(), timeout=5)

events = []
def listen():
    with web.open(f"http://127.0.0.1:{watch}/inbox/events", timeout=15) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("data:"):
                events.append(json.loads(line[5:]))
            if len(events) >= 2:
                return
threading.Thread(target=listen, daemon=True).start()
for _ in range(50):
    if events: break
    time.sleep(0.1)
assert events, "the stream sends the current count at once"

def api(path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(f"http://127.0.0.1:{filing}{path}", data=json.dumps(body).encode(), headers=headers, method="POST")
    return json.load(urllib.request.urlopen(req, timeout=5))
token = api("/api/v1/auth/login", {"username": "jumin", "password": logins["jumin"]})["token"]
filed_at = time.time()
api("/api/v1/requests", {"categoryCode": "traffic", "description": "两实例实时消息测试：路灯不亮"}, token)
for _ in range(50):
    if len(events) >= 2: break
    time.sleep(0.1)
assert len(events) >= 2, "no live event reached the other instance"
assert "两实例实时消息测试" in events[-1]["latest"] and events[-1]["unread"] == events[0]["unread"] + 1, events
print(f"  ok   live inbox across instances: notice on :{watch} {int((time.time() - filed_at) * 1000)} ms after filing on :{filing}")
