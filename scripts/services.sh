#!/usr/bin/env bash
# Start/stop the real services the test suite needs, as local processes on private
# ports with their own data dirs under var/services (no Docker here; compose is for users).
#   scripts/services.sh start   -> installs (apt, when root) and starts postgres, redis, influxd, localstripe;
#                                  installs chromium (browser tests)
#   scripts/services.sh stop    -> stops them by PID
#   scripts/services.sh env     -> prints the TEST_* variables the tests read
# Under CI=true a service that cannot start makes this script exit non-zero.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE="$ROOT/var/services"
PG_PORT=${TEST_PG_PORT:-54329}
REDIS_PORT=${TEST_REDIS_PORT:-63799}
INFLUX_PORT=${TEST_INFLUX_PORT:-18086}
STRIPE_PORT=${TEST_STRIPE_PORT:-18420}
VENV="$ROOT/.venv"

log() { printf '[services] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

apt_install() {  # apt_install BINARY PACKAGE...
  local bin=$1; shift
  command -v "$bin" >/dev/null 2>&1 && return 0
  [ -x "/usr/lib/postgresql/15/bin/$bin" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $* with apt"
    if [ ! -f "$BASE/.apt-updated" ]; then apt-get update -qq >&2 && mkdir -p "$BASE" && touch "$BASE/.apt-updated"; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  else
    fail "$bin is missing and I am not root: install $* yourself"
  fi
}

pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  fail "PostgreSQL binaries not found"
}

wait_for() {  # wait_for NAME LOGFILE CMD...  (gives up after 60 s and shows the log's tail)
  local name=$1 logfile=$2; shift 2
  for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && { log "$name is up"; return 0; }; sleep 0.2; done
  if [ -f "$logfile" ]; then log "last lines of $logfile:"; tail -n 30 "$logfile" >&2 || true; fi
  fail "$name did not become ready"
}

pg_dir() {  # as root, postgres runs as the postgres user, which may not reach a private checkout
  mkdir -p "$BASE"
  local dir="$BASE/pg"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$BASE" 2>/dev/null; then
    dir="/tmp/webcammer-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
  fi
  echo "$dir"
}

start_postgres() {
  apt_install initdb postgresql
  local bin; bin=$(pg_bin); local dir; dir=$(pg_dir)
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then log "postgres already serving on $PG_PORT"; return 0; fi
  mkdir -p "$dir"; chown -R postgres "$dir" 2>/dev/null || true
  local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  fi
  wait_for postgres "$dir/log" "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
}

start_redis() {
  apt_install redis-server redis-server
  mkdir -p "$BASE/redis"
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$BASE/redis" --save "" --appendonly no \
      --daemonize yes --pidfile "$BASE/redis/pid" --logfile "$BASE/redis/log"
  fi
  wait_for redis "$BASE/redis/log" redis-cli -p "$REDIS_PORT" ping
}

start_influx() {
  apt_install influxd influxdb
  local dir="$BASE/influx"; mkdir -p "$dir"
  cat > "$dir/influxdb.conf" <<CONF
reporting-enabled = false
bind-address = "127.0.0.1:$((INFLUX_PORT + 2))"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$INFLUX_PORT"
  log-enabled = false
[continuous_queries]
  enabled = false
CONF
  if ! curl -sf "http://127.0.0.1:$INFLUX_PORT/ping" >/dev/null 2>&1; then
    nohup influxd -config "$dir/influxdb.conf" > "$dir/log" 2>&1 &
    echo $! > "$dir/pid"
  fi
  wait_for influxd "$dir/log" curl -sf "http://127.0.0.1:$INFLUX_PORT/ping"
}

start_localstripe() {
  "$VENV/bin/python" -c "import localstripe" 2>/dev/null || fail "localstripe missing: run make venv first"
  mkdir -p "$BASE/stripe"
  if ! curl -s "http://127.0.0.1:$STRIPE_PORT/" >/dev/null 2>&1; then
    nohup "$VENV/bin/python" "$ROOT/scripts/localstripe_serve.py" --port "$STRIPE_PORT" > "$BASE/stripe/log" 2>&1 &
    echo $! > "$BASE/stripe/pid"
  fi
  wait_for localstripe "$BASE/stripe/log" curl -s "http://127.0.0.1:$STRIPE_PORT/"
}

install_browser() {  # Debian's chromium for the dashboard's browser test (install only)
  apt_install chromium chromium
}

stop_all() {
  local bin; bin=$(pg_bin 2>/dev/null) || true
  local dir; dir=$(pg_dir)
  if [ -n "${bin:-}" ] && [ -f "$dir/data/PG_VERSION" ]; then
    local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [ -f "$BASE/redis/pid" ] && kill "$(cat "$BASE/redis/pid")" 2>/dev/null || true
  for s in influx stripe; do
    [ -f "$BASE/$s/pid" ] && kill "$(cat "$BASE/$s/pid")" 2>/dev/null || true; rm -f "$BASE/$s/pid"
  done
  log "stopped"
}

print_env() {
  echo "export TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  echo "export TEST_INFLUX_URL=http://127.0.0.1:$INFLUX_PORT"
  echo "export TEST_STRIPE_URL=http://127.0.0.1:$STRIPE_PORT"
}

case "${1:-}" in
  start) start_postgres; start_redis; start_influx; start_localstripe; install_browser; print_env ;;
  stop) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
