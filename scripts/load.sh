#!/usr/bin/env bash
# make load: the locust scenario of bench/locustfile.py against Odoo in
# prefork mode (workers + the gevent port), on a copy of the benchmark
# database. Traffic only to 127.0.0.1; every level is bounded in time.
#   CHP_BENCH_DB   database to copy once (default chp_bench, seeded by make bench)
#   CHP_LOAD_DB    the copy the load test writes to (default chp_load_bench)
#   LOAD_USERS     levels of concurrent users (default "10 50")
#   LOAD_TIME      run time per level (default 60s)
#   LOAD_WORKERS   Odoo HTTP workers (default 2)
#   LOAD_SPAWN_RATE users started per second (default 5)
source "$(dirname "$0")/lib.sh"

SRC_DB=${CHP_BENCH_DB:-chp_bench}
DB=${CHP_LOAD_DB:-chp_load_bench}
LEVELS=${LOAD_USERS:-10 50}
RUN_TIME=${LOAD_TIME:-60s}
WORKERS=${LOAD_WORKERS:-2}
OUT="$STATE/load"
ensure_venv
ensure_pg
export CHP_EXTRA_ADDONS="$ROOT/bench/addons"
[ -x "$VENV/bin/locust" ] || die "locust is missing from $VENV: it is in requirements.txt; remove $VENV/.chp-stamp to rebuild"
HTTP_PORT=${CHP_HTTP_PORT:-$(free_port)}
write_config "$HTTP_PORT" "$STATE/odoo-load.conf"
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
for level in $LEVELS; do
    "$VENV/bin/python" "$ROOT/bench/load_setup.py" --config "$CONF" --database "$DB" \
        --per-role 20 --pool $((level * 6)) || die "load setup failed (see above)"
    GEVENT_PORT=$(free_port)
    while [ "$GEVENT_PORT" = "$HTTP_PORT" ]; do GEVENT_PORT=$(free_port); done
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter "^$DB\$" --workers "$WORKERS" --gevent-port "$GEVENT_PORT" \
        --http-interface 127.0.0.1 --max-cron-threads 0 --log-level=warn \
        --logfile "$OUT/odoo-$level.log" &
    ODOO_PID=$!
    trap stop_odoo EXIT
    for _ in $(seq 60); do
        curl -sf "http://127.0.0.1:$HTTP_PORT/web/health" >/dev/null && break
        sleep 1
    done
    say "load: $level users for $RUN_TIME against $DB ($WORKERS workers)"
    CHP_LOAD_DB=$DB "$VENV/bin/locust" -f "$ROOT/bench/locustfile.py" --headless \
        --host "http://127.0.0.1:$HTTP_PORT" --users "$level" --spawn-rate "${LOAD_SPAWN_RATE:-5}" \
        --run-time "$RUN_TIME" --stop-timeout 10 --only-summary \
        --csv "$OUT/load-$level" || true
    stop_odoo
    trap - EXIT
done
"$VENV/bin/python" "$ROOT/bench/load_report.py" "$OUT" $LEVELS
