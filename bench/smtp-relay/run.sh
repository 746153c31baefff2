#!/usr/bin/env bash
# Load run on loopback: the same load straight into Postfix's smtp-sink ("direct") and through the
# gateway relaying to that sink ("gateway"), in the same run. Load: Postfix's smtp-source (throughput)
# and SmtpLoad.java (throughput + per-message latency). Needs: a built gateway jar
# (mvn -B -q -DskipTests package), Java 17, apt-get (to download postfix without installing it).
# Usage: bash bench/smtp-relay/run.sh [MESSAGES] [SESSIONS] [SIZE_BYTES] [ROUNDS]
# Each round runs direct and gateway back to back, so both see the same machine load.
# GATEWAY_SET="smtp.instances=1" (space-separated key=value) adds --set overrides to the gateway.
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${1:-2000}
SESSIONS=${2:-20}
SIZE=${3:-10240}
ROUNDS=${4:-3}
WORK=$(mktemp -d /tmp/mailgw-bench.XXXXXX)
SINK_PORT=2700
GW_PORT=2701

# Postfix's smtp-source/smtp-sink without installing a mail server.
if [ ! -x "$WORK/pf/usr/sbin/smtp-source" ]; then
  (cd "$WORK" && apt-get download postfix >/dev/null 2>&1 && dpkg -x postfix_*.deb pf)
fi
export LD_LIBRARY_PATH="$WORK/pf/usr/lib/postfix"
SOURCE="$WORK/pf/usr/sbin/smtp-source"
SINK="$WORK/pf/usr/sbin/smtp-sink"

cleanup() { kill "${GW_PID:-}" "${SINK_PID:-}" 2>/dev/null || true; }
trap cleanup EXIT

"$SINK" -u nobody -c 127.0.0.1:$SINK_PORT 256 >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
java -Xmx512m -jar gateway/target/mailgw.jar serve --set smtp.port=$GW_PORT \
  --set delivery.nextHop.host=127.0.0.1 --set delivery.nextHop.port=$SINK_PORT \
  --set delivery.nextHop.startTls=NONE --set smtp.maxConnectionsPerIp=100 \
  --set spoolDir="$WORK/spool" --set workers.pipeline=$SESSIONS \
  $(for kv in ${GATEWAY_SET:-}; do printf -- '--set %s ' "$kv"; done) >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
for i in $(seq 1 120); do grep -q "gateway started" "$WORK/gateway.log" && break; sleep 0.5; done

source_run() { # label port
  local start end
  start=$(date +%s.%N)
  "$SOURCE" -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -f vanthu@sonoivu.daknong.gov.vn \
    -t vanthu@ubnd.daknong.gov.vn -M load.test 127.0.0.1:"$2"
  end=$(date +%s.%N)
  RATE=$(echo "scale=1; $MESSAGES / ($end - $start)" | bc)
  echo "smtp-source $1: $MESSAGES messages in $(echo "$end - $start" | bc) s = $RATE msg/s"
}

# Warm-up (JIT) through the gateway, not measured.
"$SOURCE" -s "$SESSIONS" -m 500 -l "$SIZE" -f vanthu@sonoivu.daknong.gov.vn -t vanthu@ubnd.daknong.gov.vn \
  -M load.test 127.0.0.1:$GW_PORT
java bench/smtp-relay/SmtpLoad.java 127.0.0.1 $GW_PORT "$SESSIONS" 500 "$SIZE" >/dev/null

echo "== gateway: $(grep -o 'instances=[0-9]*' "$WORK/gateway.log" | head -1), overrides: ${GATEWAY_SET:-none}"
echo "== size=$SIZE bytes, sessions=$SESSIONS, messages=$MESSAGES per run, rounds=$ROUNDS, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  echo "-- round $round"
  source_run direct $SINK_PORT; DIRECT=$RATE
  source_run gateway $GW_PORT; GATEWAY=$RATE
  echo "smtp-source ratio gateway/direct: $(echo "scale=2; $GATEWAY / $DIRECT" | bc)"
  echo "SmtpLoad direct:  $(java bench/smtp-relay/SmtpLoad.java 127.0.0.1 $SINK_PORT "$SESSIONS" "$MESSAGES" "$SIZE")"
  echo "SmtpLoad gateway: $(java bench/smtp-relay/SmtpLoad.java 127.0.0.1 $GW_PORT "$SESSIONS" "$MESSAGES" "$SIZE")"
done
echo "gateway replies: $(grep -c 'result="250' "$WORK/gateway.log") x 250, $(grep -c 'result="4' "$WORK/gateway.log" || true) x 4xx"
