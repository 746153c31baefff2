#!/usr/bin/env bash
# The least CPU the gateway must spend per verdict-run message beyond the signature engine (issue 4), each
# required step alone at JDK speed, next to the engine alone: see README.md "Floor".
# Usage (from anywhere): bash bench/verdict/floor.sh [SECONDS_PER_STEP] [PAD_BYTES]
# Each step is warmed up for SECONDS then measured for SECONDS (six steps: ~12 × SECONDS in all); one JVM under a
# timeout. Run it alone: `flock /work/bench.lock bash ...`.
set -euo pipefail
SECONDS_PER_STEP=${1:-30}
PAD=${2:-1000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
mvn -B -q -o -DskipTests package -pl gateway -am
mvn -B -q -o test-compile -pl gateway -am
echo "== $(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
timeout $((SECONDS_PER_STEP * 14 + 120)) java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
    -cp "gateway/target/mailgw.jar:gateway/target/lib/*:gateway/target/test-classes" \
    vn.mailgw.gateway.bench.VerdictFloor "$PAD" "$SECONDS_PER_STEP" 2>&1 | grep -E '^(PDF|  |RESULT)'
echo "== done $(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
