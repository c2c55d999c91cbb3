# The chp workspace. See README.md: `make run` and `make test` first.
.PHONY: run test test-odoo lint stop bench load pot uninstall-check
SHELL := /bin/bash

run:  ## Odoo on http://localhost:8069 with the chp addons and demo data
	@scripts/run.sh

test:  ## every test of every addon and tests/, with coverage
	@scripts/test.sh

test-odoo:  ## Odoo's own tests (scripts/odoo_tests.list) beside the suite, then after uninstalling it
	@scripts/odoo_tests.sh

lint:  ## ruff and pylint-odoo
	@scripts/lint.sh

stop:  ## stop the private PostgreSQL cluster
	@scripts/stop.sh

bench:  ## benchmarks at scale (seeds a separate database once)
	@ARGS="$(ARGS)" scripts/bench.sh

load:  ## locust load test, prefork Odoo, 10 and 50 users (LOAD_USERS, LOAD_TIME, CHP_BENCH_DB)
	@scripts/load.sh

pot:  ## regenerate each addon's translation template, i18n/<addon>.pot
	@scripts/pot.sh

uninstall-check:  ## install the addons with demo data, uninstall them: no error may be logged
	@scripts/uninstall_check.sh
