#!/usr/bin/env bash
# Fuzzes Lia's fuzz targets (Jazzer, see docs/security.md).
#   tools/fuzz.sh [-j JOBS] [DURATION] [TARGET...]
# DURATION is per target (Jazzer's syntax: 30s, 10m, 1h; default 10m). TARGET is Class#method;
# by default all of them. -j runs that many targets at once (one core each; default 1).
# The generated corpus accumulates in .cifuzz-corpus/ (not committed); a finding is written to
# src/test/resources/<package>/<Class>Inputs/<method>/ and, once fixed, stays there as a regression
# input that mvn test replays. Each target's log is target/fuzz-Class-method.log; its last status
# line (#runs, coverage, corpus) is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=1
if [ "${1:-}" = "-j" ]; then jobs="$2"; shift 2; fi
duration="${1:-10m}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(WasmFuzzTest#pipeline TextFuzzTest#parse LiaFuzzTest#compile StateFuzzTest#load WasiStateFuzzTest#load)
fi
mvn -q test-compile
fuzz_one() {
  local t="$1" log="target/fuzz-${1/\#/-}.log"
  echo "== fuzzing $t for $duration (log: $log)"
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" mvn -q surefire:test -Dtest="$t" \
       -Dsurefire.reportsDirectory="target/surefire-reports-fuzz-${t/\#/-}" >"$log" 2>&1; then
    echo "== $t: no finding; $(grep -E '^#[0-9]+' "$log" | tail -1 | cut -c1-160)"
  else
    echo "== $t: FINDING or failure: see $log"
    return 1
  fi
}
export -f fuzz_one
export duration
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzz_one "$1"' _ {}
