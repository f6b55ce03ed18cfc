#!/usr/bin/env bash
# Builds release binaries and runs the matching and feed benchmark. Extra arguments go to
# jobpilot-bench-feed (see `--help`: --postings, --users, --requests, --clients, --arrivals, --data-dir, --reuse).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins
exec target/release/jobpilot-bench-feed "$@"
