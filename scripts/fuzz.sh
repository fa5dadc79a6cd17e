#!/usr/bin/env bash
# Runs every libFuzzer target (fuzz/, docs/fuzzing.md) for SECONDS each (default 20), starting from its
# committed seeds in fuzz/corpus/<target>/. New inputs the fuzzer finds go to a scratch folder, so the
# committed seeds never change; a crash, leak, sanitizer report or hang (-timeout) fails the run and
# leaves the input in build/fuzz-artifacts/. Needs the Sanitize tree: scripts/build.sh Sanitize.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]      the long run: scripts/fuzz.sh 3600
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(fuzz_control_bodies fuzz_session_sequences fuzz_portfolio_bodies fuzz_analysis_inputs fuzz_price_imports
    fuzz_http_router fuzz_websocket_input)
fi
artifacts=build/fuzz-artifacts
mkdir -p "$artifacts"
for target in "${targets[@]}"; do
  scratch=$(mktemp -d)
  timeout=20  # seconds per input; the router's "why" answers may take longer (fuzz/fuzz_http_router.cpp)
  [[ $target == fuzz_http_router ]] && timeout=150
  log=$artifacts/$target.log
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build/sanitize/fuzz/$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$scratch" "fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz: $target: no crash in ${seconds} s ($runs inputs)"
  else
    tail -n 60 "$log" >&2
    echo "fuzz: $target FAILED (log: $log)" >&2
    rm -rf "$scratch"
    exit 1
  fi
  rm -rf "$scratch"
done
