#!/usr/bin/env bash
# make uninstall-check: install the previous version of the three addons
# (the commit before the newest version bump of a manifest, or
# CHP_UPGRADE_FROM) with their demo data into a scratch database and upgrade
# it to this checkout (its migrations run; no error may be logged); tune
# what an administrator tunes (a scheduled action turned off and its
# interval, an activity type's delay, a letter's subject, a stage's name),
# upgrade the addons again and fail if any of it was reset; then uninstall
# them and fail if Odoo logged any ERROR or traceback (a good neighbour keeps
# the administrator's choices and leaves no errors behind).
source "$(dirname "$0")/lib.sh"

DB=chp_uninstall_check
LOG="$STATE/uninstall-check.log"
ensure_venv
ensure_pg
if db_exists "$DB"; then
    ensure_db_free "$DB"
    dropdb "$DB"
fi
bump=$(git -C "$ROOT" log -n1 --format=%H -G'"version"' -- 'addons/*/__manifest__.py')
FROM=${CHP_UPGRADE_FROM:-${bump:+$bump^}}
FROM=$(git -C "$ROOT" rev-parse --verify -q "${FROM:-HEAD~1}^{commit}") \
    || die "no earlier version to upgrade from (CHP_UPGRADE_FROM=${CHP_UPGRADE_FROM:-})"
OLD="$STATE_TMP/upgrade-from"
rm -rf "$OLD" && mkdir -p "$OLD"
git -C "$ROOT" archive "$FROM" addons | tar -x -C "$OLD"
say "installing the addons as of ${FROM:0:10} with demo data into $DB"
CHP_ADDONS_DIR="$OLD/addons" write_config 0 "$STATE/odoo-upgrade-from.conf"
odoo_bin -d "$DB" -i "$CHP_MODULES" --stop-after-init --log-level=warn >"$LOG" 2>&1 \
    || die "installing the addons as of $FROM into $DB failed (see $LOG)"
write_config 0 "$STATE/odoo-uninstall.conf"
say "upgrading them to this checkout (migrations)"
odoo_bin -d "$DB" -u "$CHP_MODULES" --stop-after-init --log-level=warn >>"$LOG" 2>&1 \
    || die "upgrading the addons from $FROM in $DB failed (see $LOG)"
rm -rf "$OLD"
if grep -E " (ERROR|CRITICAL) |Traceback" "$LOG" >&2; then
    die "upgrading from the previous version logged errors (above; whole log in $LOG)"
fi
shell() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$CONF" -d "$DB" --no-http >>"$LOG" 2>&1
}
TUNED='[
    ("chp_complaints.ir_cron_chp_complaint_overdue", "active", False),
    ("chp_complaints.ir_cron_chp_complaint_overdue", "interval_number", 3),
    ("chp_learning.ir_cron_improvement_reminders", "active", False),
    ("chp_complaints.mail_activity_type_chp_signoff", "delay_count", 9),
    ("chp_complaints.chp_mail_template_received", "subject", "Tuned subject"),
    ("chp_complaints.chp_complaint_stage_new", "name", "Tuned column"),
]'
say "tuning as an administrator would, then upgrading the addons"
shell <<PY
for xmlid, field, value in $TUNED:
    env.ref(xmlid).write({field: value})
env.cr.commit()
PY
odoo_bin -d "$DB" -u "$CHP_MODULES" --stop-after-init --log-level=warn >>"$LOG" 2>&1 \
    || die "upgrading the addons in $DB failed (see $LOG)"
shell <<PY
reset = [(x, f) for x, f, v in $TUNED if env.ref(x)[f] != v]
print("CHP_UPGRADE_RESET", reset)
PY
grep -q "CHP_UPGRADE_RESET \[\]" "$LOG" || {
    grep "CHP_UPGRADE_RESET" "$LOG" >&2
    die "the upgrade reset what the administrator tuned (above; see $LOG)"
}
say "uninstalling them"
shell <<PY
modules = env["ir.module.module"].search([("name", "in", "$CHP_MODULES".split(","))])
modules.button_immediate_uninstall()
env.cr.commit()
left = modules.filtered(lambda m: m.state != "uninstalled").mapped("name")
print("CHP_UNINSTALL_LEFT", left)
PY
dropdb "$DB"
grep -q "CHP_UNINSTALL_LEFT \[\]" "$LOG" || die "the addons were not all uninstalled (see $LOG)"
if grep -E " (ERROR|CRITICAL) |Traceback" "$LOG" >&2; then
    die "uninstalling the addons logged errors (above; whole log in $LOG)"
fi
say "upgrade kept the administrator's choices; uninstall clean: no error logged"
