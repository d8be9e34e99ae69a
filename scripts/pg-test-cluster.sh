#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb in a temp folder, a free port on 127.0.0.1,
# trust authentication for the local superuser `postgres`.
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # exports W4R_TEST_PG and W4R_TEST_PG_DIR
#   scripts/pg-test-cluster.sh stop              # stops it and removes the folder
#   scripts/pg-test-cluster.sh pause | resume    # stops it keeping its data, starts it again (outage tests)
#
# start prints the export lines (and nothing else on stdout), so `eval` takes them in. Runs the server
# as the `postgres` user when started as root, since PostgreSQL refuses to run as root.
set -euo pipefail

BIN="${PG_BIN:-}"
if [ -z "$BIN" ]; then
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && BIN="$dir"; done
fi
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "pg-test-cluster: no PostgreSQL found (apt-get install -y postgresql, or set PG_BIN)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

run_server() {
  local dir="$1"
  # The tests start and stop many databases and endpoints: room for their connections.
  as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $(cat "$dir/port") -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
}

cluster_dir() {
  local dir="${1:-${W4R_TEST_PG_DIR:-}}"
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    echo "pg-test-cluster: no cluster here (give its folder or set W4R_TEST_PG_DIR)" >&2
    exit 1
  fi
  echo "$dir"
}

start() {
  local dir port
  dir="$(mktemp -d /tmp/w4r-pg-XXXXXX)"
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  port="$(free_port)"
  as_owner "$BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # One user must give a password, so the tests can try a wrong one; every other user is trusted.
  sed -i '1i host all w4r_password 127.0.0.1/32 scram-sha-256' "$dir/data/pg_hba.conf"
  echo "$port" >"$dir/port"
  run_server "$dir"
  echo "export W4R_TEST_PG=postgres://postgres@127.0.0.1:$port/postgres"
  echo "export W4R_TEST_PG_DIR=$dir"
  echo "export W4R_TEST_PG_BIN=$BIN"
}

stop() {
  local dir
  dir="$(cluster_dir "${1:-}")"
  as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  pause) as_owner "$BIN/pg_ctl" -D "$(cluster_dir "${2:-}")/data" -m fast -w stop >/dev/null ;;
  resume) run_server "$(cluster_dir "${2:-}")" ;;
  *)
    echo "usage: $0 start | stop [DIR] | pause [DIR] | resume [DIR]" >&2
    exit 2
    ;;
esac
