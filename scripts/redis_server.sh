#!/usr/bin/env bash
# A throwaway Redis for the tests (docs/deploy.md, "N instances"): Debian's redis-server on a free
# loopback port, nothing saved to disk, its files in DIR.
#   scripts/redis_server.sh start DIR   # prints redis://127.0.0.1:PORT (also written to DIR/url)
#   scripts/redis_server.sh stop DIR    # stops it and removes DIR
set -euo pipefail
action=${1:?usage: redis_server.sh start|stop DIR}
dir=${2:?usage: redis_server.sh start|stop DIR}
if ! command -v redis-server >/dev/null; then
  echo "redis_server: no redis-server (apt-get install redis-server)" >&2
  exit 1
fi

stop() {
  if [[ -f $dir/redis.pid ]]; then
    local pid
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "$action" in
  start)
    stop
    mkdir -p "$dir"
    for _ in 1 2 3 4 5; do
      port=$((20000 + RANDOM % 40000))  # a busy one fails to answer below: another is tried
      redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --databases 32 >/dev/null
      for _ in $(seq 50); do
        if grep -q "Ready to accept connections" "$dir/redis.log" 2>/dev/null &&
          redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
          echo "redis://127.0.0.1:$port" | tee "$dir/url"
          exit 0
        fi
        sleep 0.1
      done
      stop
      mkdir -p "$dir"
    done
    echo "redis_server: redis-server did not start (see $dir/redis.log)" >&2
    exit 1
    ;;
  stop) stop ;;
  *) echo "usage: redis_server.sh start|stop DIR" >&2; exit 2 ;;
esac
