# A throwaway PostgreSQL server for the database tests; sourced by .ci/run.
#
#   start_postgres   installs Debian's postgresql package if needed (as root), creates a cluster in
#                    a temporary folder, starts it on a Unix socket there (no TCP port), creates
#                    the database dashboard_test and exports DATABASE_URL for it;
#   stop_postgres    stops the server and removes the folder.
#
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user (runuser).

_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed (apt-get install postgresql, as root)" >&2
      return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/dashboard-postgres.XXXXXX)
  PG_PORT=5432
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  _as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 >/dev/null
  _as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=''" start >/dev/null
  _as_postgres "$PG_BIN/createdb" -h "$PG_DIR" -p "$PG_PORT" -U postgres dashboard_test
  export DATABASE_URL="postgresql://postgres@/dashboard_test?host=$PG_DIR&port=$PG_PORT"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $PG_DIR (DATABASE_URL set)"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    _as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$PG_DIR"
  fi
}
