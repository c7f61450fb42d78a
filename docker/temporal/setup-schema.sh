#!/bin/sh
# One-shot job (temporalio/admin-tools image): creates or upgrades Temporal's own PostgreSQL
# schema, for both the main store and the visibility store. Safe to re-run on every deploy:
#   - `create` fails harmlessly when the database already exists (created by the postgres init
#     script, or by an earlier run);
#   - `setup-schema -v 0.0` only creates the schema_version bookkeeping when it is missing and
#     never resets an already-versioned database (that would need --overwrite, never used here);
#   - `update-schema` applies only the versioned migrations newer than the stored version, so
#     upgrading the temporalio/server + admin-tools image tag upgrades the schema.
# Reads: POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, SQL_PASSWORD (temporal-sql-tool's own
# variable), DBNAME, VISIBILITY_DBNAME.
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS is required}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
DB_PORT="${DB_PORT:-5432}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

echo "waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT"
attempt=0
until nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "PostgreSQL did not accept connections after $attempt attempts" >&2
    exit 1
  fi
  sleep 2
done

setup_database() {
  database=$1
  versioned_dir=$2
  echo "== $database"
  sql_tool --db "$database" create --defaultdb postgres 2>/dev/null \
    && echo "created database $database" \
    || echo "database $database already exists (or cannot be created; the next step will tell)"
  sql_tool --db "$database" setup-schema -v 0.0
  sql_tool --db "$database" update-schema -d "$versioned_dir"
}

setup_database "$DBNAME" "$SCHEMA_ROOT/temporal/versioned"
setup_database "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo "Temporal schema is up to date"
