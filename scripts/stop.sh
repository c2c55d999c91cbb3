#!/usr/bin/env bash
# make stop: stops the private PostgreSQL cluster (never a server set by PGHOST).
source "$(dirname "$0")/lib.sh"
stop_pg
