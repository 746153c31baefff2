#!/usr/bin/env bash
# Classification vs. validation time per document: plain DSS, our engine without trust, and our engine as the
# gateway runs it in production (trusted chain, OCSP/CRL on loopback behind its revocation cache); see README.md.
# Usage: bench/classification/run.sh [iterations]   (run it under: flock /work/bench.lock ...)
# Self-contained: compiles this worktree, and runs its classes from target/ (never this project's jars from
# ~/.m2, which may be stale snapshots); every child process is bounded by a timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp /tmp/mailgw-classify-bench-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
source bench/classification/classpath.sh
timeout 280 java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
  -cp "validation/target/test-classes:validation/target/classes:$(cat "$cp_file")" \
  vn.mailgw.validation.classify.ClassificationBenchmark "${1:-20}"
