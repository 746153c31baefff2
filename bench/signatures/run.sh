#!/usr/bin/env bash
# Signature validation benchmark: this engine vs plain DSS default vs the floor vs poppler pdfsig.
# Usage (from the repository root): bash bench/signatures/run.sh [WARMUP_S] [MEASURE_S]
# Needs Debian poppler-utils for the pdfsig column. Every line is a fresh JVM, so first_ms is the cold start.
set -euo pipefail
WARMUP=${1:-4}
MEASURE=${2:-6}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/mailgw-bench}
cd "$ROOT"
mvn -B -q -o test-compile -pl validation -am
mvn -B -q -o dependency:build-classpath -pl validation -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.cp" >/dev/null
CP="validation/target/test-classes:validation/target/classes:trust-store/target/classes:$(sed 's#[^:]*trust-store[^:]*\.jar##' "$WORK.cp")"
JAVA="java -Xmx128m -XX:+UseSerialGC -Dlogback.configurationFile=$ROOT/bench/signatures/logback-bench.xml -cp $CP"
[ -f "$WORK/10m.pdf" ] || $JAVA vn.mailgw.validation.signature.bench.SignatureBench generate "$WORK"
echo "mode size threads first_ms ops_per_s ms_per_op"
for size in 100k 1m 10m; do
  for mode in ours dss floor pdfsig; do
    for threads in 1 2; do
      $JAVA vn.mailgw.validation.signature.bench.SignatureBench run "$WORK" $mode $size $threads "$WARMUP" "$MEASURE" \
        || echo "$mode $size $threads FAILED (see stderr)"
    done
  done
done
