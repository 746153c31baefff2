#!/usr/bin/env bash
# Thread CPU of classifying the benchmark's signed 20-page text PDF, the classifier of an older commit (side A) and
# this worktree's (side B) in one JVM, called in turns, each side in a class loader of its own (ClassificationCpuAb).
# Both sides must classify the document identically, or it stops. Isolates the classifier's own change from the
# machine's state; the goal itself is judged on run.sh (wall time against validation).
# Usage: bench/classification/ab-cpu.sh [base-commit] [calls per round] [rounds]   (run it under: flock /work/bench.lock ...)
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-955e8fb}
work=$(mktemp -d /tmp/mailgw-classify-abcpu.XXXXXX)
trap 'rm -rf "$work"' EXIT
source bench/classification/base-classes.sh
shared=$(cat "$work/cp")
echo "A = $base, B = $(git rev-parse --short HEAD) (+ uncommitted), $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 280 java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
  -cp "validation/target/test-classes:validation/target/classes:$shared" \
  vn.mailgw.validation.classify.ClassificationCpuAb "$work/classes:validation/target/classes" \
  "validation/target/classes" "$shared" "${2:-2000}" "${3:-5}"
