#!/usr/bin/env bash
# Fuzzes Lia's fuzz targets (Jazzer, see docs/security.md) one after another.
#   tools/fuzz.sh [DURATION] [TARGET...]
# DURATION is per target (Jazzer's syntax: 30s, 10m, 1h; default 10m). TARGET is Class#method;
# by default all of them. The generated corpus accumulates in .cifuzz-corpus/ (not committed);
# a finding is written to src/test/resources/<package>/<Class>Inputs/<method>/ and, once
# fixed, stays there as a regression input that mvn test replays.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(WasmFuzzTest#decode WasmFuzzTest#validateCompileRun TextFuzzTest#parseModule
           TextFuzzTest#parseScript LiaFuzzTest#compile StateFuzzTest#load)
fi
mvn -q test-compile
status=0
for t in "${targets[@]}"; do
  echo "== fuzzing $t for $duration"
  log="target/fuzz-${t/\#/-}.log"
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" mvn -q surefire:test -Dtest="$t" >"$log" 2>&1; then
    echo "   no finding; $(grep -E '^#[0-9]+' "$log" | tail -1 | cut -c1-120)"
  else
    echo "   FINDING or failure: see $log"
    status=1
  fi
done
exit $status
