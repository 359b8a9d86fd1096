#!/usr/bin/env bash
# CI: the pipeline on the scale-out engines — Dagster's PostgreSQL storage, then the celery
# executor with a Redis broker and a celery worker — against the demo portal.
#
# Starts a throwaway PostgreSQL cluster (initdb in a temp dir, as the `postgres` user when run
# as root) and a throwaway redis-server, both on free loopback ports, exports their addresses
# for tests/pipeline/test_scale_out_services.py (which skips without them), runs it, and stops
# everything on exit. Debian packages are installed only when missing. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { echo "[ci_scale_out $(($(date +%s) - started))s] $*" >&2; }

# --- packages ------------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
missing=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ci_scale_out: missing Debian packages ${missing[*]} (install them as root)" >&2
    exit 1
  fi
  say "installing ${missing[*]}"
  timeout 300 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

work=$(mktemp -d /tmp/budget-facts-ci.XXXXXX)
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
pg_port=$(free_port)
redis_port=$(free_port)

# Run a PostgreSQL tool as an unprivileged user (initdb and postgres refuse to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  status=$?
  if [ -f "$work/redis.pid" ]; then kill "$(cat "$work/redis.pid")" 2>/dev/null || true; fi
  if [ -f "$work/pg/data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true; fi
  if [ $status -ne 0 ]; then
    for log in "$work/pg/server.log" "$work/redis.log"; do
      [ -f "$log" ] && { echo "--- tail of $log" >&2; tail -20 "$log" >&2; }
    done
  fi
  rm -rf "$work"
  say "done (exit $status)"
}
trap cleanup EXIT

# --- PostgreSQL ----------------------------------------------------------------------------
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" && chmod 755 "$work"
say "initdb ($pg_bin) on port $pg_port"
as_pg timeout 120 "$pg_bin/initdb" -D "$work/pg/data" -A trust -U dagster --no-sync -E UTF8 >/dev/null
as_pg timeout 90 "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
timeout 30 "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -U dagster -d postgres -t 20 >/dev/null

# --- Redis ---------------------------------------------------------------------------------
say "redis-server on port $redis_port"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
for _ in $(seq 1 100); do
  redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$redis_port" ping | grep -q PONG

# --- the tests -----------------------------------------------------------------------------
# Connection details as the deployment gets them: environment variables only.
export DAGSTER_PG_HOST=127.0.0.1 DAGSTER_PG_PORT="$pg_port" DAGSTER_PG_USERNAME=dagster DAGSTER_PG_PASSWORD=unused-trust-auth
export BUDGET_FACTS_TEST_POSTGRES=1
export BUDGET_FACTS_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
say "services up; running the scale-out tests"
timeout 1200 .venv/bin/python -m pytest -q -p no:cacheprovider -o addopts="" --durations=0 tests/pipeline/test_scale_out_services.py
