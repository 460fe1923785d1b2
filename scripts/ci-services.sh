#!/usr/bin/env bash
# Installs (Debian packages) and starts the services the optional integration tests use, on loopback only:
#   PostgreSQL 15 + PostGIS 3 (its own cluster under $SITREP_SERVICES_DIR, port $SITREP_PG_PORT) and
#   redis-server (port $SITREP_REDIS_PORT).
# Run as root. Idempotent: installs only what is missing, starts only what is not running, creates the role,
# database and extensions only once. Logs go to stderr; stdout is only the `export` lines, so
#   services=$(bash scripts/ci-services.sh) && eval "$services"
# sets SITREP_TEST_PG_URL and SITREP_TEST_REDIS_URL for `npm test`. `bash scripts/ci-services.sh stop` stops both.
set -euo pipefail

PG_MAJOR=15
PG_PORT=${SITREP_PG_PORT:-54329}
REDIS_PORT=${SITREP_REDIS_PORT:-63790}
BASE=${SITREP_SERVICES_DIR:-/var/tmp/sitrep-services}
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_DATA=$BASE/pg$PG_MAJOR
PG_SOCK=$BASE/run
PG_LOG=$PG_SOCK/postgresql.log
PG_DB=sitrep_test
PG_USER=sitrep
PG_PASSWORD=sitrep # a loopback-only throwaway cluster for tests
REDIS_DIR=$BASE/redis

log() { echo "ci-services: $*" >&2; }
die() {
  log "$*"
  exit 1
}

[ "$(id -u)" = 0 ] || die "run me as root (apt-get, and the cluster runs as the postgres user)"

pg_ctl_() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" "$@"; }
psql_() { runuser -u postgres -- "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" "$@"; }
redis_ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

if [ "${1:-}" = stop ]; then
  [ -x "$PG_BIN/pg_ctl" ] && [ -s "$PG_DATA/PG_VERSION" ] && pg_ctl_ status >/dev/null 2>&1 && pg_ctl_ -m fast stop >&2
  if redis_ping; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >&2 || true; fi
  exit 0
fi

# --- packages ------------------------------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for pkg in "postgresql-$PG_MAJOR" "postgresql-$PG_MAJOR-postgis-3" redis-server; do
  installed "$pkg" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
[ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found after installing postgresql-$PG_MAJOR"
command -v redis-server >/dev/null || die "redis-server not found after installing it"

# --- PostgreSQL ----------------------------------------------------------------------------------------------
install -d -m 755 "$BASE"
install -d -o postgres -g postgres -m 700 "$PG_DATA"
install -d -o postgres -g postgres -m 755 "$PG_SOCK"
if [ ! -s "$PG_DATA/PG_VERSION" ]; then
  log "initdb $PG_DATA"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >&2
  cat >>"$PG_DATA/postgresql.conf" <<EOF
# sitrep test cluster (scripts/ci-services.sh)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 200
shared_buffers = 256MB
log_min_messages = warning
EOF
fi
if ! pg_ctl_ status >/dev/null 2>&1; then
  log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$PG_PORT"
  pg_ctl_ -l "$PG_LOG" -w -t 60 start >&2 || {
    tail -20 "$PG_LOG" >&2
    die "PostgreSQL did not start"
  }
fi
psql_ -d postgres <<SQL
SELECT 'CREATE ROLE $PG_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')\\gexec
ALTER ROLE $PG_USER PASSWORD '$PG_PASSWORD';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\\gexec
SQL
# Extensions need a superuser (PostGIS is not a trusted extension); the store checks for them when it opens.
psql_ -d "$PG_DB" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS unaccent;"

# --- Redis ---------------------------------------------------------------------------------------------------
if ! redis_ping; then
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  install -d -m 755 "$REDIS_DIR"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --daemonize yes \
    --dir "$REDIS_DIR" --save '' --appendonly no --maxmemory-policy noeviction \
    --logfile "$BASE/redis.log" --pidfile "$BASE/redis.pid" >&2
  for _ in $(seq 50); do
    redis_ping && break
    sleep 0.1
  done
  redis_ping || die "redis-server did not answer on 127.0.0.1:$REDIS_PORT (see $BASE/redis.log)"
fi

log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') + PostGIS and Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) ready"
echo "export SITREP_TEST_PG_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
echo "export SITREP_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
