"""Prints a bearer token for a demo account: `python3 scripts/api_token.py PORT DEMO_LOG USERNAME`.
The password is read from the accounts table `jingmin demo` printed into DEMO_LOG."""
import json, sys, urllib.request

port, log, user = sys.argv[1:4]
words = next(line.split() for line in open(log, encoding="utf-8", errors="replace") if f" {user} " in line)
password = words[words.index(user) + 1]
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/auth/login", method="POST",
                             data=json.dumps({"username": user, "password": password}).encode(), headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["token"])
