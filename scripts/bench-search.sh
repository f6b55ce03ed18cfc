#!/usr/bin/env bash
# Builds release binaries and runs the catalog-search latency benchmark. Extra arguments go to
# jobpilot-bench-search (see `--help`: --postings, --requests, --clients, --data-dir, --reuse).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins
exec target/release/jobpilot-bench-search "$@"
