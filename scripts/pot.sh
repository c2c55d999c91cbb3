#!/usr/bin/env bash
# make pot: regenerate each addon's translation template, i18n/<addon>.pot,
# from a scratch database holding the addons without demo data (the terms
# of the code, the views, the fields, the letters and the public pages).
# Translators copy it to i18n/<lang>.po (gd.po for Scottish Gaelic).
source "$(dirname "$0")/lib.sh"

DB=chp_pot
ensure_venv
ensure_pg
write_config 0 "$STATE/odoo-pot.conf"
if db_exists "$DB"; then
    ensure_db_free "$DB"
    dropdb "$DB"
fi
say "installing the addons into $DB (no demo data) to read their terms"
odoo_bin -d "$DB" -i "$CHP_MODULES" --without-demo=all --stop-after-init --log-level=warn \
    || die "installing the addons into $DB failed (see above)"
for module in ${CHP_MODULES//,/ }; do
    mkdir -p "$ROOT/addons/$module/i18n"
    odoo_bin -d "$DB" --modules="$module" --i18n-export="$ROOT/addons/$module/i18n/$module.pot" \
        --stop-after-init --log-level=warn || die "exporting the terms of $module failed"
    say "wrote addons/$module/i18n/$module.pot"
done
dropdb "$DB"
