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
# One reactor build: validation and its sibling trust-store are compiled here and resolved to their
# target/classes folders, so build-classpath does not point at ~/.m2 jars of this project.
timeout 300 mvn -B -q -o test-compile dependency:build-classpath -pl validation -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
if tr ':' '\n' < "$cp_file" | grep -q '/vn/mailgw/'; then
  echo "refusing to run: the classpath holds this project's jars from ~/.m2: $(tr ':' '\n' < "$cp_file" | grep '/vn/mailgw/')" >&2
  exit 1
fi
timeout 280 java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
  -cp "validation/target/test-classes:validation/target/classes:$(cat "$cp_file")" \
  vn.mailgw.validation.classify.ClassificationBenchmark "${1:-20}"
