#!/usr/bin/env bash
# Case import speed: `jingmin import cases` (release build, SQLite) of CASES cases with their victims
# (one case in ten has three) on the demo bureau's grids — every row checked first, ID numbers and
# phones encrypted and blind-indexed, a task per victim, one transaction — then the same rows inserted
# straight with Python's sqlite3 into a copy of the same database (the raw ceiling), and the ratio;
# ROUNDS (default 3) pairs, best of each.
# Usage: Benchmarks/cases_import.sh [cases, default 10000]   (BIN=path/to/jingmin to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-10000}
WORK=$(mktemp -d /tmp/jingmin-cases.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BIN=${BIN:-.build/release/jingmin}
[ "$BIN" != ".build/release/jingmin" ] || swift build -c release --product jingmin >/dev/null 2>&1
export JINGMIN_SQLITE_PATH="$WORK/cases.sqlite" JINGMIN_KEY_FILE="$WORK/cases.key" LOG_LEVEL=warning
"$BIN" demo > "$WORK/demo.log" 2>&1
python3 Benchmarks/cases_data.py gen "$WORK/cases.sqlite" "$WORK/cases.csv" "$CASES"
VICTIMS=$(( $(wc -l < "$WORK/cases.csv") - 1 ))
cp "$WORK/cases.sqlite" "$WORK/base.sqlite"
echo "jingmin release, SQLite, $CASES cases, $VICTIMS victims ($(( $(wc -c < "$WORK/cases.csv") / 1024 )) KB of CSV), $(nproc) cores, $(date -u +%F)"
python3 Benchmarks/timed_import.py "$BIN" cases "$WORK/cases.csv" "$VICTIMS" victims "$WORK/base.sqlite" "$WORK/cases.sqlite" Benchmarks/cases_data.py "${ROUNDS:-3}"
