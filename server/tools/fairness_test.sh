#!/usr/bin/env bash
# The fairness measurement of docs/server.md ("Threads and locks"): does one heavy session slow another?
# A fresh finsim-server (--stamp, in-memory database, a control token) on a free loopback port; a heavy
# session of HEAVY_BANKS banks (HEAVY_DEGREE credit links per bank) playing at 50 steps/s with no viewer; then finsim-load with 10 viewers
# drives the default session (100 banks) at 20 steps/s for SECONDS, RUNS times. Prints finsim-load's
# report of each run (the steps the default session made, its STATE_UPDATE delay) and the medians.
# Usage: server/tools/fairness_test.sh [BUILD_DIR] [SECONDS] [RUNS] [HEAVY_BANKS] [HEAVY_DEGREE]
#        (defaults: build 20 3 20000 5; HEAVY_BANKS 0 = no heavy session, the baseline)
set -euo pipefail
build=${1:-build}
seconds=${2:-20}
runs=${3:-3}
heavy_banks=${4:-20000}
heavy_degree=${5:-5}
token=fairness-test

out=$(mktemp)
trap 'rm -f "$out"; [[ -n "${pid:-}" ]] && kill -TERM "$pid" 2>/dev/null || true' EXIT
"$build/server/finsim-server" --port 0 --db :memory: --stamp --control-token "$token" --web /nonexistent >"$out" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q serving "$out" && break; sleep 0.1; done
port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out")
base="http://127.0.0.1:$port"
post() { curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$2" "$base$1"; }

if ((heavy_banks > 0)); then
  post /sessions "{\"id\":\"heavy\",\"reset\":{\"banks\":$heavy_banks,\"mean_degree\":$heavy_degree}}"
  post '/control/speed?session=heavy' '{"steps_per_second":50}'
  post '/control/play?session=heavy' '{}'
fi
rates=() delays=()
for run in $(seq "$runs"); do
  echo "load average before run $run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  report=$("$build/server/finsim-load" --port "$port" --token "$token" --viewers 10 --seconds "$seconds" \
    --speed 20 --server-pid "$pid")
  echo "$report"
  # "finsim-load: 10 viewers of session 'default', 20.0 s at 20 steps/s (400 steps)"
  rates+=("$(sed -n "s|^finsim-load: .*, \([0-9.]*\) s at .* (\([0-9]*\) steps)|\2 \1|p" <<<"$report" |
    awk '{ printf "%.2f", $1 / $2 }')")
  delays+=("$(sed -n 's|.*STATE_UPDATE delay *median \([0-9.]*\) ms.*|\1|p' <<<"$report")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if ((heavy_banks > 0)); then
  heavy=$(curl -sf "$base/control/status?session=heavy")
  echo "heavy session ($heavy_banks banks, mean degree $heavy_degree, 50 steps/s asked): $heavy"
  # What waits for the heavy session's steps: listing the sessions, and pausing and playing it.
  lists=() pauses=()
  for _ in $(seq 20); do
    lists+=("$(curl -sf -o /dev/null -w '%{time_total}' "$base/sessions")")
    sleep 0.1
  done
  for _ in $(seq 5); do
    pauses+=("$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $token" \
      "$base/control/pause?session=heavy")")
    post '/control/play?session=heavy' '{}'
    sleep 1
  done
  echo "while it plays: GET /sessions median $(median "${lists[@]}") s, max $(printf '%s\n' "${lists[@]}" | sort -g | tail -1) s;" \
    "POST /control/pause?session=heavy median $(median "${pauses[@]}") s, max $(printf '%s\n' "${pauses[@]}" | sort -g | tail -1) s"
fi
echo "default session at 20 steps/s asked: steps/s per run ${rates[*]}, median $(median "${rates[@]}");" \
  "STATE_UPDATE delay median per run ${delays[*]} ms, median $(median "${delays[@]}") ms"
