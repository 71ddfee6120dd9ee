"""For Benchmarks/import.sh and cases_import.sh: ROUNDS times, alternately, the raw ceiling (DATA.py raw
into a scratch copy of BASE) and `BIN import KIND FILE` on a fresh copy of BASE at DB; each round's
rates, then the best of each and their ratio (the VM's speed drifts between runs, so one pair can
mislead either way).
Usage: timed_import.py BIN KIND FILE ROWS UNIT BASE DB DATA.py [ROUNDS, default 3]"""
import re, shutil, subprocess, sys, time, os

binary, kind, path, rows, unit, base, db, data = sys.argv[1:9]
rounds = int(sys.argv[9]) if len(sys.argv) > 9 else 3
rows = int(rows)
ours, raws, ratios = [], [], []
for r in range(rounds):
    scratch = db + ".raw"
    raw = subprocess.run([sys.executable, data, "raw", base, scratch, path], capture_output=True, text=True, check=True).stdout.strip()
    for f in (scratch, scratch + "-wal", scratch + "-shm", db + "-wal", db + "-shm"):
        if os.path.exists(f): os.remove(f)
    shutil.copyfile(base, db)
    t = time.monotonic()
    run = subprocess.run([binary, "import", kind, path], capture_output=True, text=True)
    took = time.monotonic() - t
    rate, raw_rate = rows / took, float(re.search(r"([\d.]+) %s/s" % unit, raw).group(1))
    ours.append(rate); raws.append(raw_rate); ratios.append(rate / raw_rate)
    if r == 0: print((run.stdout + run.stderr).strip().splitlines()[-1])
    print("round %d: jingmin import %s %.1f s, %.0f %s/s%s; raw %.0f %s/s; ratio %.2f"
          % (r + 1, kind, took, rate, unit, "" if run.returncode == 0 else " (FAILED)", raw_rate, unit, rate / raw_rate))
print(raw.split(":")[0])
print("best of %d: jingmin import %s %.0f %s/s, raw %.0f %s/s — ratio to the raw ceiling %.2f (median of the rounds' ratios %.2f)"
      % (rounds, kind, max(ours), unit, max(raws), unit, max(ours) / max(raws), sorted(ratios)[len(ratios) // 2]))
