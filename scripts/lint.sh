#!/usr/bin/env bash
# make lint: ruff (check and format check) and pylint-odoo's mandatory checks
# on addons/, tests/ and bench/.
source "$(dirname "$0")/lib.sh"
ensure_venv
cd "$ROOT"
status=0
"$VENV/bin/ruff" check addons tests bench || status=1
"$VENV/bin/ruff" format --check addons tests bench || status=1
"$VENV/bin/pylint" --rcfile=.pylintrc addons/* || status=1
[ "$status" = 0 ] && say "lint clean" || die "lint found problems (see above): 'ruff format addons tests bench' fixes the formatting"
