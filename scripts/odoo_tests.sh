#!/usr/bin/env bash
# make test-odoo: Odoo's own tests beside the suite. Installs Odoo's test_mail
# and the three addons into a database copied from the test template, runs
# the test files listed in scripts/odoo_tests.list once the whole registry is
# loaded (scripts/odoo_tests.py: at_install tests too, so that the suite's
# overrides are in place), then uninstalls the addons one at a time
# (reporting, learning, complaints; no ERROR may be logged) and runs the same
# tests again. CHP_ODOO_TESTS_BASELINE=1 first runs them on a database
# without the suite, to tell a test broken by the suite from one that fails
# anyway. Ends with one line "N passed, N failed".
source "$(dirname "$0")/lib.sh"

DB=${CHP_ODOO_TESTS_DB:-chp_odoo_tests}
LIST="$ROOT/scripts/odoo_tests.list"
ensure_venv
ensure_pg
command -v google-chrome >/dev/null 2>&1 || ensure_deb chromium chromium "the browser tests"
write_config "$(free_port)" "$STATE/odoo-$DB.conf"
ensure_template

TOTAL_PASSED=0
TOTAL_FAILED=0
PROBLEMS=()

# run_tests DB LABEL: the listed tests on DB, log in .chp/odoo-tests-LABEL.log
run_tests() {
    local db=$1 label=$2 log="$STATE/odoo-tests-$2.log" summary failed errors total
    say "Odoo's own tests $label; log in $log"
    set +e
    "$VENV/bin/python" "$ROOT/scripts/odoo_tests.py" "$LIST" -c "$CONF" -d "$db" \
        --test-enable --stop-after-init --log-level=test >"$log" 2>&1
    local rc=$?
    set -e
    grep -E ' (FAIL|ERROR): |odoo_tests: ' "$log" | sed "s/^/  [$label] /" || true
    summary=$(odoo_test_summary "$log")
    if [ -z "$summary" ]; then
        PROBLEMS+=("$label: Odoo printed no test summary (see $log)")
        return
    fi
    read -r failed errors total <<<"$summary"
    say "$label: $failed failed, $errors error(s) of $total tests"
    [ "$total" -gt 0 ] || PROBLEMS+=("$label: no test ran")
    [ "$rc" = 0 ] || [ "$((failed + errors))" -gt 0 ] || PROBLEMS+=("$label: the runner exited with $rc")
    if [ "$label" != "without-the-suite" ]; then
        TOTAL_PASSED=$((TOTAL_PASSED + total - failed - errors))
        TOTAL_FAILED=$((TOTAL_FAILED + failed + errors))
    fi
}

if [ -n "${CHP_ODOO_TESTS_BASELINE:-}" ]; then
    db_from_template "${DB}_base"
    odoo_bin -d "${DB}_base" -i test_mail --without-demo=all --stop-after-init --log-level=warn \
        >"$STATE/odoo-tests-install-base.log" 2>&1 || die "installing test_mail failed"
    run_tests "${DB}_base" without-the-suite
    dropdb "${DB}_base"
fi

db_from_template "$DB"
say "installing test_mail and the addons into $DB"
odoo_bin -d "$DB" -i "test_mail,$CHP_MODULES" --without-demo=all --stop-after-init \
    --log-level=warn >"$STATE/odoo-tests-install.log" 2>&1 \
    || die "installing the addons into $DB failed (see $STATE/odoo-tests-install.log)"
run_tests "$DB" with-the-suite

ULOG="$STATE/odoo-tests-uninstall.log"
: >"$ULOG"
for module in chp_reporting chp_learning chp_complaints; do
    say "uninstalling $module alone"
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$CONF" -d "$DB" --no-http \
        >>"$ULOG" 2>&1 <<PY
module = env["ir.module.module"].search([("name", "=", "$module")])
module.button_immediate_uninstall()
env.cr.commit()
print("CHP_UNINSTALLED", module.name, module.state)
PY
    grep -q "CHP_UNINSTALLED $module uninstalled" "$ULOG" \
        || PROBLEMS+=("$module was not uninstalled (see $ULOG)")
done
if grep -E " (ERROR|CRITICAL) |Traceback" "$ULOG" >&2; then
    PROBLEMS+=("uninstalling the addons one at a time logged errors (above; $ULOG)")
fi
run_tests "$DB" after-uninstall
dropdb "$DB"

echo
for p in "${PROBLEMS[@]}"; do
    say "FAILED: $p"
done
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
if [ "${#PROBLEMS[@]}" -gt 0 ] || [ "$TOTAL_FAILED" -gt 0 ]; then
    exit 1
fi
