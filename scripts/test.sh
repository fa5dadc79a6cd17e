#!/usr/bin/env bash
# Sets everything up and runs every test: native (CTest); the engine's and the server's tests again under
# ASan + UBSan (clang, against a sanitized finsim-server) and a short run of every libFuzzer target
# (docs/fuzzing.md);
# the web side (Vitest, then Playwright with Debian's Chromium against the built site and server).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/setup.sh --tests
scripts/build.sh Release
(cd build/release && ctest --output-on-failure -j "${FINSIM_JOBS:-$(nproc)}")

scripts/build.sh Sanitize
(cd build/sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "${FINSIM_JOBS:-$(nproc)}" -L 'engine_tests|server_tests')
scripts/fuzz.sh "${FINSIM_FUZZ_SECONDS:-15}"

if [[ -f web/package.json ]]; then
  npm run --silent test --workspace web
  npm run --silent e2e --workspace web
fi
echo "test: all tests passed in $((SECONDS - start)) s"
