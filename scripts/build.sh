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
  # ASan + UBSan with clang, which also builds the libFuzzer targets (fuzz/, docs/fuzzing.md).
  Sanitize) dir=build/sanitize; flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DFINSIM_SANITIZE=ON
                                       -DFINSIM_FUZZ=ON) ;;
  *) echo "usage: scripts/build.sh [Release|Debug|Sanitize]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
if [[ $type == Sanitize ]]; then
  # What runs under the sanitizers: the engine's and the server's tests, and the fuzzers.
  ninja -C "$dir" -j "$jobs" engine_tests server_tests fuzzers
else
  ninja -C "$dir" -j "$jobs"
fi

if [[ $type == Release ]]; then
  if [[ -x wasm/build.sh ]]; then wasm/build.sh; fi
  if [[ -f web/package.json ]]; then npm run --silent build --workspace web; fi
fi
