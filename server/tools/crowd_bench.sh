#!/usr/bin/env bash
# The many-portfolios measurement of docs/portfolio-api.md ("Many portfolios"): a fresh finsim-server on
# a database on disk, N idle portfolios, then orders from 4 clients alone, with 4 clients polling
# /api/portfolios, with 4 polling /api/overview, one bar at a time, and an order placed during a 7 MB
# CSV import; then a second server whose N portfolios each hold a position. Prints the bench's JSON per
# step (medians and percentiles) and the import's timings. A benchmark, not a test.
# Usage: server/tools/crowd_bench.sh [BUILD_DIR] [N]   (defaults: build 8000)
set -euo pipefail
build=${1:-build}
n=${2:-8000}
bench="$build/server/finsim-orders-bench"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

start_server() {  # $1: database file; sets $pid and $port
  "$build/server/finsim-server" --port 0 --db "$1" --threads 2 --web /nonexistent \
    --max-portfolios $((n + 100)) --max-portfolios-per-client $((n + 100)) >"$dir/server.out" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q serving "$dir/server.out" && break; sleep 0.1; done
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/server.out")
}
step() {  # $1: title; the rest: finsim-orders-bench options
  local title=$1
  shift
  echo "== $title (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$bench" --port "$port" --server-pid "$pid" "$@"
}

start_server "$dir/crowd.db"
step "no portfolios yet: 4 order clients, 4 polling /api/overview" --clients 4 --seconds 10 --pollers 4 --poll /api/overview
step "$n idle portfolios, then 5 bars" --clients 4 --seconds 10 --populate "$n" --bars 5
step "4 polling /api/portfolios" --clients 4 --seconds 10 --pollers 4 --poll /api/portfolios
step "4 polling /api/overview" --clients 4 --seconds 10 --pollers 4 --poll /api/overview
step "5 more bars" --clients 1 --seconds 1 --bars 5
# 200 tickers × 4,200 business days of closes (~7 MB), imported while one order is placed.
awk 'BEGIN { printf "Date"; for (t = 0; t < 200; ++t) printf ",T%03d", t; print "";
             for (b = 0; b < 4200; ++b) { printf "D%05d", b; for (t = 0; t < 200; ++t) printf ",%.4f", 50 + t + (b * 7 + t * 13) % 997 / 100; print "" } }' |
  awk -F, 'NR == 1 { print; next } { d = substr($1, 2) + 0; day = 10959 + int(d / 5) * 7 + d % 5;  # from Monday 2000-01-03
             cmd = "date -u -d @" day * 86400 " +%F"; cmd | getline iso; close(cmd); $1 = iso; print }' OFS=, \
  >"$dir/prices.csv"
echo "== import of $(du -h "$dir/prices.csv" | cut -f1) while an order is placed"
curl -s -o /dev/null -w "import %{http_code} in %{time_total} s\n" -H 'Content-Type: text/csv' \
  --data-binary @"$dir/prices.csv" "http://127.0.0.1:$port/api/markets/import?name=big" &
import=$!
sleep 0.3
portfolio=$(curl -s "http://127.0.0.1:$port/api/portfolios?limit=1" | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -1)
curl -s -o /dev/null -w "order %{http_code} in %{time_total} s\n" -H 'Content-Type: application/json' \
  -d '{"ticker": "TEC1", "side": "buy", "quantity": 1}' "http://127.0.0.1:$port/api/portfolios/$portfolio/orders"
wait "$import"
kill -TERM "$pid"
wait "$pid" || true

start_server "$dir/trading.db"
step "$n portfolios that each hold a position, then 6 bars" --clients 4 --seconds 2 --populate "$n" --crowd-trades --bars 6
kill -TERM "$pid"
wait "$pid" || true
