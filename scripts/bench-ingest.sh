#!/usr/bin/env bash
# Builds release binaries and runs the catalog-ingest-vs-COPY benchmark. Extra arguments go to
# jobpilot-bench-ingest (see `--help`: --postings, --chunk, --testdata, --data-dir).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins
exec target/release/jobpilot-bench-ingest "$@"
