#!/usr/bin/env bash
# The load test of docs/server.md: for each N, a fresh finsim-server (--stamp, in-memory database)
# on a free loopback port, finsim-load with N viewers at 10 steps/s, then SIGTERM.
# Usage: server/tools/load_test.sh [BUILD_DIR] [SECONDS] [N ...]   (defaults: build 20 100 1000 5000)
# With DEFLATE=1 in the environment the viewers offer permessage-deflate, as browsers do.
set -euo pipefail
build=${1:-build}
seconds=${2:-20}
shift $(($# < 2 ? $# : 2))
counts=("$@")
((${#counts[@]})) || counts=(100 1000 5000)
ulimit -n "$(ulimit -Hn)"  # each viewer is a descriptor on both sides

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "| viewers | messages/s | STATE delay median ms | p99 ms | dropped STATE_UPDATEs | final state held | server CPU | server peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in "${counts[@]}"; do
  "$build/server/finsim-server" --port 0 --db :memory: --stamp --max-connections 20000 \
    --max-connections-per-client 20000 --web /nonexistent >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 50); do grep -q serving "$out" && break; sleep 0.1; done
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out")
  echo "load average before N=$n: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  deflate=()
  [[ ${DEFLATE:-0} == 1 ]] && deflate=(--deflate)
  report=$("$build/server/finsim-load" --port "$port" --viewers "$n" --seconds "$seconds" --speed 10 \
    --server-pid "$pid" "${deflate[@]}") || true
  echo "$report" >&2
  grep '^|' <<<"$report" || true
  kill -TERM "$pid"
  wait "$pid" || true
done
