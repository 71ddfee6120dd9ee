# Reads a list page by page, one request after the other, until COUNT records or the time
# bound; prints records listed, pages, total seconds, p50/p95 per page.
# Jingmin pages carry the next address in a Link header; django-helpdesk's (DRF) in the body.
import json, re, sys, time, http.client
host, port, auth, first, count, bound = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
conn = http.client.HTTPConnection(host, port, timeout=120)
url, listed, times, started = first, 0, [], time.monotonic()
while url and listed < count and time.monotonic() - started < bound:
    t = time.monotonic()
    conn.request("GET", url, headers={"Authorization": auth})
    r = conn.getresponse(); body = json.loads(r.read())
    times.append(time.monotonic() - t)
    assert r.status == 200, (r.status, body)
    if isinstance(body, dict):   # DRF: {"count", "next", "results"}
        listed += len(body["results"]); url = body["next"] and re.sub(r"^https?://[^/]+", "", body["next"])
    else:
        listed += len(body); m = re.match(r"<([^>]+)>", r.getheader("Link") or ""); url = m and m.group(1)
total = time.monotonic() - started
times.sort()
print("listed %d in %d pages, %.1f s (%.0f records/s), page p50 %.1f ms p95 %.1f ms%s" % (
    listed, len(times), total, listed / total, times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000,
    "" if listed >= count else "  (stopped at the %d s bound)" % bound))
