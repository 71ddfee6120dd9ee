#!/usr/bin/env bash
# Paper survey import speed: `jingmin import survey` (release build, SQLite) of N typed-up
# questionnaires for a bureau round sampling N households added to the demo — every row checked
# against the questionnaire, the sample and the quota first, then one transaction — next to the
# same rows stored straight with Python's sqlite3 into a copy of the same database (the raw
# ceiling), and the ratio; ROUNDS (default 3) pairs, best of each. Then the round's results page
# at that size: p50/p95 of N requests next to its grouped queries run straight on the database.
# Usage: Benchmarks/survey_import.sh [questionnaires, default 100000]   (BIN=path/to/jingmin to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
WORK=$(mktemp -d /tmp/jingmin-survey.XXXXXX)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
BIN=${BIN:-.build/release/jingmin}
[ "$BIN" != ".build/release/jingmin" ] || swift build -c release --product jingmin >/dev/null 2>&1
export JINGMIN_SQLITE_PATH="$WORK/survey.sqlite" JINGMIN_KEY_FILE="$WORK/survey.key" LOG_LEVEL=warning
"$BIN" demo > "$WORK/demo.log" 2>&1
ROUND=$(python3 Benchmarks/survey_data.py gen "$WORK/survey.sqlite" "$WORK/survey.csv" "$N")
cp "$WORK/survey.sqlite" "$WORK/base.sqlite"
echo "jingmin release, SQLite, $N paper questionnaires ($(( $(wc -c < "$WORK/survey.csv") / 1024 )) KB of CSV) for round $ROUND, $(nproc) cores, $(date -u +%F)"
# timed_import.py runs `BIN import survey FILE`; the account comes from the environment.
cat > "$WORK/as-juzhang" <<SH
#!/usr/bin/env bash
exec "$BIN" "\$@" --as juzhang
SH
chmod +x "$WORK/as-juzhang"
python3 Benchmarks/timed_import.py "$WORK/as-juzhang" survey "$WORK/survey.csv" "$N" questionnaires "$WORK/base.sqlite" "$WORK/survey.sqlite" Benchmarks/survey_data.py "${ROUNDS:-3}"

PORT=${PORT:-8193}
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && break; sleep 1; done
python3 Benchmarks/survey_results.py "$PORT" "$WORK/survey.sqlite" "$ROUND" juzhang "$(grep -a ' juzhang ' "$WORK/demo.log" | awk '{print $3}')" "${REQUESTS:-40}"
