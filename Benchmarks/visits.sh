#!/usr/bin/env bash
# Visit logging throughput: 64 concurrent clients POST /api/v1/visits, each visit with two
# findings, release build, demo on SQLite (or PostgreSQL when DATABASE_URL is set).
# Usage: [SCALE=district] Benchmarks/visits.sh [seconds, default 15]
DURATION=${1:-15}
PORT=${PORT:-8189}
source "$(dirname "$0")/lib.sh"
TOKEN=$(api_token juzhang)
HOUSEHOLDS=$(grep -aoE "register: [0-9]+ households" "$WORK/demo.log" | grep -oE "[0-9]+" || true)
# A reused demo (BENCH_DB) does not print its register: count it.
if [ -z "$HOUSEHOLDS" ] && [ -n "${DATABASE_URL:-}" ]; then
  HOUSEHOLDS=$(psql -X -A -t "${DATABASE_URL/tlsmode=/sslmode=}" -c "select count(*) from households")
elif [ -z "$HOUSEHOLDS" ]; then
  HOUSEHOLDS=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from households").fetchone()[0])' "$DBFILE")
fi
echo "jingmin release, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), demo at scale ${SCALE:-bureau} ($HOUSEHOLDS households), wrk -t2 -c64 -d${DURATION}s, $(nproc) cores, $(date -u +%F)"
TOKEN="$TOKEN" HOUSEHOLDS=$HOUSEHOLDS wrk -t2 -c64 -d"${DURATION}s" -s Benchmarks/visits.lua "http://127.0.0.1:$PORT" | tail -1
[ -n "${DATABASE_URL:-}" ] || python3 Benchmarks/visits_raw.py "$DBFILE" "$WORK/raw.sqlite" "$DURATION"
python3 - "$DBFILE" <<'PY' 2>/dev/null || true
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("stored: %d visits, %d findings" % (db.execute("select count(*) from visits").fetchone()[0], db.execute("select count(*) from visit_findings").fetchone()[0]))
PY
