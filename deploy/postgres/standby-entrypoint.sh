#!/bin/sh
# db-standby (deploy/compose.pitr.yml, profile standby): the first start copies the primary with
# pg_basebackup -R (standby.signal, primary_conninfo); every start then runs as its streaming
# standby, falling back to the pgBackRest archive when it has fallen too far behind.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h db; do sleep 2; done
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -d "host=db user=replicator application_name=dg_standby" \
    -D "$PGDATA" -R -X stream -c fast
  chmod 700 "$PGDATA"
fi
# The primary's settings: once promoted, this server archives to the same repository.
exec postgres -c archive_mode=on -c 'archive_command=pgbackrest --stanza=dg archive-push %p' \
  -c archive_timeout=60 -c 'restore_command=pgbackrest --stanza=dg archive-get %f "%p"'
