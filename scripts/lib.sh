# shellcheck shell=bash
# Shared helpers of the workspace scripts (run.sh, test.sh, lint.sh, stop.sh).
# Every helper fails fast with one line that says what is missing and how to
# fix it. Nothing here deletes a database except the test databases that
# test.sh itself creates.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE="$ROOT/.chp"
ODOO_SRC=${ODOO_SRC:-$HOME/.cache/odoo/18.0}
ODOO_BRANCH_URL=${ODOO_REPO_URL:-https://github.com/odoo/odoo.git}
VENV=${CHP_VENV:-$HOME/.cache/chp/venv}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CHP_MODULES="chp_complaints,chp_learning,chp_reporting"
PY=python3.11
command -v "$PY" >/dev/null 2>&1 || PY=python3

die() {
    printf 'chp: %s\n' "$*" >&2
    exit 1
}

say() {
    printf '\033[1mchp:\033[0m %s\n' "$*" >&2
}

# --- Odoo source -----------------------------------------------------------

ensure_odoo_src() {
    if [ -f "$ODOO_SRC/odoo/release.py" ] && [ -f "$ODOO_SRC/odoo-bin" ]; then
        return 0
    fi
    if [ -e "$ODOO_SRC" ] && [ -n "$(ls -A "$ODOO_SRC" 2>/dev/null)" ]; then
        die "ODOO_SRC=$ODOO_SRC exists but holds no Odoo tree (no odoo/release.py): point ODOO_SRC at an Odoo 18.0 source tree."
    fi
    say "no Odoo tree at $ODOO_SRC: cloning the 18.0 branch (shallow)"
    mkdir -p "$(dirname "$ODOO_SRC")"
    if ! git clone --quiet --depth 1 --branch 18.0 "$ODOO_BRANCH_URL" "$ODOO_SRC" 2>"$STATE_TMP/clone.log"; then
        rm -rf "$ODOO_SRC"
        die "could not clone Odoo 18.0 into $ODOO_SRC: put an Odoo 18.0 Community source tree there, or set ODOO_SRC=/path/to/odoo-18.0"
    fi
}

# A key that changes when the Odoo tree changes: the git commit when it is a
# checkout, otherwise a digest of its release file and addon manifests.
odoo_key() {
    if git -C "$ODOO_SRC" rev-parse HEAD >/dev/null 2>&1; then
        git -C "$ODOO_SRC" rev-parse HEAD
    else
        cat "$ODOO_SRC/odoo/release.py" "$ODOO_SRC"/addons/*/__manifest__.py | sha1sum | cut -c1-40
    fi
}

# --- Python virtualenv -----------------------------------------------------

venv_key() {
    {
        "$PY" --version
        echo "$ODOO_SRC"
        cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/constraints.txt"
    } 2>&1 | sha1sum | cut -c1-40
}

# pip, without the warnings some machines' pip configuration prints for
# every package (local index folders that do not exist).
pip_quiet() {
    "$VENV/bin/pip" "$@" 2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
}

# ensure_deb COMMAND PACKAGE WHY: Debian's PACKAGE when COMMAND is missing
# (as root with apt-get; otherwise says what to install and stops).
ensure_deb() {
    local command=$1 package=$2 why=$3
    command -v "$command" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's $package for $why (once)"
        mkdir -p "$STATE_TMP"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; } \
            >"$STATE_TMP/apt-$package.log" 2>&1 \
            || die "could not install $package (see $STATE_TMP/apt-$package.log): install Debian's $package package, which $why needs"
    else
        die "no $command for $why: sudo apt-get install $package"
    fi
}

ensure_venv() {
    ensure_odoo_src
    local key
    key=$(venv_key)
    if [ -f "$VENV/.chp-stamp" ] && [ "$(cat "$VENV/.chp-stamp")" = "$key" ]; then
        return 0
    fi
    say "building the virtualenv in $VENV (first run or requirements changed; about 2 minutes)"
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    "$PY" -m venv "$VENV" || die "could not create a virtualenv with $PY: install python3-venv"
    local pip=(pip_quiet install --quiet --disable-pip-version-check)
    # python-ldap is left out on purpose: the suite does not use LDAP, and it
    # only builds with Debian's libldap2-dev and libsasl2-dev.
    grep -v '^python-ldap' "$ODOO_SRC/requirements.txt" >"$STATE_TMP/odoo-requirements.txt"
    PIP_CONSTRAINT="$ROOT/constraints.txt" "${pip[@]}" -r "$STATE_TMP/odoo-requirements.txt" \
        || die "pip could not install Odoo's requirements (see above); check your network access to PyPI"
    "${pip[@]}" --no-deps -e "$ODOO_SRC" || die "pip could not install the Odoo tree at $ODOO_SRC"
    PIP_CONSTRAINT="$ROOT/constraints.txt" "${pip[@]}" -r "$ROOT/requirements.txt" \
        || die "pip could not install requirements.txt (see above)"
    echo "$key" >"$VENV/.chp-stamp"
}

# --- PostgreSQL ------------------------------------------------------------

# Uses the server named by PGHOST/PGPORT/PGUSER when the user set PGHOST;
# otherwise a private cluster in .chp/pg reached through a unix socket.
pg_setup_env() {
    if [ -n "${PGHOST:-}" ]; then
        PG_PRIVATE=0
        DB_HOST=$PGHOST
        DB_PORT=${PGPORT:-5432}
        DB_USER=${PGUSER:-odoo}
        DB_PASSWORD=${PGPASSWORD:-False}
    else
        PG_PRIVATE=1
        PG_DATA="$STATE/pg/data"
        PG_SOCK="$STATE/pg/run"
        DB_HOST=$PG_SOCK
        DB_PORT=5432
        DB_USER=odoo
        DB_PASSWORD=False
    fi
    export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER
}

as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_running() {
    [ -f "$PG_DATA/postmaster.pid" ] && as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

ensure_pg() {
    pg_setup_env
    if [ "$PG_PRIVATE" = 0 ]; then
        psql -d postgres -Atc 'select 1' >/dev/null 2>&1 \
            || die "cannot reach PostgreSQL at PGHOST=$PGHOST PGPORT=$PGPORT as PGUSER=$PGUSER: check those variables, or unset PGHOST to use the private cluster"
        return 0
    fi
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found in $PG_BIN: apt-get install postgresql-15, or set PG_BIN, or set PGHOST to use your own server"
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        die "running as root needs a 'postgres' system user to own the private cluster (PostgreSQL refuses root): apt-get install postgresql-15 creates it"
    fi
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        say "initialising the private PostgreSQL cluster in $PG_DATA"
        mkdir -p "$PG_DATA" "$PG_SOCK"
        [ "$(id -u)" = 0 ] && chown -R postgres: "$STATE/pg"
        as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$STATE_TMP/initdb.log" 2>&1 \
            || die "initdb failed: see $STATE_TMP/initdb.log"
        cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$PG_SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
    fi
    if ! pg_running; then
        [ "$(id -u)" = 0 ] && chown postgres: "$PG_SOCK"
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$STATE/pg/server.log" -w -t 60 start >/dev/null \
            || die "the private PostgreSQL cluster did not start: see $STATE/pg/server.log"
    fi
    if ! psql -U postgres -d postgres -Atc "select 1 from pg_roles where rolname = 'odoo'" | grep -q 1; then
        psql -U postgres -d postgres -qc "create role odoo login superuser" >/dev/null
    fi
}

stop_pg() {
    pg_setup_env
    [ "$PG_PRIVATE" = 1 ] || { say "PGHOST is set: not stopping a server this workspace does not own"; return 0; }
    if pg_running; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
        say "private PostgreSQL cluster stopped"
    else
        say "private PostgreSQL cluster is not running"
    fi
}

db_exists() {
    psql -d postgres -Atc "select 1 from pg_database where datname = '$1'" | grep -q 1
}

# Refuses to touch a database that another session holds open.
ensure_db_free() {
    local n
    n=$(psql -d postgres -Atc "select count(*) from pg_stat_activity where datname = '$1' and pid <> pg_backend_pid()")
    [ "$n" = 0 ] || die "database $1 is in use by $n connection(s) (a running 'make run' or test?): stop it first"
}

# --- Odoo configuration ----------------------------------------------------

# Writes .chp/odoo.conf: the committed odoo.conf plus absolute addons paths,
# the database settings and the data directory. The committed file is never
# edited.
write_config() {
    local http_port=$1
    CONF=${2:-$STATE/odoo.conf}
    "$VENV/bin/python" - "$ROOT/odoo.conf" "$CONF" <<EOF
import configparser, sys
cfg = configparser.ConfigParser(interpolation=None)
cfg.read(sys.argv[1])
opts = cfg["options"]
opts["addons_path"] = ",".join(
    p for p in ["${CHP_ADDONS_DIR:-$ROOT/addons}", "${CHP_EXTRA_ADDONS:-}", "$ODOO_SRC/addons", "$ODOO_SRC/odoo/addons"] if p
)
opts["data_dir"] = "$STATE/data"
opts["db_host"] = "$DB_HOST"
opts["db_port"] = "$DB_PORT"
opts["db_user"] = "$DB_USER"
opts["db_password"] = "$DB_PASSWORD"
opts["http_port"] = "$http_port"
with open(sys.argv[2], "w") as fh:
    cfg.write(fh)
EOF
}

port_busy() {
    "$VENV/bin/python" -c "
import socket, sys
s = socket.socket()
# As Odoo's own server does: a port held only by closed connections
# (TIME_WAIT) is free.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(('', int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)" "$1"
}

free_port() {
    "$VENV/bin/python" -c "
import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1])"
}

# Modules our addons depend on that are not ours: what a template holds.
external_depends() {
    "$VENV/bin/python" - "$ROOT/addons" <<'EOF'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
ours = {p.parent.name for p in root.glob("*/__manifest__.py")}
deps = set()
for m in root.glob("*/__manifest__.py"):
    deps |= set(ast.literal_eval(m.read_text()).get("depends", []))
print(",".join(sorted((deps - ours) | {"base", "web"})))
EOF
}

# A template database holding our addons' dependencies (no demo data), built
# once per Odoo tree and dependency list; test and benchmark databases are
# copied from it in a second. Sets TEMPLATE.
ensure_template() {
    local deps tpl_key old
    deps=$(external_depends)
    tpl_key=$( { odoo_key; echo "$deps"; } | sha1sum | cut -c1-12)
    TEMPLATE="chp_tpl_$tpl_key"
    db_exists "$TEMPLATE" && return 0
    say "building the test template $TEMPLATE with $deps (once per Odoo tree and dependencies)"
    for old in $(psql -d postgres -Atc "select datname from pg_database where datname like 'chp\_tpl\_%'"); do
        dropdb --if-exists "$old" && rm -rf "$STATE/data/filestore/$old"
    done
    if ! odoo_bin -d "$TEMPLATE" -i "$deps" --without-demo=all --stop-after-init --log-level=warn; then
        dropdb --if-exists "$TEMPLATE"
        die "building the template database failed (see above)"
    fi
}

# db_from_template DB: DB afresh, a copy of the test template (and its filestore)
db_from_template() {
    if db_exists "$1"; then
        ensure_db_free "$1"
        dropdb "$1"
    fi
    createdb -T "$TEMPLATE" "$1"
    copy_filestore "$TEMPLATE" "$1"
}

# odoo_test_summary LOG: "FAILED ERRORS TOTAL" of the last summary Odoo's
# test runner printed in LOG ("N failed, N error(s) of N tests"); nothing
# when it printed none.
odoo_test_summary() {
    grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$1" | tail -1 \
        | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests/\1 \2 \3/' || true
}

copy_filestore() {
    local from=$1 to=$2
    rm -rf "$STATE/data/filestore/$to"
    if [ -d "$STATE/data/filestore/$from" ]; then
        mkdir -p "$STATE/data/filestore"
        cp -a "$STATE/data/filestore/$from" "$STATE/data/filestore/$to"
    fi
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"
}

mkdir -p "$STATE/tmp"
STATE_TMP="$STATE/tmp"
