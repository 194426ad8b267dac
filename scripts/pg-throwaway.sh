#!/usr/bin/env bash
# A throwaway PostgreSQL server for brief's store tests and load script.
#
#   eval "$(bash scripts/pg-throwaway.sh start)"   # installs PostgreSQL if missing,
#                                                  # exports BRIEF_PG and BRIEF_PG_DIR
#   go test ./model/store/postgres/
#   bash scripts/pg-throwaway.sh stop "$BRIEF_PG_DIR"
#
# The cluster lives in a fresh temp dir, listens only on a Unix socket in
# that dir (no port to collide with), runs without fsync (its data is thrown
# away) and is removed by stop. As root, the server runs as the postgres user
# the Debian package creates, since PostgreSQL refuses to run as root.
set -euo pipefail

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; fi
  done | sort -V | tail -n 1
}

install_pg() {
  if [ -n "$(pg_bin)" ]; then return; fi
  if [ "$(id -u)" != 0 ]; then
    echo "pg-throwaway: PostgreSQL is not installed; run as root or: apt-get install postgresql" >&2
    exit 1
  fi
  # Debian's package would create and start a cluster of its own on port
  # 5432; this script only needs the binaries.
  mkdir -p /etc/postgresql-common
  printf 'create_main_cluster = false\n' >/etc/postgresql-common/createcluster.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql >&2
}

# as_owner runs a command as the cluster's owner: the postgres user when
# running as root, else the current user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  install_pg
  local bin dir
  bin="$(pg_bin)"
  dir="$(mktemp -d /tmp/brief-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U brief --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h "$dir" -U brief brief
  echo "export BRIEF_PG='postgres:///brief?host=$dir&user=brief'"
  echo "export BRIEF_PG_DIR='$dir'"
}

stop() {
  local dir="${1:?usage: pg-throwaway.sh stop DIR}"
  case "$dir" in /tmp/brief-pg.*) ;; *) echo "pg-throwaway: $dir is not a throwaway cluster" >&2; exit 1 ;; esac
  if [ -d "$dir/data" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: pg-throwaway.sh start | stop DIR" >&2; exit 2 ;;
esac
