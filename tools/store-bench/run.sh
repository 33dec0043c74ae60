#!/usr/bin/env bash
# The session-store load benchmark (issue 15): 8 worker processes, 200 sessions, 20 events each,
# against the directory store and against PostgreSQL; checks that no event was lost or applied
# twice and that every final state hash equals a straight replay. Figures: docs/performance.md.
#   tools/store-bench/run.sh [WORKERS SESSIONS EVENTS]
# PostgreSQL: $LIA_STORE if it is a postgresql:// URL, else a throwaway cluster (.ci/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/lia.jar ] || mvn -B -q package -DskipTests
dir=$(mktemp -d /tmp/lia-store-bench-dir.XXXXXX)
trap 'rm -rf "$dir"' EXIT
java -cp target/lia.jar tools/store-bench/StoreBench.java bench "$dir" "$@"
url=${LIA_STORE:-}
if [[ "$url" != postgresql://* ]]; then
  source .ci/postgres.sh
  trap 'rm -rf "$dir"; lia_postgres_stop' EXIT
  lia_postgres_start
  url=${LIA_TEST_POSTGRES:?no PostgreSQL server}
fi
java -cp target/lia.jar tools/store-bench/StoreBench.java bench "$url" "$@"
