#!/usr/bin/env bash
# The long differential run against V8 (see docs/security.md):
#   tools/difftest/run.sh COUNT [FIRST_SEED] [OUT_DIR]
# needs wasm-opt (Debian package binaryen) and node on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >/dev/null
exec java -Xss16m -Xmx2g -cp "target/classes:target/test-classes:$(cat target/test-cp.txt)" \
  dev.lia.difftest.DifferentialMain "${1:-1000}" "${2:-1}" "${3:-target/difftest}"
