#!/usr/bin/env bash
# 和谐警铃 fan-out on the release build: N live pages (default 10,000 residents in 联防组 of nine,
# and the desks of two stations and the bureau) connected to /alarms/events on SQLite, RATE
# presses a second (default 100) for SECONDS (default 60), each timed from the press to every
# page that should show it; the server's RSS with every page connected. Then the same load on a
# bare server-sent-events endpoint doing the same fan-out with nothing else (the baseline).
# Usage: Benchmarks/alarms.sh [N] [RATE] [SECONDS]    (BIN=path: a release binary already built)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000} RATE=${2:-100} DURATION=${3:-60} PORT=${PORT:-9191}
WORK=$(mktemp -d /tmp/jingmin-alarms.XXXXXX)
PID=0 BARE=0
trap 'kill $PID $BARE 2>/dev/null || true; rm -rf "$WORK"' EXIT
# Every page holds a socket on each side.
ulimit -n "$(ulimit -Hn)"
if [ -z "${BIN:-}" ]; then swift build -c release --product jingmin >/dev/null 2>&1; BIN=.build/release/jingmin; fi
export JINGMIN_SQLITE_PATH="$WORK/alarms.sqlite" JINGMIN_KEY_FILE="$WORK/alarms.key" LOG_LEVEL=warning
"$BIN" demo > "$WORK/demo.log" 2>&1
python3 Benchmarks/alarm_fanout.py setup "$WORK/alarms.sqlite" "$WORK/plan.json" "$N"
# No scheduler: escalations after a minute would add their own wake-ups to the measurement.
JINGMIN_SCHEDULER_SECONDS=0 "$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && break; sleep 1; done
echo "== Jingmin ($N pages, $RATE presses/s for $DURATION s)"
python3 Benchmarks/alarm_fanout.py run "$PORT" "$WORK/plan.json" "$RATE" "$DURATION" "$PID"
kill $PID; wait $PID 2>/dev/null || true; PID=0
python3 Benchmarks/alarm_fanout.py bare $((PORT + 1)) "$WORK/plan.json" > "$WORK/bare.log" 2>&1 &
BARE=$!
sleep 1
echo "== bare SSE endpoint, same pages and presses (baseline)"
python3 Benchmarks/alarm_fanout.py run $((PORT + 1)) "$WORK/plan.json" "$RATE" "$DURATION" "$BARE"
