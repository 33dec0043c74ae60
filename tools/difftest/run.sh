#!/usr/bin/env bash
# The long differential run against V8 (see docs/security.md):
#   tools/difftest/run.sh COUNT [FIRST_SEED] [OUT_DIR]
# uses binaryen 132 and node 26 from tools/difftest/install-tools.sh (~/.cache/lia-tools, or
# $LIA_DIFFTEST_TOOLS) for modules with the 3.0 features, else wasm-opt and node on PATH (2.0 modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >/dev/null
exec java -Xss16m -Xmx2g -cp "target/classes:target/test-classes:$(cat target/test-cp.txt)" \
  dev.lia.difftest.DifferentialMain "${1:-1000}" "${2:-1}" "${3:-target/difftest}"
