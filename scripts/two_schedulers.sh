#!/usr/bin/env bash
# Two server processes on one PostgreSQL, both running the scheduler every second over the
# same due work (overdue tasks, care visits coming due). Passes when every job ran on exactly
# one of them, every due task and notice exists once, and the audit chain is intact; and a
# notice written, or an alarm pressed, through one process reaches pages open on the other. Then
# `jingmin backup` / `jingmin restore` make a round trip through pg_dump and pg_restore.
# Usage: scripts/two_schedulers.sh PGPORT WORKDIR   (called by scripts/test.sh with its throwaway cluster)
set -euo pipefail
PGPORT=$1 WORK=$2
BIN=${BIN:-.build/debug/jingmin}
DB=jingmin_sched
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'DROP DATABASE IF EXISTS $DB'" >/dev/null
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE $DB OWNER jingmin'"
export DATABASE_URL="postgres://jingmin:jingmin@127.0.0.1:$PGPORT/$DB?tlsmode=disable" JINGMIN_KEY_FILE="$WORK/sched.key"
# The servers' clock (scripts/reference_clock.sh), for the ageing and the checks below.
NOW="(now() + interval '${JINGMIN_CLOCK_OFFSET:-0} seconds')"
q() { PGPASSWORD=jingmin psql -h 127.0.0.1 -p "$PGPORT" -U jingmin -d "$DB" -tAqc "$1"; }

JINGMIN_SCHEDULER_SECONDS=0 "$BIN" demo > "$WORK/sched-demo.log" 2>&1
# Age the demo: its tasks fall due (half of them five days ago, past the bureau's three), and
# everyone was registered and last visited (the demo's year of history) 100 days ago, so every
# care visit (30 or 90 days) is due.
q "UPDATE tasks SET due_at = $NOW - CASE WHEN id % 2 = 0 THEN interval '5 days' ELSE interval '1 hour' END"
q "UPDATE residents SET created_at = created_at - interval '100 days'"
q "UPDATE visits SET visited_at = visited_at - interval '100 days'"
overdue=$(q "SELECT count(*) FROM tasks WHERE status = 'open'")
care=$(q "SELECT count(*) FROM residents WHERE (';' || tags || ';') ~ ';(elderly_alone|left_behind_child|special_hardship|veteran);'")

pids=()
for port in 8191 8192; do
  JINGMIN_SCHEDULER_SECONDS=1 "$BIN" serve --hostname 127.0.0.1 --port $port > "$WORK/sched-$port.log" 2>&1 &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
# Both keep ticking for 12 s; each job is due once in that time (they repeat after 60 s / 10 min).
for _ in $(seq 1 60); do [ "$(q "SELECT count(*) FROM scheduler_jobs WHERE last_summary IS NOT NULL")" = 3 ] && break; sleep 0.5; done
# Meanwhile: a notice written, and an alarm pressed, through one process reach pages open on the other.
live=0
timeout 30 python3 scripts/live_inbox_check.py 8191 8192 "$WORK/sched-demo.log" > "$WORK/live.log" 2>&1 \
  && timeout 30 python3 scripts/live_alarm_check.py 8191 8192 "$WORK/sched-demo.log" >> "$WORK/live.log" 2>&1 && live=1
sleep 8
up=0
for port in 8191 8192; do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" 2>/dev/null && up=$((up + 1))
done
kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true

fail=0
check() { if [ "$2" = "$3" ]; then echo "  ok   $1: $2"; else echo "  FAIL $1: $2, expected $3"; fail=1; fi; }
runs() { cat "$WORK"/sched-819[12].log | grep -c "jobs: [a-z_,]*$1" || true; }
echo "two schedulers on one PostgreSQL: $overdue overdue tasks, $care care subjects"
check "escalation job runs (both processes)" "$(runs escalate_overdue)" 1
check "care job runs (both processes)" "$(runs care_tasks)" 1
check "processes serving throughout" "$up" 2
if [ $live = 1 ]; then cat "$WORK/live.log"; else echo "  FAIL live inbox / alarm across instances:"; tail -3 "$WORK/live.log"; fail=1; fi
check "overdue tasks escalated" "$(q "SELECT count(*) FROM tasks WHERE status = 'open' AND rule_code <> 'care' AND escalated <> 'none'")" "$overdue"
check "escalated to the bureau (5 days overdue)" "$(q "SELECT count(*) FROM tasks WHERE escalated = 'bureau'")" "$(q "SELECT count(*) FROM tasks WHERE status = 'open' AND rule_code <> 'care' AND due_at < $NOW - interval '3 days'")"
check "station notices, one per task and leader" "$(q "SELECT count(*) FROM notifications WHERE kind = 'task.station'")" \
  "$(q "SELECT count(*) FROM tasks t JOIN users u ON u.role = 'stationLeader' JOIN units n ON n.id = u.unit_id WHERE t.escalated = 'station' AND t.unit_path LIKE n.path || '%'")"
check "notices sent twice" "$(q "SELECT count(*) FROM (SELECT user_id, dedupe_key FROM notifications GROUP BY 1, 2 HAVING count(*) > 1) d")" 0
check "care tasks opened" "$(q "SELECT count(*) FROM tasks WHERE rule_code = 'care' AND status = 'open'")" "$care"
check "people with two open care tasks" "$(q "SELECT count(*) FROM (SELECT resident_id FROM tasks WHERE rule_code = 'care' AND status = 'open' GROUP BY 1 HAVING count(*) > 1) d")" 0
if "$BIN" audit verify > "$WORK/sched-audit.log" 2>&1; then echo "  ok   $(tail -1 "$WORK/sched-audit.log")"; else echo "  FAIL $(cat "$WORK/sched-audit.log")"; fail=1; fi

# Backup and restore on PostgreSQL (pg_dump / pg_restore through the jingmin commands).
rm -f "$WORK"/sched.dump*
"$BIN" backup "$WORK/sched.dump" > "$WORK/backup.log" 2>&1 || { cat "$WORK/backup.log"; fail=1; }
tasks_before=$(q "SELECT count(*) FROM tasks")
q "DELETE FROM notifications"
"$BIN" restore "$WORK/sched.dump" > "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; fail=1; }
check "restore brings back the notices deleted after the backup" "$(q "SELECT count(*) FROM notifications")" "$(grep -o '"notifications" : [0-9]*' "$WORK/sched.dump.manifest.json" | grep -oE '[0-9]+$')"
check "tasks after restore" "$(q "SELECT count(*) FROM tasks")" "$tasks_before"
[ $fail = 0 ] && echo "two schedulers: passed" || { echo "two schedulers: FAILED"; exit 1; }
