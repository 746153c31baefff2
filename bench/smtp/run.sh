#!/usr/bin/env bash
# SMTP ingest benchmark: the same load into Postfix's smtp-sink (direct) and into the gateway's SMTP
# layer (SmtpServer + a sink pipeline that deletes the spool file), in the same run, on loopback.
# Then the memory check: 20 concurrent 30 MB messages into the gateway started with -Xmx256m.
# Usage: bash bench/smtp/run.sh   (from the repository root; needs Java 17, Maven, apt-get download)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Postfix's smtp-source / smtp-sink without installing a mail server.
PF=$WORK/postfix
mkdir -p "$PF" && (cd "$PF" && apt-get download postfix >/dev/null 2>&1 && dpkg -x postfix_*.deb root)
export LD_LIBRARY_PATH=$PF/root/usr/lib/postfix
SOURCE=$PF/root/usr/sbin/smtp-source
SINK=$PF/root/usr/sbin/smtp-sink

# One reactor build with -am: gateway's sibling modules (trust-store, ...) resolve to their
# target/classes, never to a jar in ~/.m2 (nothing is installed). gateway is built last, so its
# class path is the one left in cp.txt.
mvn -B -q -o test-compile dependency:build-classpath -pl gateway -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP=$(tr ':' '\n' < "$WORK/cp.txt" | grep -v '/vn/mailgw/' | paste -sd:)
CP=$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$CP

DIRECT_PORT=${DIRECT_PORT:-12525}
GW_PORT=${GW_PORT:-12526}
SESSIONS=${SESSIONS:-20}
MSGS=${MSGS:-4000}
SIZE=${SIZE:-10240}

SINK_USER=$([ "$(id -u)" = 0 ] && echo "-u nobody" || true)
"$SINK" $SINK_USER -c 127.0.0.1:$DIRECT_PORT 256 >/dev/null &
java -Xmx256m -cp "$CP" vn.mailgw.gateway.smtp.bench.SmtpIngestBenchServer $GW_PORT "$WORK/spool" > "$WORK/gw.log" 2>&1 &
GW_PID=$!
for i in $(seq 1 60); do grep -q "listening on" "$WORK/gw.log" && break; sleep 1; done

rate() { # $1 = port; prints messages/s of smtp-source
  local t0 t1
  t0=$(date +%s.%N)
  "$SOURCE" -s $SESSIONS -m $MSGS -l $SIZE -f bench@sonla.gov.vn -t sink@sonla.gov.vn 127.0.0.1:$1
  t1=$(date +%s.%N)
  echo "scale=1; $MSGS / ($t1 - $t0)" | bc
}
load() { # $1 = port; Java client with per-message latency
  java -cp "$CP" vn.mailgw.gateway.smtp.bench.SmtpLoadClient 127.0.0.1 $1 $SESSIONS $((MSGS / SESSIONS)) $SIZE
}

rate $DIRECT_PORT >/dev/null; rate $GW_PORT >/dev/null   # warm-up
echo "smtp-source direct  msg/s: $(rate $DIRECT_PORT)"
echo "smtp-source gateway msg/s: $(rate $GW_PORT)"
echo "load-client direct : $(load $DIRECT_PORT)"
echo "load-client gateway: $(load $GW_PORT)"

# Memory: 20 concurrent 30 MB messages through the gateway's SMTP layer running with -Xmx256m.
echo "20 x 30 MB gateway : $(java -cp "$CP" vn.mailgw.gateway.smtp.bench.SmtpLoadClient 127.0.0.1 $GW_PORT 20 1 $((30 * 1024 * 1024)))"
if grep -q OutOfMemoryError "$WORK/gw.log"; then echo "gateway ran out of memory"; fi
kill -0 $GW_PID && echo "gateway still running after the 30 MB run (heap -Xmx256m)"
