#!/usr/bin/env bash
# Sets everything up and runs every test: native (CTest), the engine again under ASan + UBSan, and the
# web side (Vitest, then Playwright with Debian's Chromium against the built site and server).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/setup.sh
scripts/build.sh Release
(cd build/release && ctest --output-on-failure -j "${FINSIM_JOBS:-$(nproc)}")

scripts/build.sh Sanitize
(cd build/sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "${FINSIM_JOBS:-$(nproc)}" -L engine_tests)

if [[ -f web/package.json ]]; then
  npm run --silent test --workspace web
  npm run --silent e2e --workspace web
fi
echo "test: all tests passed in $((SECONDS - start)) s"
