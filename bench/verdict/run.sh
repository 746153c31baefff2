#!/usr/bin/env bash
# Whole gateway vs signature engine alone, same signed ~1 MB PDF, same JVM and run (issue 4 benchmark).
# Usage (from anywhere): bash bench/verdict/run.sh [MESSAGES] [CONCURRENCY] [PAD_BYTES] [RUNS] [GATEWAY_SESSIONS] [WARM_UP]
# Builds the gateway from this worktree, copies the jars and classes aside (a later build cannot change them
# mid-run), then runs VerdictLoadRun RUNS times, each in a fresh JVM under a 300 s timeout. Prints each run's
# table and the median ratio against the goal (>= 80 %). Run it alone: `flock /work/bench.lock bash ...`.
set -euo pipefail
MESSAGES=${1:-40}
CONCURRENCY=${2:-2}
PAD=${3:-1000000}
RUNS=${4:-3}
SESSIONS=${5:-$CONCURRENCY}
WARM_UP=${6:-60}   # messages each side (engine, gateway) runs before it is measured
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
mvn -B -q -o -DskipTests package -pl gateway -am
mvn -B -q -o test-compile -pl gateway -am
SNAP=$(mktemp -d /tmp/mailgw-verdict-bench.XXXXXX)
trap 'rm -rf "$SNAP"' EXIT
cp -r gateway/target/mailgw.jar gateway/target/lib gateway/target/test-classes "$SNAP/"
RATIOS=()
CPUS=()
for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  OUT=$(timeout 300 java -Xmx1g -Dlogback.configurationFile=/dev/null -Dbench.threadCpu=true \
      -cp "$SNAP/mailgw.jar:$SNAP/lib/*:$SNAP/test-classes" \
      vn.mailgw.gateway.bench.VerdictLoadRun "$MESSAGES" "$CONCURRENCY" "$PAD" "$SESSIONS" "$WARM_UP" 2>&1 \
      | grep -E '^(PDF|engine|gateway|whole|checked|RESULT|  CPU)' || true)
  echo "$OUT"
  RATIO=$(echo "$OUT" | sed -n 's/.* ratio=\([0-9]*\)%.*/\1/p')
  CPU=$(echo "$OUT" | sed -n 's/.* cpu=\([0-9]*\)%.*/\1/p')
  [ -n "$RATIO" ] && RATIOS+=("$RATIO") && CPUS+=("$CPU") || echo "run $run FAILED or timed out"
done
[ ${#RATIOS[@]} -gt 0 ] || { echo "no run finished"; exit 1; }
MEDIAN=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
VERDICT=$([ "$MEDIAN" -ge 80 ] && echo "met" || echo "NOT met")
CPU_MEDIAN=$(printf '%s\n' "${CPUS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "ratios: ${RATIOS[*]} %; median ${MEDIAN} % of the engine alone; goal >= 80 %: ${VERDICT}"
echo "CPU ratios (engine CPU per message / gateway CPU per message; what the ratio is with all cores busy): ${CPUS[*]} %; median ${CPU_MEDIAN} %"
