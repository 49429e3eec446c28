#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests of the PostgreSQL key store: loopback only, trust
# authentication, a temporary data folder, a free port. Installs Debian's postgresql package first
# when no server binaries are there (root only). Prints the lines to evaluate:
#   eval "$(scripts/start-test-postgres.sh)"      # exports LEDGER_TEST_POSTGRES_URL and LEDGER_TEST_POSTGRES_STOP
#   ... npm test ...
#   "$LEDGER_TEST_POSTGRES_STOP"                  # stops the server and removes its folder
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "start-test-postgres: PostgreSQL is not installed (apt-get install postgresql, as root)" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data=$(mktemp -d /tmp/ledger-test-postgres.XXXXXX)

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user the package made.
as_server() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$data"
as_server "'$bin/initdb' -D '$data/db' -U postgres -A trust --no-sync --no-instructions" >/dev/null
as_server "'$bin/pg_ctl' -D '$data/db' -l '$data/server.log' -w -t 60 -o '-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null

# The stop script lives outside the data folder it removes.
stop="$data.stop.sh"
cat >"$stop" <<STOP
#!/bin/sh
if [ "\$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$data/db' -m fast -w stop" >/dev/null
else '$bin/pg_ctl' -D '$data/db' -m fast -w stop >/dev/null; fi
rm -rf '$data' '$stop'
STOP
chmod +x "$stop"

echo "export LEDGER_TEST_POSTGRES_URL='postgresql://postgres@127.0.0.1:$port/postgres'"
echo "export LEDGER_TEST_POSTGRES_STOP='$stop'"
