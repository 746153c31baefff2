#!/usr/bin/env bash
# What large zip-based documents that are no bombs cost (LargeParts.java): zip check, classification and the Office
# signature engine, time and bytes allocated, one JVM per case, optionally before (another commit) and after.
# Usage (from anywhere): bash bench/zip-bomb/large-parts.sh [ROUNDS] [BEFORE_COMMIT]
#   ROUNDS         measured calls per step after one warm-up (median printed; default 3)
#   BEFORE_COMMIT  optional: also build that commit (git archive into a temporary folder, offline Maven, nothing
#                  installed) and measure it first, e.g. 0eea5dc (the code before office9)
# Takes this project's classes from the tree's own target/ folders, never from ~/.m2; every child under a timeout.
# Run it alone: `flock /work/bench.lock bash bench/zip-bomb/large-parts.sh 3 0eea5dc` (~4-6 minutes with BEFORE;
# the zip-check column runs the same code on both sides: it shows how the load moved between them).
set -euo pipefail
ROUNDS=${1:-3}
BEFORE=${2:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/mailgw-large-parts.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CASES=("docx 95" "signed-docx 95" "docx 200" "xlsx 60")

build_tree() { # $1 = tree root, $2 = label
  local tree=$1 label=$2
  echo "== $label: building $tree ($(date -u +%H:%M:%S) UTC)"
  (cd "$tree" && timeout 300 mvn -B -q -o -DskipTests package -pl gateway -am \
     && timeout 300 mvn -B -q -o test-compile -pl validation -am)
  mkdir -p "$WORK/$label"
  javac -nowarn -d "$WORK/$label" -cp "$(classpath "$tree")" "$ROOT/bench/zip-bomb/LargeParts.java"
}
classpath() { echo "$1/validation/target/classes:$1/validation/target/test-classes:$1/gateway/target/lib/*"; }
measure() { # $1 = tree root, $2 = label, $3 = case
  local tree=$1 label=$2 c=$3
  echo "== $label: $c ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  timeout 150 java -Xmx1g -Dlogback.configurationFile=/dev/null -cp "$WORK/$label:$(classpath "$tree")" LargeParts $c \
    "$ROUNDS" 2>&1 | grep -E '^(CASE|STEP)' | sed "s/^/$label /" | tee -a "$WORK/$label.out" \
    || echo "$label $c: FAILED or timed out"
}

if [ -n "$BEFORE" ]; then
  mkdir -p "$WORK/before-tree"
  git -C "$ROOT" archive "$BEFORE" | tar -x -C "$WORK/before-tree"
  ln -s "$(cd "$ROOT/.." && pwd)/shared" "$WORK/shared" 2>/dev/null || true
  build_tree "$WORK/before-tree" before
fi
build_tree "$ROOT" after
# Before and after case by case, so both see the same load.
for c in "${CASES[@]}"; do
  [ -n "$BEFORE" ] && measure "$WORK/before-tree" before "$c"
  measure "$ROOT" after "$c"
done

echo
echo "| case | step | before ms | before MB allocated | after ms | after MB allocated |"
echo "|---|---|---:|---:|---:|---:|"
for c in "${CASES[@]}"; do
  kind=${c% *}
  for s in zip-check classify digest-floor office-sig; do
    a=$(awk -v k="$kind" -v s="$s" -v mb="${c#* }" '$1=="after" && $2=="CASE" && $3==k {on=($4=="part=" mb)} $1=="after" && $2=="STEP" && $3==k && $4==s && on {print}' "$WORK/after.out" 2>/dev/null)
    [ -z "$a" ] && continue
    b=$(awk -v k="$kind" -v s="$s" -v mb="${c#* }" '$1=="before" && $2=="CASE" && $3==k {on=($4=="part=" mb)} $1=="before" && $2=="STEP" && $3==k && $4==s && on {print}' "$WORK/before.out" 2>/dev/null || true)
    am=$(sed -n 's/.*median=\([0-9.]*\) ms.*/\1/p' <<<"$a"); aa=$(sed -n 's/.*allocated=\([0-9]*\) MB.*/\1/p' <<<"$a")
    bm=$(sed -n 's/.*median=\([0-9.]*\) ms.*/\1/p' <<<"$b"); ba=$(sed -n 's/.*allocated=\([0-9]*\) MB.*/\1/p' <<<"$b")
    echo "| $c MB | $s | ${bm:--} | ${ba:--} | $am | $aa |"
  done
done
echo "goal (this task's own): no step costs seconds on a package within the zip limits; classification and an"
echo "unsigned package's signature check do not hold the large part in memory (MB allocated well under the part's size)"
