#!/usr/bin/env bash
# Builds everything: the native tree (engine, CLI, server, tests) in build/<type>, the WASM module in
# build/wasm, and the static web app in web/dist. Usage: scripts/build.sh [Release|Debug|Sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-Release}
jobs=${FINSIM_JOBS:-$(nproc)}

case "$type" in
  Release) dir=build/release; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  Debug) dir=build/debug; flags=(-DCMAKE_BUILD_TYPE=Debug) ;;
  Sanitize) dir=build/sanitize; flags=(-DCMAKE_BUILD_TYPE=Debug -DFINSIM_SANITIZE=ON -DFINSIM_BUILD_SERVER=OFF) ;;
  *) echo "usage: scripts/build.sh [Release|Debug|Sanitize]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
ninja -C "$dir" -j "$jobs"

if [[ $type == Release ]]; then
  if [[ -x wasm/build.sh ]]; then wasm/build.sh; fi
  if [[ -f web/package.json ]]; then npm run --silent build --workspace web; fi
fi
