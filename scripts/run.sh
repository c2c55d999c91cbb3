#!/usr/bin/env bash
# make run: Odoo 18 on http://localhost:8069 with the three chp addons in the
# database "chp" (demo data, login admin/admin). The first run builds the
# virtualenv and the database; later runs reuse both and upgrade our addons
# only when their files changed. Ctrl-C stops Odoo cleanly.
source "$(dirname "$0")/lib.sh"

DB=${CHP_DB:-chp}
PORT=${CHP_HTTP_PORT:-8069}

ensure_venv
ensure_pg
ensure_deb wkhtmltopdf wkhtmltopdf "the PDF letters and reports"
port_busy "$PORT" && die "port $PORT is busy (another Odoo or 'make run'?): stop it, or run with CHP_HTTP_PORT=8070 make run"
write_config "$PORT"

addons_key=$(cd "$ROOT" && find addons -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
stamp="$STATE/run-$DB.stamp"
args=()
if ! db_exists "$DB"; then
    say "creating database $DB with demo data (about a minute, once)"
    ensure_db_free "$DB"
    odoo_bin -d "$DB" -i "$CHP_MODULES" --stop-after-init --log-level=warn \
        || die "installing the addons into $DB failed (see above)"
    echo "$addons_key" >"$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$addons_key" ]; then
    say "addons changed since the last run: upgrading them in $DB"
    args=(-u "$CHP_MODULES")
    echo "$addons_key" >"$stamp"
fi

say "serving http://localhost:$PORT (database $DB, login admin / admin); Ctrl-C stops"
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" \
    --db-filter "^$DB\$" --http-port "$PORT" "${args[@]}"
