#!/usr/bin/env bash
# Runs Jobpilot's whole test suite on a fresh Debian machine: installs what is missing
# (PostgreSQL with contrib, Chromium and ChromeDriver for the browser tests, cargo-nextest,
# moto's local S3 server),
# makes sure a PostgreSQL server answers on 127.0.0.1:5432, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql-client)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The tests' own PostgreSQL (each test makes its own database there), unless one is given.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "test.sh: starting the local PostgreSQL cluster"
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || { as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main; version=$(ls /etc/postgresql | sort -V | tail -n 1); }
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  # Tests connect as the postgres superuser without a password from this machine only.
  if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    echo "test.sh: cannot connect as postgres to 127.0.0.1:5432; set TEST_DATABASE_URL to a superuser URL" >&2
    exit 1
  fi
fi

command -v cargo-nextest >/dev/null 2>&1 || cargo install cargo-nextest --locked

# A local S3-compatible server for the file-storage test (tests/files_s3.rs).
if ! command -v moto_server >/dev/null 2>&1; then
  echo "test.sh: installing moto[server]"
  command -v pip3 >/dev/null 2>&1 || { as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >/dev/null; }
  pip3 install --quiet 'moto[server]' 2>/dev/null || pip3 install --quiet --break-system-packages 'moto[server]'
fi

# Test databases of earlier runs are disposable.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -Atc \
    "select datname from pg_database where datname like 'jp\_t\_%' or datname like 'jp\_tpl\_%'" |
    while read -r db; do psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists \"$db\"" || true; done
fi

# A one-off build (CI) gains nothing from incremental data but gigabytes on disk.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi

cargo nextest run --workspace --all-targets --no-fail-fast "$@"
