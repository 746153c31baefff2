#!/usr/bin/env bash
# What a hostile zip-based attachment (the 1 GB DOCX bomb, a DOCX of 20 000 entries) costs per pipeline step and
# through the whole running gateway, next to an ordinary signed message, in the same JVM and run.
# Usage (from anywhere): bash bench/zip-bomb/run.sh [ROUNDS] [BEFORE_COMMIT]
#   ROUNDS         measured repetitions per step and per message (median printed; default 5)
#   BEFORE_COMMIT  optional: also build that commit (git archive into a temporary folder, offline Maven, nothing
#                  installed) and run the same harness on it first, e.g. 4e469c6 (the code before office8)
# Takes this project's classes from the tree's own target/ folders, never from ~/.m2. Every child is bounded by a
# timeout. Run it alone: `flock /work/bench.lock bash bench/zip-bomb/run.sh 5 4e469c6` (~3-4 minutes with BEFORE).
set -euo pipefail
ROUNDS=${1:-5}
BEFORE=${2:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/mailgw-zip-bomb-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

run_tree() { # $1 = tree root, $2 = label
  local tree=$1 label=$2
  echo "== $label: building $tree ($(date -u +%H:%M:%S) UTC)"
  (cd "$tree" && timeout 300 mvn -B -q -o -DskipTests package -pl gateway -am \
     && timeout 300 mvn -B -q -o test-compile -pl gateway -am)
  local cp="$tree/gateway/target/mailgw.jar:$tree/gateway/target/lib/*:$tree/gateway/target/test-classes"
  mkdir -p "$WORK/$label"
  javac -nowarn -d "$WORK/$label" -cp "$cp" "$ROOT/bench/zip-bomb/ZipBombBench.java"
  echo "== $label: measuring ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  timeout 240 java -Xmx1g -Dlogback.configurationFile=/dev/null -cp "$WORK/$label:$cp" \
    vn.mailgw.gateway.service.ZipBombBench "$ROUNDS" 2>&1 \
    | grep -E '^(STEPS|GATEWAY|RESULT|document|docx|ordinary)' | tee "$WORK/$label.out" \
    || echo "$label: FAILED or timed out"
}

if [ -n "$BEFORE" ]; then
  mkdir -p "$WORK/before-tree"
  git -C "$ROOT" archive "$BEFORE" | tar -x -C "$WORK/before-tree"
  # Tests and the demo read ../shared relative to the tree: give the copy the same neighbour.
  ln -s "$(cd "$ROOT/.." && pwd)/shared" "$WORK/shared" 2>/dev/null || true
  run_tree "$WORK/before-tree" before
fi
run_tree "$ROOT" after

after=$(sed -n 's/^RESULT bomb=\([0-9.]*\) ms.*/\1/p' "$WORK/after.out" 2>/dev/null || true)
ordinary=$(sed -n 's/.* ordinary=\([0-9.]*\) ms.*/\1/p' "$WORK/after.out" 2>/dev/null || true)
if [ -n "$BEFORE" ]; then
  before=$(sed -n 's/^RESULT bomb=\([0-9.]*\) ms.*/\1/p' "$WORK/before.out" 2>/dev/null || true)
  [ -n "$before" ] && [ -n "$after" ] && awk -v b="$before" -v a="$after" \
    'BEGIN { printf "DOCX bomb through the gateway: before %.0f ms, after %.0f ms (%.0f times less)\n", b, a, b / a }'
fi
[ -n "$after" ] && [ -n "$ordinary" ] && awk -v a="$after" -v o="$ordinary" 'BEGIN {
  printf "goal: the bomb costs no more than an ordinary signed message: %.0f ms vs %.0f ms = %.2f: %s\n", a, o, a / o,
    (a <= o ? "met" : "NOT met") }'
