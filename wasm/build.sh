#!/usr/bin/env bash
# Builds the engine as WebAssembly with Debian's Emscripten into build/wasm and copies the two
# variants to wasm/dist: finsim.mjs + finsim.wasm (ES6, Web Worker; imported by web/) and
# finsim-node.cjs + finsim-node.wasm (CommonJS, Node; tests and benchmarks).
# Usage: wasm/build.sh [wasm|js|none]   (C++ exception model, see wasm/CMakeLists.txt; default wasm)
set -euo pipefail
cd "$(dirname "$0")/.."
eh=${1:-${FINSIM_WASM_EXCEPTIONS:-wasm}}
dir=${FINSIM_WASM_BUILD_DIR:-build/wasm}
# Debian's emcc needs Node to find acorn & co. in Debian's module folder.
export NODE_PATH=/usr/share/nodejs
# Header-only libraries through a folder of links: never -I/usr/include under Emscripten.
inc=$PWD/$dir/include
mkdir -p "$inc"
ln -sfn /usr/include/nlohmann "$inc/nlohmann"
ln -sfn /usr/include/eigen3/Eigen "$inc/Eigen"
emcmake cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DFINSIM_WASM_INCLUDE_DIR="$inc" -DFINSIM_WASM_EXCEPTIONS="$eh" \
  -DFINSIM_BUILD_TESTS=OFF -DFINSIM_BUILD_SERVER=OFF \
  -Dnlohmann_json_DIR=/usr/share/cmake/nlohmann_json >/dev/null
ninja -C "$dir" -j "${FINSIM_JOBS:-2}" finsim_web finsim_node
out=${FINSIM_WASM_DIST:-wasm/dist}
mkdir -p "$out"
cp "$dir"/wasm/finsim.mjs "$dir"/wasm/finsim.wasm "$dir"/wasm/finsim-node.cjs "$dir"/wasm/finsim-node.wasm "$out"/
echo "wasm: built $out ($eh exceptions)"
