#!/bin/bash
# Runs once, when the `db` volume is initialised (/docker-entrypoint-initdb.d): creates the
# pgBackRest stanza and, when REPLICATION_PASSWORD is set, the role the standby streams as.
# On an existing volume run the same statements by hand (docs/operations.md).
pgbackrest --stanza=dg stanza-create
if [ -n "${REPLICATION_PASSWORD:-}" ]; then
  psql -v ON_ERROR_STOP=1 -v pw="$REPLICATION_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
create role replicator with replication login password :'pw';
SQL
  echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
fi
