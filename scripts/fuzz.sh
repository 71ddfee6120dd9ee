#!/usr/bin/env bash
# The API against its own OpenAPI document (schemathesis): every operation, signed in as a demo
# officer, with the spec's links followed (a request filed, then read, assigned, started,
# resolved, supervised; a visit logged, then read). CI runs it bounded from scripts/test.sh;
# the long run: scripts/fuzz.sh 500 3600  (examples per operation, seconds at most).
# On PostgreSQL when DATABASE_URL is set (test.sh runs it on both), else on a throwaway SQLite file.
# Usage: scripts/fuzz.sh [max examples, default 25] [timeout seconds, default 600] [binary, default .build/debug/jingmin]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/reference_clock.sh
EXAMPLES=${1:-25} LIMIT=${2:-600} BIN=${3:-.build/debug/jingmin} PORT=${FUZZ_PORT:-8287}
command -v schemathesis >/dev/null || pip install -q schemathesis
WORK=$(mktemp -d /tmp/jingmin-fuzz.XXXXXX)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
JINGMIN_SQLITE_PATH="$WORK/fuzz.sqlite" JINGMIN_KEY_FILE="$WORK/fuzz.key" "$BIN" demo --serve --port "$PORT" > "$WORK/demo.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do   # the demo loads first: ~20 s on SQLite, longer on PostgreSQL
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && break
  kill -0 $PID 2>/dev/null || { cat "$WORK/demo.log"; exit 1; }
  sleep 1
done
TOKEN=$(python3 scripts/api_token.py "$PORT" "$WORK/demo.log" minjing)
# Business rules (an ID check digit, a grid outside the jurisdiction) rightly refuse some
# schema-valid input with 422, so that one check is left out; every other check runs.
timeout "$LIMIT" schemathesis run "http://127.0.0.1:$PORT/openapi.yaml" --url "http://127.0.0.1:$PORT" \
  -H "Authorization: Bearer $TOKEN" --max-examples "$EXAMPLES" --seed 20261123 --generation-deterministic \
  --exclude-operation-id logout --exclude-checks positive_data_acceptance
