#!/usr/bin/env bash
# What the libraries alone do for one classification (structure check, PDFBox load and page tree, fontbox's
# ToUnicode CMaps, PDFBox's content tokens), next to the classifier and production validation, in the judged
# benchmark's turns (ClassificationFloor; see README.md "Floor").
# Usage: bench/classification/floor.sh [turns] [seconds per step]   (run it under: flock /work/bench.lock ...)
# Self-contained like run.sh: compiles this worktree and runs its classes from target/, under a timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp /tmp/mailgw-classify-floor-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
source bench/classification/classpath.sh
turns=${1:-300}
seconds=${2:-10}
echo "== $(date -u +%H:%M:%S) UTC"
timeout $((seconds * 30 + turns + 200)) java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
  -cp "validation/target/test-classes:validation/target/classes:$(cat "$cp_file")" \
  vn.mailgw.validation.classify.ClassificationFloor "$turns" "$seconds"
echo "== done $(date -u +%H:%M:%S) UTC"
