"""For the page benchmarks (dashboard.py, survey_results.py): a sign-in through the real login
form, giving the Cookie header a browser would send, and the p50/p95 of a list of timings."""
import http.cookiejar, re, urllib.error, urllib.parse, urllib.request


def sign_in(port, user, password):
    jar = http.cookiejar.CookieJar()
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k): return None
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', op.open(f"http://127.0.0.1:{port}/login").read().decode()).group(1)
    try: op.open(f"http://127.0.0.1:{port}/login", data=urllib.parse.urlencode({"username": user, "password": password, "_csrf": csrf}).encode())
    except urllib.error.HTTPError: pass   # the redirect after signing in
    return "jm_session=" + next(c.value for c in jar if c.name == "jm_session")


def percentiles(ts):
    ts = sorted(ts)
    return ts[len(ts) // 2], ts[min(len(ts) - 1, int(len(ts) * 0.95))]
