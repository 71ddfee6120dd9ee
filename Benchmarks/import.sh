#!/usr/bin/env bash
# Register import speed: `jingmin import register` (release build, SQLite) of a CSV of COUNT
# residents in new households on the demo bureau's grids — every row checked first, ID numbers
# and phones encrypted, one transaction — then the same rows inserted straight with Python's
# sqlite3 into a copy of the same database (the raw ceiling), and the ratio.
# Usage: Benchmarks/import.sh [count, default 100000]   (BIN=path/to/jingmin to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
WORK=$(mktemp -d /tmp/jingmin-import.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BIN=${BIN:-.build/release/jingmin}
[ "$BIN" != ".build/release/jingmin" ] || swift build -c release --product jingmin >/dev/null 2>&1
export JINGMIN_SQLITE_PATH="$WORK/import.sqlite" JINGMIN_KEY_FILE="$WORK/import.key" LOG_LEVEL=warning
"$BIN" demo > "$WORK/demo.log" 2>&1
python3 Benchmarks/import_data.py gen "$WORK/import.sqlite" "$WORK/register.csv" "$COUNT"
python3 Benchmarks/import_data.py raw "$WORK/import.sqlite" "$WORK/raw.sqlite" "$WORK/register.csv" > "$WORK/raw.txt"
rm -f "$WORK"/raw.sqlite*
echo "jingmin release, SQLite, $COUNT residents ($(( $(wc -c < "$WORK/register.csv") / 1024 )) KB of CSV), $(nproc) cores, $(date -u +%F)"
python3 - "$BIN" "$WORK/register.csv" "$COUNT" "$WORK/raw.txt" <<'PY'
import re, subprocess, sys, time
t = time.monotonic()
run = subprocess.run([sys.argv[1], "import", "register", sys.argv[2]], capture_output=True, text=True)
took = time.monotonic() - t
rate = int(sys.argv[3]) / took
print((run.stdout + run.stderr).strip().splitlines()[-1])
print("jingmin import: %.1f s, %.0f residents/s%s" % (took, rate, "" if run.returncode == 0 else "  (FAILED)"))
raw = open(sys.argv[4]).read().strip()
print(raw)
print("ratio to the raw ceiling: %.2f" % (rate / float(re.search(r"([\d.]+) residents/s", raw).group(1))))
PY
