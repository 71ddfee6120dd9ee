#!/usr/bin/env bash
# The offline copy of one big grid: N households (default 2,600, a Chengdu grid) added straight
# to the demo's 建设路社区第1网格 with two or three members each, then its officer's phone loads
# /offline/copy in headless Chromium on DevTools' "3G" profile (400 kbit/s each way, 2 s round
# trip): bytes on the wire, bytes once unpacked, and the time from request to parsed JSON.
# Goal (issue 24): under 1 MB compressed and under 10 s.
# Usage: Benchmarks/offline_copy.sh [households, default 2600]   (BIN=path/to/jingmin to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2600}
WORK=$(mktemp -d /tmp/jingmin-offline.XXXXXX)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
BIN=${BIN:-.build/release/jingmin}
[ "$BIN" != ".build/release/jingmin" ] || swift build -c release --product jingmin >/dev/null 2>&1
export JINGMIN_SQLITE_PATH="$WORK/offline.sqlite" JINGMIN_KEY_FILE="$WORK/offline.key" LOG_LEVEL=warning
"$BIN" demo > "$WORK/demo.log" 2>&1
python3 Benchmarks/offline_data.py "$WORK/offline.sqlite" minjing "$N"
PORT=${PORT:-8194}
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && break; sleep 1; done
echo "jingmin ($BIN), SQLite, one grid of $N more households, $(nproc) cores, $(date -u +%F)"
python3 Benchmarks/offline_copy.py "$PORT" minjing "$(grep -a ' minjing ' "$WORK/demo.log" | awk '{print $3}')"
