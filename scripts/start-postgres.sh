#!/usr/bin/env bash
# Starts the local PostgreSQL cluster when it is not answering on 127.0.0.1:5432 (trust auth,
# user postgres). Used by the test command; harmless when the server already runs.
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  exit 0
fi
version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (run scripts/setup.sh)" >&2
  exit 1
fi
conf=/etc/postgresql/$version/main
# trust auth on loopback so that tests connect as postgres without a password
if ! grep -q "dxmon-trust" "$conf/pg_hba.conf"; then
  sed -i '1i host all all 127.0.0.1/32 trust # dxmon-trust\nhost all all ::1/128 trust # dxmon-trust\nlocal all all trust # dxmon-trust' "$conf/pg_hba.conf"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && exit 0
  sleep 1
done
echo "PostgreSQL did not start" >&2
exit 1
