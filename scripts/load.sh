#!/usr/bin/env bash
# make load: the locust scenario of bench/locustfile.py against Odoo in
# prefork mode (workers + the gevent port), configured as a deployment is:
# workers = 2 x cores + 1 (Odoo's rule of thumb) and the limits of
# deploy/production/odoo.conf, on a copy of the benchmark database. Traffic
# only to 127.0.0.1; every level is bounded in time.
#   CHP_BENCH_DB    database to copy once (default chp_bench, seeded by make bench)
#   CHP_LOAD_DB     the copy the load test writes to (default chp_load_bench)
#   LOAD_USERS      levels of concurrent users (default "10 50")
#   LOAD_TIME       measured time per level, once every user has signed in
#                   (default 60s; s or m suffix)
#   LOAD_WORKERS    Odoo HTTP workers (default 2 x nproc + 1)
#   LOAD_SPAWN_RATE users started (and signed in) per second (default 1)
source "$(dirname "$0")/lib.sh"

SRC_DB=${CHP_BENCH_DB:-chp_bench}
DB=${CHP_LOAD_DB:-chp_load_bench}
LEVELS=${LOAD_USERS:-10 50}
MEASURE=${LOAD_TIME:-60s}
case "$MEASURE" in
    *m) MEASURE_S=$((${MEASURE%m} * 60)) ;;
    *s) MEASURE_S=${MEASURE%s} ;;
    *) MEASURE_S=$MEASURE ;;
esac
[[ "$MEASURE_S" =~ ^[0-9]+$ ]] || die "LOAD_TIME=$MEASURE: give seconds (60 or 60s) or minutes (2m)"
CORES=$(nproc)
WORKERS=${LOAD_WORKERS:-$((2 * CORES + 1))}
SPAWN_RATE=${LOAD_SPAWN_RATE:-1}
OUT="$STATE/load"
ensure_venv
ensure_pg
export CHP_EXTRA_ADDONS="$ROOT/bench/addons"
[ -x "$VENV/bin/locust" ] || die "locust is missing from $VENV: it is in requirements.txt; remove $VENV/.chp-stamp to rebuild"
HTTP_PORT=${CHP_HTTP_PORT:-$(free_port)}
write_config "$HTTP_PORT" "$STATE/odoo-load.conf"
# The limits of the production example (memory and time per worker, request
# count, database connections per process), so that the load test runs with
# what a deployment runs with.
"$VENV/bin/python" - "$ROOT/deploy/production/odoo.conf" "$CONF" <<'EOF'
import configparser, sys
prod = configparser.ConfigParser(interpolation=None)
prod.read(sys.argv[1])
cfg = configparser.ConfigParser(interpolation=None)
cfg.read(sys.argv[2])
for key, value in prod["options"].items():
    if key.startswith("limit_") or key == "db_maxconn":
        cfg["options"][key] = value
with open(sys.argv[2], "w") as fh:
    cfg.write(fh)
EOF
if ! db_exists "$DB"; then
    db_exists "$SRC_DB" || die "no database $SRC_DB: run 'make bench' first, or set CHP_BENCH_DB"
    ensure_db_free "$SRC_DB"
    say "copying $SRC_DB to $DB (the load test writes to the copy)"
    createdb -T "$SRC_DB" "$DB"
    copy_filestore "$SRC_DB" "$DB"
fi
ensure_db_free "$DB"
odoo_bin -d "$DB" -u "$CHP_MODULES" --stop-after-init --log-level=warn \
    || die "upgrading the addons in $DB failed (see above)"
mkdir -p "$OUT"
# Odoo's prefork master stops gracefully on TERM; a gevent worker can hold
# it up, so after 15 s the master (this script's own child) is killed.
stop_odoo() {
    kill "$ODOO_PID" 2>/dev/null || return 0
    for _ in $(seq 15); do
        kill -0 "$ODOO_PID" 2>/dev/null || break
        sleep 1
    done
    kill -9 "$ODOO_PID" 2>/dev/null || true
    wait "$ODOO_PID" 2>/dev/null || true
}
{
    echo "machine: $(uname -m), $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem/ {print $2}') GB RAM"
    echo "database: $DB (copy of $SRC_DB), $(psql -d "$DB" -Atc 'select count(*) from chp_complaint') complaints before setup, $(psql -d "$DB" -Atc "select pg_size_pretty(pg_database_size('$DB'))")"
    echo "odoo: $WORKERS workers (LOAD_WORKERS, default 2 x $CORES cores + 1), $(grep -E '^(limit_|db_maxconn)' "$CONF" | tr '\n' ' ')"
    echo "locust $("$VENV/bin/locust" --version 2>/dev/null | awk '{print $2}'): users start at $SPAWN_RATE/s and sign in once; ${MEASURE_S} s measured once every user has signed in"
    echo "started: $(date -u '+%Y-%m-%d %H:%M UTC')"
} >"$OUT/load-settings.txt"
for level in $LEVELS; do
    "$VENV/bin/python" "$ROOT/bench/load_setup.py" --config "$CONF" --database "$DB" \
        --per-role 20 --pool $((level * 6)) --pools-file "$OUT/pools-$level.json" \
        || die "load setup failed (see above)"
    rm -f "$OUT/odoo-$level.log" "$OUT/load-$level"_*.csv
    GEVENT_PORT=$(free_port)
    while [ "$GEVENT_PORT" = "$HTTP_PORT" ]; do GEVENT_PORT=$(free_port); done
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter "^$DB\$" --workers "$WORKERS" --gevent-port "$GEVENT_PORT" \
        --http-interface 127.0.0.1 --max-cron-threads 0 --log-level=info \
        --logfile "$OUT/odoo-$level.log" &
    ODOO_PID=$!
    trap stop_odoo EXIT
    for _ in $(seq 60); do
        curl -sf "http://127.0.0.1:$HTTP_PORT/web/health" >/dev/null && break
        sleep 1
    done
    # Each prefork worker loads the registry on its first request (seconds):
    # a deployment's workers are warm, so every worker gets a few requests
    # before the users come.
    for _ in 1 2 3; do
        WARM=()
        for _ in $(seq $((2 * WORKERS))); do
            curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login?db=$DB" &
            WARM+=($!)
        done
        wait "${WARM[@]}" || true
    done
    # The locustfile resets the figures (but the sign-ins) once every user
    # has started and signed in, and stops MEASURE_S seconds later; locust's
    # run time bounds the whole (ramp, at most 300 s for the last sign-ins,
    # measurement).
    RAMP_S=$(awk -v n="$level" -v r="$SPAWN_RATE" 'BEGIN { x = n / r; print (x == int(x)) ? x : int(x) + 1 }')
    say "load: $level users ($RAMP_S s ramp) then ${MEASURE_S} s against $DB ($WORKERS workers)"
    uptime >"$OUT/load-$level.uptime"
    CHP_LOAD_DB=$DB CHP_LOAD_POOLS="$OUT/pools-$level.json" CHP_LOAD_MEASURE=$MEASURE_S "$VENV/bin/locust" -f "$ROOT/bench/locustfile.py" --headless \
        --host "http://127.0.0.1:$HTTP_PORT" --users "$level" --spawn-rate "$SPAWN_RATE" \
        --run-time "$((RAMP_S + 300 + MEASURE_S))s" --stop-timeout 10 --only-summary \
        --csv "$OUT/load-$level" || true
    uptime >>"$OUT/load-$level.uptime"
    stop_odoo
    trap - EXIT
done
"$VENV/bin/python" "$ROOT/bench/load_report.py" "$OUT" $LEVELS
