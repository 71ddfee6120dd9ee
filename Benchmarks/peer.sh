#!/usr/bin/env bash
# The peer: django-helpdesk (PyPI, in a virtualenv, gunicorn with one worker per core, SQLite)
# and Jingmin (release build, SQLite, the bureau demo) on this machine, one after the other in
# the same run: COUNT requests / tickets created through the JSON API by 16 concurrent clients (ab),
# then all COUNT read back page by page (100 a page) by one client.
# Usage: Benchmarks/peer.sh [count, default 10000]   (each step bounded: 600 s to create, 300 s to list)
COUNT=${1:-10000}
PORT=${PORT:-8193}
PEER_PORT=${PEER_PORT:-8194}
source "$(dirname "$0")/lib.sh"
command -v ab >/dev/null || { apt-get update -qq && apt-get install -y -qq apache2-utils >/dev/null; }
trap 'kill ${PID:-0} ${GPID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
VENV=${PEER_VENV:-$HOME/.cache/jingmin-peer-venv}
[ -x "$VENV/bin/gunicorn" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q django-helpdesk gunicorn; }
export PEER_DIR=$WORK/peer PYTHONPATH=$PWD/Benchmarks/peer DJANGO_SETTINGS_MODULE=settings
mkdir -p "$PEER_DIR"
"$VENV/bin/django-admin" migrate -v0
HD_TOKEN=$("$VENV/bin/django-admin" shell < Benchmarks/peer/setup.py 2>/dev/null | tail -1)
"$VENV/bin/gunicorn" -w "$(nproc)" -b "127.0.0.1:$PEER_PORT" --log-level warning 'django.core.wsgi:get_wsgi_application()' &
GPID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PEER_PORT/helpdesk/" && break; sleep 1; done
sync

echo "peer benchmark, $COUNT records, $(nproc) cores, $(date -u +%F); django-helpdesk $("$VENV/bin/pip" show django-helpdesk | awk '/^Version/{print $2}'), Django $("$VENV/bin/django-admin" --version)"
create() {  # name auth path body port — ab: exactly COUNT requests, 16 at a time
  printf '%s' "$4" > "$WORK/body.json"
  timeout 600 ab -q -k -n "$COUNT" -c 16 -T application/json -H "Authorization: $2" -p "$WORK/body.json" "http://127.0.0.1:$5$3" > "$WORK/ab.txt" || true
  awk -v name="$1" '/^Requests per second/{rps=$4} /\(Connect:/{gsub(/[(),]/, ""); failed=$2+$4+$8} /^Non-2xx responses/{non2xx=$3} /^Complete requests/{done=$3}
    /^  50%/{p50=$2} /^  99%/{p99=$2}
    END{printf "%s create: %d done, %.0f/s  p50 %d ms  p99 %d ms  errors %d  non-2xx %d\n", name, done, rps, p50, p99, failed, non2xx}' "$WORK/ab.txt"
}
list() {  # name port auth first-url
  python3 Benchmarks/peer/list.py 127.0.0.1 "$2" "$3" "$4" "$COUNT" 300 | sed "s/^/$1 list:   /"
}
JM_AUTH="Bearer $(api_token juzhang)"
create "jingmin        " "$JM_AUTH" /api/v1/requests '{"categoryCode":"traffic","description":"小区门口路灯不亮","address":"示范路1号"}' "$PORT"
create "django-helpdesk" "Token $HD_TOKEN" /helpdesk/api/tickets/ '{"queue":1,"title":"Street light out","description":"The street light at the gate is out","submitter_email":"bench@example.invalid","priority":3}' "$PEER_PORT"
list "jingmin        " "$PORT" "$JM_AUTH" "/api/v1/requests?show=all&limit=100"
list "django-helpdesk" "$PEER_PORT" "Token $HD_TOKEN" "/helpdesk/api/tickets/?page_size=100"
