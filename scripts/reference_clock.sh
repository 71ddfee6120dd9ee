# Sourced by the test scripts: every server they start reads its clock shifted to one reference
# moment (a Monday morning, China time), so the demo's history, the due dates and what the fuzzer
# hits are the same on any date and a commit gets the same verdict whenever it runs. The app
# tests' own clock starts at the same moment (TestClock.reference in Tests/AppTests/TestApp.swift).
JINGMIN_REFERENCE_TIME="2026-11-23T09:30:00+08:00"
if [ -z "${JINGMIN_CLOCK_OFFSET:-}" ]; then
  JINGMIN_CLOCK_OFFSET=$(( $(date -d "$JINGMIN_REFERENCE_TIME" +%s) - $(date +%s) ))
  export JINGMIN_CLOCK_OFFSET
fi
