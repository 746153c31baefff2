#!/usr/bin/env bash
# The classification benchmark twice in a row, same harness and class path: first with the `classify` package of
# an older commit (default 6bc8fba, where classify6 started), then with this worktree's. Shows what the change
# gained in the same machine state; the goal itself is judged on run.sh.
# Usage: bench/classification/ab.sh [base-commit] [iterations]   (run it under: flock /work/bench.lock ...)
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-6bc8fba}
work=$(mktemp -d /tmp/mailgw-classify-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
source bench/classification/base-classes.sh
cp="validation/target/test-classes:validation/target/classes:$(cat "$work/cp")"
for side in base new; do
  prefix=""
  [ "$side" = base ] && prefix="$work/classes:"
  echo "== $side ($([ "$side" = base ] && echo "$base" || git rev-parse --short HEAD)) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  timeout 280 java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
    -cp "$prefix$cp" vn.mailgw.validation.classify.ClassificationBenchmark "${2:-30}"
done
