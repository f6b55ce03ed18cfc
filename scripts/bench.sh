#!/usr/bin/env bash
# Builds release binaries and runs the API-vs-pgbench benchmark. Extra arguments go to
# jobpilot-bench (see `--help`: --seconds, --connections, --users).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins
exec target/release/jobpilot-bench "$@"
