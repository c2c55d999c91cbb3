#!/usr/bin/env bash
# make bench: seeds the benchmark database (once) and prints every benchmark
# figure with its ratio. Not part of make test.
source "$(dirname "$0")/lib.sh"
ensure_venv
ensure_pg
write_config "$(free_port)" "$STATE/odoo-bench.conf"
exec "$VENV/bin/python" "$ROOT/bench/run.py" --config "$CONF" "$@"
