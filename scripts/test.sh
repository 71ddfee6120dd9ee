#!/usr/bin/env bash
# Runs every test: domain + app tests on SQLite, the same again on PostgreSQL (a throwaway
# cluster on 127.0.0.1), and the real-browser smoke test in headless Chromium.
# Installs what it needs (Debian: postgresql, chromium, chromium-driver, CJK fonts, zbar-tools; PyPI: selenium, openpyxl, schemathesis, georeport; open311 for Python 2.7).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/reference_clock.sh
WORK=$(mktemp -d /tmp/jingmin-test.XXXXXX)
SCREENSHOTS=${SCREENSHOTS:-$ROOT/screenshots}
PGPORT=${PGPORT:-55432}
SERVER_PORT=${SERVER_PORT:-8089}
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "${PGBIN:-}" ] && su postgres -c "$PGBIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)   # Chinese glyphs in screenshots
command -v zbarimg >/dev/null || need_apt+=(zbar-tools)   # reads back the survey links' printed QR codes
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || pip install -q selenium
python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl
python3 -c "import yaml" 2>/dev/null || pip install -q pyyaml

echo "== the OpenAPI document: only schema keywords (a YAML slip makes a sentence a key)"
python3 scripts/check_spec.py

echo "== build (debug, once for everything)"
swift build --build-tests

echo "== tests on SQLite"
swift test --skip-build 2>&1 | tee "$WORK/sqlite.log" | grep -E "✘|Test run|error" || true
grep -q "Test run with .* passed" "$WORK/sqlite.log"

echo "== tests on PostgreSQL"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg"
su postgres -c "$PGBIN/initdb -D $WORK/pg -U postgres --auth=trust" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $WORK/pg -w -l $WORK/pg/log -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK/pg -c fsync=off' start" >/dev/null
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc \"CREATE ROLE jingmin LOGIN PASSWORD 'jingmin'\""
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE jingmin_test OWNER jingmin'"
DATABASE_URL="postgres://jingmin:jingmin@127.0.0.1:$PGPORT/jingmin_test?tlsmode=disable" \
  swift test --skip-build 2>&1 | tee "$WORK/pg.log" | grep -E "✘|Test run|error" || true
grep -q "Test run with .* passed" "$WORK/pg.log"

echo "== two server processes, one PostgreSQL, one scheduler's work"
bash scripts/two_schedulers.sh "$PGPORT" "$WORK" | tee "$WORK/sched.log"

echo "== crash durability: kill -9 under load, restart, every acknowledged visit still there"
bash scripts/crash_test.sh "$WORK" 2>&1 | grep -E "^crash test|审计" | tee "$WORK/crash.log"
bash scripts/crash_test.sh "$WORK" "$PGPORT" 2>&1 | grep -E "^crash test|审计" | tee -a "$WORK/crash.log"

echo "== Open311 GeoReport v2 with two clients from PyPI (open311, georeport)"
bash scripts/open311_clients.sh .build/debug/jingmin | tee "$WORK/open311.log"
grep -q "^open311: OK" "$WORK/open311.log"

echo "== real browser (headless Chromium, 390x844 and 1280x800)"
JINGMIN_SQLITE_PATH="$WORK/browser.sqlite" JINGMIN_KEY_FILE="$WORK/browser.key" \
  .build/debug/jingmin demo --serve --port "$SERVER_PORT" > "$WORK/demo.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$SERVER_PORT/healthz', timeout=2)" 2>/dev/null && break
  sleep 1
done
JINGMIN_URL="http://127.0.0.1:$SERVER_PORT" JINGMIN_LOGINS="$WORK/demo.log" \
  timeout 300 python3 scripts/browser_smoke.py "$SCREENSHOTS" | tee "$WORK/browser.log"

echo "== API against its own OpenAPI document on SQLite, then on PostgreSQL (schemathesis, bounded; links followed)"
bash scripts/fuzz.sh 25 600 2>&1 | tee "$WORK/fuzz.log" | tail -14
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE jingmin_fuzz OWNER jingmin'"
DATABASE_URL="postgres://jingmin:jingmin@127.0.0.1:$PGPORT/jingmin_fuzz?tlsmode=disable" \
  bash scripts/fuzz.sh 25 600 2>&1 | tee "$WORK/fuzz-pg.log" | tail -14

count() { grep -oE "Test run with [0-9]+ tests" "$1" | tail -1 | grep -oE "[0-9]+"; }
echo "SQLite:     $(grep -E "Test run with" "$WORK/sqlite.log" | tail -1)"
echo "PostgreSQL: $(grep -E "Test run with" "$WORK/pg.log" | tail -1)"
echo "schemathesis on SQLite: $(grep -E "[0-9]+ generated" "$WORK/fuzz.log" | tail -1 | xargs)"
echo "schemathesis on PostgreSQL: $(grep -E "[0-9]+ generated" "$WORK/fuzz-pg.log" | tail -1 | xargs)"
echo "screenshots in $SCREENSHOTS"
browser=$(grep -oE "browser: [0-9]+ passed" "$WORK/browser.log" | grep -oE "[0-9]+")
sched=$(grep -c "^  ok " "$WORK/sched.log")
crash=$(grep -c "^crash test" "$WORK/crash.log")
open311=$(grep -c "client)" "$WORK/open311.log")
echo "all: $(( $(count "$WORK/sqlite.log") + $(count "$WORK/pg.log") + browser + sched + crash + open311 )) passed, 0 failed"
