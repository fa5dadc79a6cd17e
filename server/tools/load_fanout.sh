#!/usr/bin/env bash
# The load test across instances (docs/deploy.md, "Many instances: figures"): a throwaway Redis, K
# finsim-server instances sharing it (--stamp, in-memory databases), and finsim-load with N viewers
# spread over the K instances round robin, the session driven through the first (which owns it) at
# 10 steps/s; then everything is stopped. For each K of KS and each N of NS, one run.
# Usage: server/tools/load_fanout.sh [BUILD_DIR] [SECONDS] "KS" "NS"
#   e.g. server/tools/load_fanout.sh build/release 20 "1 2 3" "1000 5000"
# With DEFLATE=1 in the environment the viewers offer permessage-deflate, as browsers do.
set -euo pipefail
build=${1:-build/release}
seconds=${2:-20}
ks=(${3:-1 2 3})
ns=(${4:-1000 5000})
ulimit -n "$(ulimit -Hn)"
dir=$(mktemp -d)
trap 'for p in "${pids[@]:-}"; do kill -TERM "$p" 2>/dev/null || true; done; scripts/redis_server.sh stop "$dir/redis"; rm -rf "$dir"' EXIT
url=$(scripts/redis_server.sh start "$dir/redis")

echo "| instances | viewers | messages/s | STATE delay median ms | p99 ms | dropped STATE_UPDATEs | final state held | servers' CPU | servers' peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
for k in "${ks[@]}"; do
  for n in "${ns[@]}"; do
    redis-cli -u "$url" flushall >/dev/null
    pids=()
    ports=()
    for i in $(seq "$k"); do
      out="$dir/server-$i.log"
      "$build/server/finsim-server" --port 0 --db :memory: --stamp --max-connections 20000 \
        --max-connections-per-client 20000 --web /nonexistent --redis "$url" --instance "i$i" >"$out" 2>&1 &
      pids+=($!)
      for _ in $(seq 50); do grep -q serving "$out" && break; sleep 0.1; done
      ports+=("$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out")")
    done
    args=(--port "${ports[0]}" --viewers "$n" --seconds "$seconds" --speed 10)
    for p in "${ports[@]}"; do args+=(--viewer-port "$p"); done
    for p in "${pids[@]}"; do args+=(--server-pid "$p"); done
    echo "load average before K=$k N=$n: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    [[ ${DEFLATE:-0} == 1 ]] && args+=(--deflate)
    report=$("$build/server/finsim-load" "${args[@]}") || true
    echo "$report" >&2
    grep '^|' <<<"$report" | sed "s/^|/| $k |/" || true
    for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
    pids=()
  done
done
