#!/usr/bin/env bash
# Interleaved A/B of the audit append rate: a baseline commit against this worktree, same minutes, appends only,
# fresh SQLite file each run (no 1 M-record load). On a shared machine wrap it: flock /work/bench.lock bash ...
#   bash bench/audit/ab.sh [base-commit] [rounds] [appenders] [seconds] [stores] [shapes]
#   e.g. bash bench/audit/ab.sh 6bc8fba 3 1,16,64 6 sqlite relay
# The baseline is exported with `git archive` into /tmp/audit-ab-base-<commit> and built there (offline reactor),
# never installed into ~/.m2. Each benchmark JVM is killed after 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${1:-6bc8fba}
ROUNDS=${2:-3}
THREADS=${3:-1,16,64}
SECONDS_EACH=${4:-6}
STORES=${5:-sqlite}
SHAPES=${6:-relay,verdict,strict}
HERE=$(pwd)
BASEDIR=/tmp/audit-ab-base-$BASE
if [ ! -d "$BASEDIR" ]; then
    mkdir -p "$BASEDIR"
    git archive "$BASE" | tar -x -C "$BASEDIR"
fi
# Both sides run this worktree's benchmark (same traffic shapes, warm-up and table), only the audit code differs.
for f in AuditStoreBenchmark.java GatewayTrafficShapes.java TestAudits.java; do
    cp "gateway/src/test/java/vn/mailgw/gateway/audit/$f" "$BASEDIR/gateway/src/test/java/vn/mailgw/gateway/audit/$f"
done
for dir in "$BASEDIR" "$HERE"; do
    (cd "$dir" && timeout 600 mvn -B -q -o test-compile -pl gateway -am >/dev/null 2>&1)
done
for round in $(seq 1 "$ROUNDS"); do
    for side in base this; do
        dir=$HERE; [ "$side" = base ] && dir=$BASEDIR
        echo "round $round $side ($(date -u +%T), load $(cut -d' ' -f1 /proc/loadavg))"
        (cd "$dir" && timeout 300 mvn -B -q -o test -pl gateway -am -Dtest=AuditStoreBenchmark -Dbench=true \
            -Dbench.stores="$STORES" -Dbench.shapes="$SHAPES" -Dbench.appendsOnly=true -Dbench.threads="$THREADS" \
            -Dbench.appendSeconds="$SECONDS_EACH" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
            | grep -E '^(\| [0-9]|relay-shaped|verdict-shaped|strict:)') || echo "  (run failed or timed out)"
    done
done
