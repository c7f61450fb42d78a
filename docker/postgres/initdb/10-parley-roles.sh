#!/bin/sh
# Runs once, when the postgres container initialises an EMPTY data directory
# (docker-entrypoint-initdb.d). It creates one login role and database per consumer:
#
#   parley   owns database "parley"                        (Parley's app data, Prisma migrations)
#   temporal owns databases "temporal", "temporal_visibility" (Temporal's persistence, schema
#            managed by temporalio/admin-tools in the temporal-schema job)
#
# The superuser (POSTGRES_USER) is used for nothing else. Passwords come from the container's
# environment; changing them later needs `ALTER ROLE ... PASSWORD ...` (see docs/deployment.md).
set -eu

: "${PARLEY_DB_PASSWORD:?PARLEY_DB_PASSWORD is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"

# psql variables (:'name') quote the passwords as SQL literals, whatever characters they hold.
psql -v ON_ERROR_STOP=1 \
  --username "$POSTGRES_USER" --dbname postgres \
  -v parley_pw="$PARLEY_DB_PASSWORD" \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE parley LOGIN PASSWORD :'parley_pw';
CREATE DATABASE parley OWNER parley;
REVOKE ALL ON DATABASE parley FROM PUBLIC;

-- CREATEDB lets temporal-sql-tool's `create` step work against an external server too.
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
SQL
