#!/usr/bin/env bash
# Builds release binaries and runs the API-vs-pgbench benchmark. Extra arguments go to
# jobpilot-bench (see `--help`: --seconds, --connections, --users).
set -euo pipefail
cd "$(dirname "$0")/.."
# wrk drives the load when present (lighter than the built-in client); pgbench comes with PostgreSQL.
if ! command -v wrk >/dev/null 2>&1; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get install -y -qq wrk >/dev/null 2>&1 || { as_root apt-get update -qq && as_root apt-get install -y -qq wrk >/dev/null; } ||
    echo "bench.sh: wrk not installed; using the built-in load generator"
fi
cargo build --release --bins
exec target/release/jobpilot-bench "$@"
