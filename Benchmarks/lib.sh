# Shared by the benchmark scripts: build the release binary, start it on loopback with a
# throwaway demo (SCALE=bureau, the default, or SCALE=district: ~150 k households), and sign
# in. Source it after setting PORT.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORK=$(mktemp -d /tmp/jingmin-bench.XXXXXX)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product jingmin >/dev/null 2>&1
# BENCH_DB=file.sqlite reuses a demo made before (its key file next to it, file.key): the
# district demo takes minutes to make, and the figures do not need a fresh one each run.
DBFILE=${BENCH_DB:-$WORK/bench.sqlite}
JINGMIN_SQLITE_PATH="$DBFILE" JINGMIN_KEY_FILE="${DBFILE%.sqlite}.key" LOG_LEVEL=warning \
  .build/release/jingmin demo --scale "${SCALE:-bureau}" --serve --port "$PORT" > "$WORK/demo.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null && break; sleep 1; done
sync   # the demo's writes reach the disk before the clock starts, not during the measurement

demo_password() { grep -a " $1 " "$WORK/demo.log" | awk '{print $3}'; }

# api_token USERNAME: a bearer token for a demo account.
api_token() { python3 scripts/api_token.py "$PORT" "$WORK/demo.log" "$1"; }

# web_session USERNAME: a signed-in browser session cookie for a demo account (the login form, CSRF included).
web_session() {
  python3 -c 'import sys; sys.path.insert(0, "Benchmarks"); from web_session import sign_in; print(sign_in(*sys.argv[1:]).split("=", 1)[1])' \
    "$PORT" "$1" "$(demo_password "$1")"
}
