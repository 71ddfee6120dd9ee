"""For Benchmarks/import.sh and cases_import.sh: runs `BIN import KIND FILE`, times it, and sets its
rate next to the raw ceiling measured before (RAW.txt, a line ending in "N UNIT/s").
Usage: timed_import.py BIN KIND FILE ROWS UNIT RAW.txt"""
import re, subprocess, sys, time

binary, kind, path, rows, unit, raw_file = sys.argv[1:7]
t = time.monotonic()
run = subprocess.run([binary, "import", kind, path], capture_output=True, text=True)
took = time.monotonic() - t
rate = int(rows) / took
print((run.stdout + run.stderr).strip().splitlines()[-1])
print("jingmin import %s: %.1f s, %.0f %s/s%s" % (kind, took, rate, unit, "" if run.returncode == 0 else "  (FAILED)"))
raw = open(raw_file).read().strip()
print(raw)
print("ratio to the raw ceiling: %.2f" % (rate / float(re.search(r"([\d.]+) %s/s" % unit, raw).group(1))))
