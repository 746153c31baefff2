#!/usr/bin/env bash
# Signature validation benchmark: this engine vs plain DSS default vs the floor vs poppler pdfsig.
# Usage (from anywhere): bash bench/signatures/run.sh [WARMUP_S=4] [MEASURE_S=6] [SIZES="100k 1m 10m"]
# Builds what it needs from this worktree (mvn -o test-compile; never install) and runs this project's
# classes from the modules' target/ directories, never the (possibly stale) snapshot jars in ~/.m2.
# Every line is a fresh JVM (-Xmx128m), so first_ms is the cold start; each JVM runs under a timeout
# and a line that runs out of heap says OOM, one that overruns says TIMEOUT. Needs Debian poppler-utils
# for the pdfsig column.
set -euo pipefail
WARMUP=${1:-4}
MEASURE=${2:-6}
SIZES=${3:-100k 1m 10m}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/mailgw-bench}
LIMIT=$((WARMUP + MEASURE + 60))
mkdir -p "$WORK"
cd "$ROOT"
mvn -B -q -o test-compile -pl validation -am
mvn -B -q -o dependency:build-classpath -pl validation -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# Sibling modules from this tree: drop every vn/mailgw jar that Maven resolved from ~/.m2.
DEPS=$(tr ':' '\n' < "$WORK/cp.txt" | grep -v '/vn/mailgw/' | paste -sd: -)
CP="validation/target/test-classes:validation/target/classes:trust-store/target/classes:$DEPS"
JAVA=(java -Xmx128m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError
      "-Dlogback.configurationFile=$ROOT/bench/signatures/logback-bench.xml" -cp "$CP")
[ -f "$WORK/10m.pdf" ] || timeout 300 "${JAVA[@]}" vn.mailgw.validation.signature.bench.SignatureBench generate "$WORK"
OUT="$WORK/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "# $(date -u '+%F %T') UTC, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT"
echo "mode size threads first_ms ops_per_s ms_per_op" | tee -a "$OUT"
for size in $SIZES; do
  for mode in ours dss floor pdfsig; do
    for threads in 1 2; do
      err="$WORK/$mode-$size-$threads.err"
      set +e
      line=$(timeout -k 5 "$LIMIT" "${JAVA[@]}" vn.mailgw.validation.signature.bench.SignatureBench run \
             "$WORK" "$mode" "$size" "$threads" "$WARMUP" "$MEASURE" 2>"$err")
      rc=$?
      set -e
      if [ $rc -eq 0 ] && [ -n "$line" ]; then
        echo "$line"
      elif grep -q OutOfMemoryError "$err" || [[ "$line" == *OutOfMemoryError* ]]; then
        echo "$mode $size $threads OOM - -"
      elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        echo "$mode $size $threads TIMEOUT - -"
      else
        echo "$mode $size $threads FAILED($rc, see $err) - -"
      fi
    done
  done
done | tee -a "$OUT"
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
# Ratios against the issue's goals (ours / DSS default, warm throughput, same run).
awk -v goal100k=5 -v goal1m=5 -v goal10m=3 '
  $1=="ours" {o[$2" "$3]=$5} $1=="dss" {d[$2" "$3]=$5} $1=="floor" {f[$2" "$3]=$5}
  END {
    print "\nsize threads ours/s dss/s ratio goal floor/s met"
    split("100k 1m 10m", sizes, " ")
    for (i = 1; i <= 3; i++) for (t = 1; t <= 2; t++) {
      k = sizes[i]" "t; if (!(k in o)) continue
      g = sizes[i]=="10m" ? goal10m : sizes[i]=="1m" ? goal1m : goal100k
      if (d[k] ~ /^[0-9.]+$/ && d[k] > 0 && o[k] ~ /^[0-9.]+$/) {
        r = o[k] / d[k]; printf "%s %d %s %s %.1fx %dx %s %s\n", sizes[i], t, o[k], d[k], r, g, f[k], (r >= g ? "yes" : "NO")
      } else if (o[k] ~ /^[0-9.]+$/) {
        printf "%s %d %s %s - %dx %s %s\n", sizes[i], t, o[k], d[k], g, f[k], "(DSS default did not finish)"
      }
    }
  }' "$OUT" | tee -a "$OUT"
echo "raw results: $OUT"
