#!/usr/bin/env bash
# make lint: ruff (check and format check) and pylint-odoo's mandatory checks
# on addons/, tests/, bench/ and scripts/; the Docker path's check
# (scripts/check_docker.py: the Dockerfile installs every manifest's Python
# external dependency and the compose files build it).
source "$(dirname "$0")/lib.sh"
ensure_venv
cd "$ROOT"
status=0
"$VENV/bin/ruff" check addons tests bench scripts || status=1
"$VENV/bin/ruff" format --check addons tests bench scripts || status=1
"$VENV/bin/pylint" --rcfile=.pylintrc addons/* || status=1
"$VENV/bin/python" scripts/check_docker.py || status=1
[ "$status" = 0 ] && say "lint clean" || die "lint found problems (see above): 'ruff format addons tests bench scripts' fixes the formatting"
