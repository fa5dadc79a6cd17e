#!/usr/bin/env bash
# Installs what FinSim needs on Debian 12, when missing: Debian packages (as root) and the npm
# dependencies of the web side. Safe to run repeatedly; fast when everything is present.
# `scripts/setup.sh --tests` also installs what only the tests use: the PostgreSQL server, whose
# throwaway cluster the portfolio API's tests run against (scripts/postgresql_cluster.sh), and the Redis
# server the instances of the fan-out tests share (scripts/redis_server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  clang libclang-rt-14-dev
  libeigen3-dev nlohmann-json3-dev catch2 libvalijson-dev libbenchmark-dev
  libboost1.81-dev libsqlite3-dev sqlite3 libpq-dev libhiredis-dev libxgboost-dev zlib1g-dev
  emscripten
  chromium
  curl ca-certificates
)
if [[ ${1:-} == --tests ]]; then packages+=(postgresql redis-server); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages and not root: run as root or install them: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ -f package-lock.json ]]; then
  # npm ci only when the lock file changed since the last install.
  stamp=node_modules/.finsim-lock-hash
  hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$hash" ]]; then
    npm ci --no-audit --no-fund
    echo "$hash" > "$stamp"
  fi
fi
