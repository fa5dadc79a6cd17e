#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (docs/deploy.md, "PostgreSQL"): Debian's PostgreSQL
# server, a fresh data folder, listening only on a Unix socket in DIR (no TCP port), trust
# authentication for the local user `postgres`, C collation (byte order, as SQLite sorts text).
#   scripts/postgresql_cluster.sh start DIR   # prints the connection URI of its `postgres` database
#   scripts/postgresql_cluster.sh stop DIR    # stops it and removes DIR
# Run as root it runs the server as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
action=${1:?usage: postgresql_cluster.sh start|stop DIR}
dir=${2:?usage: postgresql_cluster.sh start|stop DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [[ -z $bin || ! -x $bin/initdb ]]; then
  echo "postgresql_cluster: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [[ -f $dir/data/postmaster.pid ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # No TCP; the socket in DIR. fsync stays on: the kill -9 test counts on committed = durable.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@/postgres?host=$dir"
    ;;
  stop)
    if [[ -d $dir/data ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: postgresql_cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
