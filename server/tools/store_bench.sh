#!/usr/bin/env bash
# Durable acknowledged orders per second on both stores (docs/deploy.md, "Acknowledged orders per
# second"): a fresh finsim-server on a SQLite file on disk, then on a fresh PostgreSQL database of a
# throwaway cluster (scripts/postgresql_cluster.sh, Unix socket), each driven by finsim-orders-bench
# with 1, 16 and 64 clients for SECONDS each. Prints one line per run: store, clients, acknowledged
# orders, orders/s, latency p50 and p99 (ms), failed requests. A benchmark, not a test.
# Usage: server/tools/store_bench.sh [BUILD_DIR] [SECONDS]   (defaults: build/release 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
seconds=${2:-10}
dir=$(mktemp -d)
chmod 755 "$dir"
cluster=$dir/pg
trap 'scripts/postgresql_cluster.sh stop "$cluster" >/dev/null 2>&1 || true; kill "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT

start_server() {  # $1: --db target; sets $pid and $port
  "$build/server/finsim-server" --port 0 --db "$1" --threads 2 --web /nonexistent >"$dir/server.out" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q serving "$dir/server.out" && break; sleep 0.1; done
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/server.out")
  if [[ -z $port ]]; then cat "$dir/server.out" >&2; exit 1; fi
}
run() {  # $1: store name
  for clients in ${FINSIM_BENCH_CLIENTS:-1 16 64}; do
    "$build/server/finsim-orders-bench" --port "$port" --clients "$clients" --seconds "$seconds" >"$dir/bench.json"
    python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(sys.argv[2], sys.argv[3], j["acknowledged_orders"], round(j["orders_per_second"]), round(j["latency_ms"]["p50"], 2),
      round(j["latency_ms"]["p99"], 1), j["failed"], sep="\t")
' "$dir/bench.json" "$1" "$clients"
  done
}

echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'store\tclients\tacknowledged\torders/s\tp50 ms\tp99 ms\tfailed\n'
start_server "$dir/bench.db"
run sqlite
kill "$pid"; wait "$pid" 2>/dev/null || true
uri=$(scripts/postgresql_cluster.sh start "$cluster")
psql "$uri" -qc "CREATE DATABASE bench" >/dev/null
start_server "${uri/\/postgres\?//bench?}"
run postgresql
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
