#!/usr/bin/env bash
# Sets everything up, builds, and runs the main job: the FinSim server on localhost, serving the web
# app and an embedded SQLite database. Extra arguments go to finsim-server (see docs/http-api.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh Release
mkdir -p data
exec build/release/server/finsim-server --web web/dist --db data/finsim.db "$@"
