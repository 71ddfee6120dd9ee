#!/usr/bin/env bash
# Dashboard latency at district scale: the station leader's and the bureau leader's /dashboard
# (this month: figures of the unit and of each unit one level down), requested one after the
# other as a signed-in browser would, release build, the district demo with its year of history
# (~2.1 M visits, ~106 k requests). Next to each: the same figure queries run straight on the
# database (Python's sqlite3, or psql), the raw ceiling; the ratio is the app's overhead.
# Usage: [DATABASE_URL=postgres://… | BENCH_DB=district.sqlite] Benchmarks/dashboard.sh [requests per page, default 40]
N=${1:-40}
PORT=${PORT:-8190}
SCALE=${SCALE:-district}
source "$(dirname "$0")/lib.sh"
DB=${DATABASE_URL:-$DBFILE}
echo "jingmin release, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), ${SCALE} demo with a year of history, $N requests per page, $(nproc) cores, $(date -u +%F)"
python3 Benchmarks/dashboard.py "$PORT" "$DB" "$N" suozhang "$(demo_password suozhang)" juzhang "$(demo_password juzhang)"
