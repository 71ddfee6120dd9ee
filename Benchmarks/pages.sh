#!/usr/bin/env bash
# Page and API latency on the demo bureau, release build, SQLite, loopback only.
# Usage: Benchmarks/pages.sh [seconds per URL, default 10]
# Needs wrk (Debian package). Prints requests/s and latency percentiles per URL.
DURATION=${1:-10}
PORT=${PORT:-8188}
source "$(dirname "$0")/lib.sh"
TOKEN=$(api_token minjing)
SESSION=$(web_session minjing)
BASE="http://127.0.0.1:$PORT"
run() {  # name, path, header
  local out; out=$(wrk -t2 -c16 -d"${DURATION}s" --latency -H "$3" "$BASE$2")
  printf "%-28s %8s req/s  p50 %-8s p99 %-8s\n" "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"
}
echo "jingmin release, SQLite, demo bureau (624 households, ~1,600 residents), wrk -t2 -c16 -d${DURATION}s, $(nproc) cores, $(date -u +%F)"
run "web: home (counts)"       "/"                    "Cookie: jm_session=$SESSION"
run "web: grid (52 households)" "/units/4"            "Cookie: jm_session=$SESSION"
run "web: resident"            "/residents/1"         "Cookie: jm_session=$SESSION"
run "web: search by name"      "/search?q=%E7%8E%8B"  "Cookie: jm_session=$SESSION"
run "api: resident"            "/api/v1/residents/1"  "Authorization: Bearer $TOKEN"
run "api: households of grid"  "/api/v1/households?gridID=4" "Authorization: Bearer $TOKEN"
