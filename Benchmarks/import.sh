#!/usr/bin/env bash
# Register import speed: `jingmin import register` (release build, SQLite) of a CSV of COUNT
# residents in new households on the demo bureau's grids — every row checked first, ID numbers
# and phones encrypted, one transaction — then the same rows inserted straight with Python's
# sqlite3 into a copy of the same database (the raw ceiling), and the ratio; ROUNDS (default 3) pairs, best of each.
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
cp "$WORK/import.sqlite" "$WORK/base.sqlite"
echo "jingmin release, SQLite, $COUNT residents ($(( $(wc -c < "$WORK/register.csv") / 1024 )) KB of CSV), $(nproc) cores, $(date -u +%F)"
python3 Benchmarks/timed_import.py "$BIN" register "$WORK/register.csv" "$COUNT" residents "$WORK/base.sqlite" "$WORK/import.sqlite" Benchmarks/import_data.py "${ROUNDS:-3}"
