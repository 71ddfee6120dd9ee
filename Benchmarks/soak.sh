#!/usr/bin/env bash
# Soak: a bounded mixed load of officers (pages, API reads, visit logging) and a resident
# against the release server on the demo bureau, SQLite; reports errors and the server's
# resident memory (RSS) after warm-up and at the end.
# Usage: Benchmarks/soak.sh [seconds, default 600]
DURATION=${1:-600}
PORT=${PORT:-8187}
source "$(dirname "$0")/lib.sh"
OFFICER_TOKEN=$(api_token minjing)
RESIDENT_TOKEN=$(api_token jumin)
RESIDENT_HOUSEHOLD=$(python3 -c "import json,sys,urllib.request; r=urllib.request.Request('http://127.0.0.1:$PORT/api/v1/me', headers={'Authorization':'Bearer $RESIDENT_TOKEN'}); print(json.load(urllib.request.urlopen(r))['householdID'])")
SESSION=$(web_session minjing)
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' /proc/$PID/status; }
echo "jingmin release, SQLite, demo bureau, mixed load wrk -t2 -c16 -d${DURATION}s, $(nproc) cores, $(date -u +%F)"
export OFFICER_TOKEN RESIDENT_TOKEN RESIDENT_HOUSEHOLD SESSION
wrk -t2 -c16 -d15s -s Benchmarks/soak.lua "http://127.0.0.1:$PORT" > /dev/null   # warm-up
echo "RSS after warm-up: $(rss)"
wrk -t2 -c16 -d"${DURATION}s" -s Benchmarks/soak.lua "http://127.0.0.1:$PORT" | tail -1
echo "RSS at the end:    $(rss)"
