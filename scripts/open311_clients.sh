#!/usr/bin/env bash
# Open311 GeoReport v2 with clients nobody here wrote: PyPI `open311` (Code for America's
# wrapper, Python 2) files a request and reads it back; PyPI `georeport` (Python 3) lists
# the services and reads the same request as JSON and XML. Also: no api_key → 403, an
# unknown service_code → 400, both in the Open311 error format, and nothing stored.
# Usage: scripts/open311_clients.sh [path/to/jingmin]   (traffic only to 127.0.0.1)
set -euo pipefail
BIN=${1:-.build/debug/jingmin}
WORK=$(mktemp -d)
PORT=${OPEN311_PORT:-8193}
export JINGMIN_SQLITE_PATH=$WORK/o.sqlite JINGMIN_KEY_FILE=$WORK/o.key JINGMIN_SCHEDULER_SECONDS=0
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# The Python 2 client needs a Python 2 interpreter: the machine's pyenv has one.
PY2=""
V2=$( (command -v pyenv >/dev/null && pyenv versions --bare 2>/dev/null | grep '^2\.7' | tail -1) || true)
[ -n "$V2" ] && PY2="env PYENV_VERSION=$V2 python"
[ -n "$PY2" ] || { echo "open311: a Python 2.7 interpreter is needed for the open311 client" >&2; exit 1; }
$PY2 -c "import sys; sys.path.insert(0, '$WORK/py2'); import open311" 2>/dev/null || $PY2 -m pip install -q --disable-pip-version-check --target "$WORK/py2" open311 >/dev/null 2>&1
python3 -c "import georeport" 2>/dev/null || pip install -q georeport >/dev/null 2>&1

"$BIN" demo > "$WORK/demo.txt" 2>&1
KEY=$("$BIN" open311 key "open311-ci" 2>/dev/null | tail -1)
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
ROOT="http://127.0.0.1:$PORT/open311/v2"

# 1. The Python 2 client files a request and reads it back.
ID=$($PY2 - "$ROOT" "$KEY" "$WORK/py2" <<'PY'
# -*- coding: utf-8 -*-
import sys, json, urllib2
sys.path.insert(0, sys.argv[3])
from open311 import Open311
root, key = sys.argv[1], sys.argv[2]
c = Open311(endpoint=root, format='json', jurisdiction='DEMO-CG', api_key=key)
answer = c.post_service_request(service_code='traffic', description=u'路口红绿灯坏了三天'.encode('utf-8'), lat='35.21', long='104.63',
                                first_name=u'三'.encode('utf-8'), last_name=u'张'.encode('utf-8'), phone='13800001234')
rid = answer[0]['service_request_id']
back = c.get_service_request(rid)[0]
assert back['service_code'] == 'traffic' and back['status'] == 'open', back
assert back['description'] == u'路口红绿灯坏了三天', back
assert 'phone' not in back and u'张' not in json.dumps(back, ensure_ascii=False), 'the requester is never published'
# Refusals, in the Open311 error format.
for params, code in [({'api_key': '', 'service_code': 'traffic'}, 403), ({'api_key': key, 'service_code': 'parking'}, 400)]:
    bad = Open311(endpoint=root, format='json', jurisdiction='DEMO-CG', api_key=params['api_key'])
    try:
        bad.post_service_request(service_code=params['service_code'], description='x', lat='35', long='104')
        raise SystemExit('expected %d' % code)
    except urllib2.HTTPError as e:
        body = json.loads(e.read())
        assert e.code == code and body[0]['code'] == code, (e.code, body)
print(rid)
PY
)
echo "open311 (Python 2 client): filed request $ID and read it back; 403 without api_key, 400 for an unknown service_code"

# 2. georeport reads services and the same request, as JSON and as XML.
python3 - "$ROOT" "$ID" <<'PY'
import sys
from georeport import GeoReport
root, rid = sys.argv[1], sys.argv[2]
for fmt in ('json', 'xml'):
    g = GeoReport(root, jurisdiction='DEMO-CG', output_format=fmt)
    services = g.get_service_list()
    assert any(s['service_code'] == 'traffic' for s in services), services
    one = g.get_service_request(rid)
    assert one['service_request_id'] == rid and one['status'] == 'open' and one['service_code'] == 'traffic', one
    listed = g.get_service_requests(status='open')
    listed = listed if isinstance(listed, list) else [listed]
    # Exactly the one filed: the refused ones (no api_key, unknown service_code) stored nothing.
    assert [r['service_request_id'] for r in listed] == [rid], listed
print("georeport (Python 3 client): services and request %s read back as JSON and XML" % rid)
PY

echo "open311: OK"
