#!/usr/bin/env bash
# make test: installs the three addons into a fresh test database (copied from
# a template that holds their dependencies, built once per Odoo tree and
# manifests), runs every test of every addon with Odoo's runner, then the
# integration tests in tests/ with pytest-odoo, reports coverage of addons/,
# and ends with one line "N passed, N failed". Exits non-zero when anything
# failed, when the log has ERROR lines, when a browser test could not run, or
# when no test ran.
source "$(dirname "$0")/lib.sh"

TEST_DB=${CHP_TEST_DB:-chp_test}
LOG="$STATE/$TEST_DB-odoo.log"
JUNIT="$STATE/$TEST_DB-pytest.xml"
COV_DIR="$STATE/coverage-$TEST_DB"

ensure_venv
ensure_pg
command -v google-chrome >/dev/null 2>&1 || ensure_deb chromium chromium "the browser tests"
ensure_deb wkhtmltopdf wkhtmltopdf "the PDF letters and reports"
write_config "$(free_port)" "$STATE/odoo-$TEST_DB.conf"

ensure_template

db_from_template "$TEST_DB"

rm -rf "$COV_DIR" && mkdir -p "$COV_DIR"
export COVERAGE_FILE="$COV_DIR/.coverage"
cov=("$VENV/bin/coverage" run --rcfile="$ROOT/.coveragerc" --parallel-mode --source="$ROOT/addons")

say "running the addons' tests (Odoo's runner); log in $LOG"
set +e
"${cov[@]}" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$TEST_DB" -i "$CHP_MODULES" \
    --without-demo=all --test-enable --stop-after-init --log-level=test ${CHP_TEST_TAGS:+--test-tags "$CHP_TEST_TAGS"} 2>&1 | tee "$LOG" \
    | grep --line-buffered -E ' (ERROR|CRITICAL|WARNING) |odoo\.tests\.(result|stats)|Ran [0-9]+ test|FAIL:|^Traceback'
odoo_rc=${PIPESTATUS[0]}
set -e

summary=$(odoo_test_summary "$LOG")
read -r odoo_failed odoo_errors odoo_total <<<"$summary"
odoo_failed=${odoo_failed:-0}
odoo_errors=${odoo_errors:-0}
odoo_total=${odoo_total:-0}
problems=()
[ "$odoo_rc" = 0 ] || problems+=("Odoo's runner exited with $odoo_rc")
grep -qE ' (ERROR|CRITICAL) ' "$LOG" && problems+=("the log has ERROR lines: grep -E ' (ERROR|CRITICAL) ' $LOG")
grep -qE 'Chrome executable not found|websocket-client module is not installed' "$LOG" \
    && problems+=("browser tests could not run (no Chrome or no websocket-client): they would be skipped")
[ -n "$summary" ] || problems+=("Odoo printed no test summary")

say "running the integration tests in tests/ (pytest-odoo)"
set +e
(cd "$ROOT" && "${cov[@]}" -m pytest -p no:cacheprovider --odoo-config="$CONF" \
    --odoo-database="$TEST_DB" --junitxml="$JUNIT" -q tests)
pytest_rc=$?
set -e
read -r py_total py_failed py_errors py_skipped < <("$VENV/bin/python" - "$JUNIT" <<'EOF'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print(0, 0, 0, 0)
    raise SystemExit
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
tot = [sum(int(s.get(k, 0)) for s in suites) for k in ("tests", "failures", "errors", "skipped")]
print(*tot)
EOF
)
case "$pytest_rc" in
    0) ;;
    5) problems+=("pytest collected no test in tests/") ;;
    *) problems+=("pytest exited with $pytest_rc") ;;
esac

"$VENV/bin/coverage" combine --rcfile="$ROOT/.coveragerc" -q >/dev/null 2>&1 || true
"$VENV/bin/coverage" report --rcfile="$ROOT/.coveragerc" --skip-covered --sort=cover 2>/dev/null | tail -25 || true

failed=$((odoo_failed + odoo_errors + py_failed + py_errors))
passed=$((odoo_total - odoo_failed - odoo_errors + py_total - py_failed - py_errors - py_skipped))
total=$((odoo_total + py_total))
[ "$total" -gt 0 ] || problems+=("no test ran")
echo
for p in "${problems[@]}"; do
    say "FAILED: $p"
done
echo "$passed passed, $failed failed"
if [ "${#problems[@]}" -gt 0 ] || [ "$failed" -gt 0 ]; then
    exit 1
fi
