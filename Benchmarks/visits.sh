#!/usr/bin/env bash
# Visit logging throughput: 64 concurrent clients POST /api/v1/visits, each visit with two
# findings, release build, demo bureau on SQLite (or PostgreSQL when DATABASE_URL is set).
# Usage: Benchmarks/visits.sh [seconds, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
PORT=${PORT:-8189}
WORK=$(mktemp -d /tmp/jingmin-bench.XXXXXX)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product jingmin >/dev/null
JINGMIN_SQLITE_PATH="$WORK/bench.sqlite" JINGMIN_KEY_FILE="$WORK/bench.key" LOG_LEVEL=warning \
  .build/release/jingmin demo --serve --port "$PORT" > "$WORK/demo.log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && break; sleep 1; done
PW=$(grep -a " juzhang " "$WORK/demo.log" | awk '{print $3}')
TOKEN=$(python3 - "$PORT" "$PW" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/api/v1/auth/login", method="POST",
    data=json.dumps({"username": "juzhang", "password": sys.argv[2]}).encode(), headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["token"])
PY
)
echo "jingmin release, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), demo bureau, wrk -t2 -c64 -d${DURATION}s, $(nproc) cores, $(date -u +%F)"
TOKEN="$TOKEN" HOUSEHOLDS=624 wrk -t2 -c64 -d"${DURATION}s" -s Benchmarks/visits.lua "http://127.0.0.1:$PORT" | tail -1
python3 - "$WORK/bench.sqlite" <<'PY' 2>/dev/null || true
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("stored: %d visits, %d findings" % (db.execute("select count(*) from visits").fetchone()[0], db.execute("select count(*) from visit_findings").fetchone()[0]))
PY
