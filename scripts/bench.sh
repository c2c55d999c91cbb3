#!/usr/bin/env bash
# make bench: seeds the benchmark database "chp_bench" (once; separate from the
# test and demo databases) and prints every benchmark figure with its ratio.
# Not part of make test. Options after --, e.g. make bench ARGS="--n 20000".
source "$(dirname "$0")/lib.sh"

DB=${CHP_BENCH_DB:-chp_bench}
ensure_venv
ensure_pg
export CHP_EXTRA_ADDONS="$ROOT/bench/addons"
write_config "$(free_port)" "$STATE/odoo-bench.conf"
ensure_template
if ! db_exists "$DB"; then
    say "creating the benchmark database $DB"
    createdb -T "$TEMPLATE" "$DB"
    copy_filestore "$TEMPLATE" "$DB"
    odoo_bin -d "$DB" -i "$CHP_MODULES,chp_bench_baseline" --without-demo=all --stop-after-init \
        --log-level=warn || { dropdb "$DB"; die "installing the addons into $DB failed (see above)"; }
else
    ensure_db_free "$DB"
    odoo_bin -d "$DB" -u "$CHP_MODULES,chp_bench_baseline" --stop-after-init --log-level=warn \
        || die "upgrading the addons in $DB failed (see above)"
fi
exec "$VENV/bin/python" "$ROOT/bench/run.py" --config "$CONF" --database "$DB" ${ARGS:-}
