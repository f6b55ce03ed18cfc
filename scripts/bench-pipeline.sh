#!/usr/bin/env bash
# Builds release binaries and runs the pipeline benchmark. Extra arguments go to
# jobpilot-bench-pipeline (see `--help`: --users, --applications, --postings, --page-users,
# --clients, --requests, --data-dir).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins
exec target/release/jobpilot-bench-pipeline "$@"
