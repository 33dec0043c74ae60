#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the shared session store (issue 15).
# Sourced by .ci/run, or by hand:  source .ci/postgres.sh && lia_postgres_start  (then lia_postgres_stop).
# Installs Debian's postgresql when missing (as root), makes a cluster in a temporary directory with
# initdb (as the postgres user when run as root: the server refuses to run as root), starts it on a
# free local port, listening on 127.0.0.1 only, and exports LIA_TEST_POSTGRES=postgresql://127.0.0.1:PORT/postgres?user=lia.
# Without it the PostgreSQL tests are skipped, each saying why.

lia_postgres_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

lia_postgres_start() {
  local bin
  if ! bin=$(lia_postgres_bin); then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
        || echo "lia_postgres_start: could not install postgresql" >&2
    fi
    bin=$(lia_postgres_bin) || { echo "lia_postgres_start: no PostgreSQL: the PostgreSQL store tests will be skipped" >&2; return 0; }
  fi
  LIA_PG_DIR=$(mktemp -d /tmp/lia-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$LIA_PG_DIR"
    as=(runuser -u postgres --)
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  if ! "${as[@]}" "$bin/initdb" -D "$LIA_PG_DIR/data" -U lia --auth=trust -E UTF8 --no-locale >"$LIA_PG_DIR/initdb.log" 2>&1; then
    echo "lia_postgres_start: initdb failed (see $LIA_PG_DIR/initdb.log): the PostgreSQL store tests will be skipped" >&2
    return 0
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$LIA_PG_DIR/data" -l "$LIA_PG_DIR/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $LIA_PG_DIR -c fsync=off -c max_connections=200" start >/dev/null; then
    echo "lia_postgres_start: the server did not start (see $LIA_PG_DIR/server.log): the PostgreSQL store tests will be skipped" >&2
    return 0
  fi
  LIA_PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$LIA_PG_DIR/data")
  export LIA_TEST_POSTGRES="postgresql://127.0.0.1:$port/postgres?user=lia"
  export LIA_TEST_POSTGRES_CTL="${as[*]} $bin/pg_ctl -D $LIA_PG_DIR/data -l $LIA_PG_DIR/server.log"
  echo "PostgreSQL for the tests: $LIA_TEST_POSTGRES" >&2
}

lia_postgres_stop() {
  if [ -n "${LIA_PG_DIR:-}" ]; then
    [ -n "${LIA_PG_CTL:-}" ] && "${LIA_PG_CTL[@]}" -m immediate stop >/dev/null 2>&1
    rm -rf "$LIA_PG_DIR"
    LIA_PG_DIR=
  fi
}
