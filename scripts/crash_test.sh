#!/usr/bin/env bash
# Crash durability: start the server, let 16 clients log visits as fast as they can, kill the
# server with SIGKILL in the middle, start it again, and check that every visit that was
# answered 2xx is there (read back through the API) and, on SQLite, PRAGMA integrity_check.
# Usage: scripts/crash_test.sh WORKDIR [PGPORT]   (SQLite without PGPORT; PostgreSQL with it)
set -euo pipefail
WORK=$1 PGPORT=${2:-}
BIN=${BIN:-.build/debug/jingmin}
PORT=${CRASH_PORT:-8193}
export JINGMIN_KEY_FILE="$WORK/crash.key" JINGMIN_SQLITE_PATH="$WORK/crash.sqlite" LOG_LEVEL=warning JINGMIN_SCHEDULER_SECONDS=0
if [ -n "$PGPORT" ]; then
  su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'DROP DATABASE IF EXISTS jingmin_crash'" >/dev/null 2>&1
  su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE jingmin_crash OWNER jingmin'"
  export DATABASE_URL="postgres://jingmin:jingmin@127.0.0.1:$PGPORT/jingmin_crash?tlsmode=disable"
  DB=PostgreSQL
else
  rm -f "$WORK"/crash.sqlite*
  DB=SQLite
fi
wait_up() { for _ in $(seq 1 120); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && return 0; sleep 0.5; done; return 1; }

"$BIN" demo --serve --port $PORT > "$WORK/crash-demo.log" 2>&1 &
PID=$!
wait_up
PASSWORD=$(grep -a " juzhang " "$WORK/crash-demo.log" | awk '{print $3}')
# The load runs in the background; the server is killed 4 s into it.
python3 - "$PORT" "$PASSWORD" "$WORK/acked.txt" > "$WORK/crash-load.log" 2>&1 <<'PY' &
import json, os, sys, threading, time, urllib.request, urllib.error
port, password, out = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.status, json.load(r)
_, login = call("POST", "/api/v1/auth/login", {"username": "juzhang", "password": password})
token = login["token"]
acked, lock, deadline = [], threading.Lock(), time.time() + 20
def worker(n):
    i = 0
    while time.time() < deadline:
        i += 1
        cid = f"crash-{n:02d}-{i:06d}"
        body = {"clientID": cid, "householdID": 1 + (n * 37 + i) % 600, "visitedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + float(os.environ.get("JINGMIN_CLOCK_OFFSET", "0")) - 60)),
                "method": "in_person", "categories": ["routine"], "findings": [{"kind": "need", "description": "断电测试"}]}
        try:
            status, visit = call("POST", "/api/v1/visits", body, token)
        except Exception:
            return   # the server is gone
        if status in (200, 201):
            with lock: acked.append(f"{cid} {visit['id']}")
threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
open(out, "w").write("\n".join(acked) + "\n")
print(f"acknowledged {len(acked)}")
PY
LOAD=$!
sleep 4
kill -9 $PID
wait $LOAD || true
wait $PID 2>/dev/null || true

"$BIN" serve --hostname 127.0.0.1 --port $PORT > "$WORK/crash-serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
wait_up
PASSWORD=$(grep -a " juzhang " "$WORK/crash-demo.log" | awk '{print $3}')
python3 - "$PORT" "$PASSWORD" "$WORK/acked.txt" "$DB" <<'PY'
import json, sys, urllib.request
port, password, acked_file, db = sys.argv[1:5]
base = f"http://127.0.0.1:{port}"
req = urllib.request.Request(base + "/api/v1/auth/login", method="POST", data=json.dumps({"username": "juzhang", "password": password}).encode(),
                             headers={"Content-Type": "application/json"})
token = json.load(urllib.request.urlopen(req))["token"]
acked = [l.split() for l in open(acked_file) if l.strip()]
missing = 0
for cid, vid in acked:
    r = urllib.request.Request(f"{base}/api/v1/visits/{vid}", headers={"Authorization": "Bearer " + token})
    try:
        visit = json.load(urllib.request.urlopen(r, timeout=5))
        if visit["clientID"] != cid or len(visit["findings"]) != 1: missing += 1
    except Exception:
        missing += 1
print(f"crash test ({db}): {len(acked)} visits acknowledged before kill -9, {len(acked) - missing} found after restart")
sys.exit(1 if missing or len(acked) == 0 else 0)
PY
if [ -z "$PGPORT" ]; then
  result=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$WORK/crash.sqlite")
  echo "crash test (SQLite): PRAGMA integrity_check: $result"
  [ "$result" = ok ]
fi
"$BIN" audit verify
