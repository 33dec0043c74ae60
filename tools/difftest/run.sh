#!/usr/bin/env bash
# The long differential run against V8 (see docs/security.md):
#   tools/difftest/run.sh COUNT [FIRST_SEED] [OUT_DIR] [SHARD/SHARDS]
#   tools/difftest/run.sh --summary [OUT_DIR]
# uses binaryen 132 and node 26 from tools/difftest/install-tools.sh (~/.cache/lia-tools, or
# $LIA_DIFFTEST_TOOLS) for modules with the 3.0 features, else wasm-opt and node on PATH (2.0 modules).
# Resumable: started again with the same arguments it goes on after the last seed judged. Shardable:
# e.g. `run.sh 10000 1 OUT 0/2` and `run.sh 10000 1 OUT 1/2` side by side (under nice -n 19), then --summary OUT.
# LIA_DIFFTEST_NO_BUILD=1 skips the build (for a second shard started while the first runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${LIA_DIFFTEST_NO_BUILD:-}" != 1 ]; then
  mvn -q -o -B test-compile >/dev/null
fi
# the runtime dependencies at the versions pom.xml names, from the local Maven repository (offline:
# the dependency plugin's own dependencies need not be there)
version() { sed -n "/<artifactId>$1<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}" pom.xml; }
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
antlr=$(sed -n 's/.*<antlr.version>\(.*\)<\/antlr.version>.*/\1/p' pom.xml)
out="${3:-target/difftest}"
if [ "${1:-}" != --summary ]; then
  # the code under test copied beside the results, so that a rebuild while a long run goes on changes nothing
  # in it (a second shard with LIA_DIFFTEST_NO_BUILD=1 uses the copy the first one made)
  mkdir -p "$out"
  if [ "${LIA_DIFFTEST_NO_BUILD:-}" != 1 ] || [ ! -d "$out/classes" ]; then
    rm -rf "$out/classes" "$out/test-classes"
    cp -r target/classes target/test-classes "$out/"
  fi
  cp="$out/classes:$out/test-classes"
else
  cp="target/classes:target/test-classes"
fi
cp="$cp:$m2/org/antlr/antlr4-runtime/$antlr/antlr4-runtime-$antlr.jar"
cp="$cp:$m2/info/picocli/picocli/$(version picocli)/picocli-$(version picocli).jar"
cp="$cp:$m2/org/jline/jline/$(version jline)/jline-$(version jline).jar"
cp="$cp:$m2/org/ow2/asm/asm/$(version asm)/asm-$(version asm).jar"
if [ "${1:-}" = --summary ]; then
  exec java -cp "$cp" dev.lia.difftest.DifferentialMain --summary "${2:-target/difftest}"
fi
exec java -Xss16m -Xmx2g -cp "$cp" \
  dev.lia.difftest.DifferentialMain "${1:-1000}" "${2:-1}" "$out" "${4:-0/1}"
