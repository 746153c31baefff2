#!/usr/bin/env bash
# Load run on loopback: the same load straight into Postfix's smtp-sink ("direct") and through the
# gateway relaying to that sink ("gateway"), in the same run. Load: Postfix's smtp-source (throughput)
# and SmtpLoad.java (throughput + per-message latency). Needs: the gateway jar built from this worktree
# (mvn -B -q -o -DskipTests package -pl gateway -am), Java 17, apt-get (downloads postfix, installs nothing).
# Usage: bash bench/smtp-relay/run.sh [MESSAGES] [SESSIONS] [SIZE_BYTES] [ROUNDS]
# Each round runs direct and gateway back to back, so both see the same machine load.
# GATEWAY_SET="smtp.instances=1" (space-separated key=value) adds --set overrides to the gateway;
# GATEWAY_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile).
# Every load step is killed after STEP_TIMEOUT seconds (default 180), so the run never hangs.
# DNS: BenchDns.java answers the sender's SPF/DMARC records (as a production resolver would) and the gateway
# uses it; BENCH_DNS=unreachable keeps the earlier rounds' set-up (resolver 127.0.0.1:53, nothing listening:
# every lookup fails fast and the sender check is a temperror). GATEWAY_SET="verdict.dnsCacheMaxEntries=0"
# turns the gateway's DNS answer cache off for an A/B.
# BENCH_DNS_CP: class path for BenchDns (default gateway/target/lib/*; to bench an older build, point it at a newer
# build's lib, whose samples jar has LoopbackDnsServer.soa/txtWithTtl).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f gateway/target/mailgw.jar ]; then
  echo "no gateway/target/mailgw.jar: run  mvn -B -q -o -DskipTests package -pl gateway -am  first" >&2
  exit 1
fi
MESSAGES=${1:-2000}
SESSIONS=${2:-20}
SIZE=${3:-10240}
ROUNDS=${4:-3}
WORK=$(mktemp -d /tmp/mailgw-bench.XXXXXX)
SINK_PORT=${SINK_PORT:-2700}
GW_PORT=${GW_PORT:-2701}
WARMUP_BATCH=${WARMUP_BATCH:-1000}

# Postfix's smtp-source/smtp-sink without installing a mail server (downloaded once, kept in $PF).
PF=${PF_DIR:-/tmp/mailgw-bench-postfix}
if [ ! -x "$PF/usr/sbin/smtp-source" ]; then
  mkdir -p "$PF" && (cd "$PF" && apt-get download postfix >/dev/null 2>&1 && dpkg -x postfix_*.deb .)
fi
export LD_LIBRARY_PATH="$PF/usr/lib/postfix"
SOURCE="$PF/usr/sbin/smtp-source"
SINK="$PF/usr/sbin/smtp-sink"

cleanup() { kill "${GW_PID:-}" "${SINK_PID:-}" "${DNS_PID:-}" 2>/dev/null || true; }
trap cleanup EXIT
# Every load step has a time limit, so a stuck gateway fails the run instead of hanging it.
STEP_TIMEOUT=${STEP_TIMEOUT:-180}
# CPU seconds (user+system) used so far by a process, from /proc (clock ticks / ticks per second).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU ticks per thread group of the gateway (pipeline-7 -> pipeline): where its CPU goes. The name in
# /proc/.../stat may hold spaces, so the tick fields are counted from the end of the line.
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    # A thread may end between the listing and the read: skip it.
    name=$(tr ' ' _ 2>/dev/null < "$t/comm" | sed 's/[-#]*[0-9]*$//') && ticks=$(sed 's/.*) //' "$t/stat" 2>/dev/null \
      | awk '{print $12 + $13}') && [ -n "$ticks" ] && printf '%s %s\n' "$name" "$ticks" || true
  done | awk '{n[$1] += $2} END {for (k in n) print k, n[k]}' | sort
}

"$SINK" -u nobody -c 127.0.0.1:$SINK_PORT 256 >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
RESOLVER=127.0.0.1:53
if [ "${BENCH_DNS:-responder}" != unreachable ]; then
  java -cp "${BENCH_DNS_CP:-gateway/target/lib/*}" bench/smtp-relay/BenchDns.java >"$WORK/dns.log" 2>&1 &
  DNS_PID=$!
  for i in $(seq 1 60); do grep -q '^port ' "$WORK/dns.log" && break; sleep 0.5; done
  grep -q '^port ' "$WORK/dns.log" || { echo "bench DNS server did not start:" >&2; cat "$WORK/dns.log" >&2; exit 1; }
  RESOLVER=127.0.0.1:$(sed -n 's/^port //p' "$WORK/dns.log")
fi
java -Xmx512m ${GATEWAY_JAVA_OPTS:-} -jar gateway/target/mailgw.jar serve --set smtp.port=$GW_PORT \
  --set verdict.resolver=$RESOLVER \
  --set delivery.nextHop.host=127.0.0.1 --set delivery.nextHop.port=$SINK_PORT \
  --set delivery.nextHop.startTls=NONE --set smtp.maxConnectionsPerIp=100 \
  --set spoolDir="$WORK/spool" --set workers.pipeline=$SESSIONS --set http.port=0 \
  --set dataDir="$WORK/data" \
  $(for kv in ${GATEWAY_SET:-}; do printf -- '--set %s ' "$kv"; done) >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
for i in $(seq 1 120); do grep -q "gateway started" "$WORK/gateway.log" 2>/dev/null && break; sleep 0.5; done
if ! grep -q "gateway started" "$WORK/gateway.log"; then
  echo "gateway did not start within 60 s; its log:" >&2; tail -30 "$WORK/gateway.log" >&2; exit 1
fi

source_run() { # label port
  local start end
  start=$(date +%s.%N)
  timeout "$STEP_TIMEOUT" "$SOURCE" -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -f vanthu@sonoivu.daknong.gov.vn \
    -t vanthu@ubnd.daknong.gov.vn -M load.test 127.0.0.1:"$2"
  end=$(date +%s.%N)
  RATE=$(echo "scale=1; $MESSAGES / ($end - $start)" | bc)
  echo "smtp-source $1: $MESSAGES messages in $(echo "$end - $start" | bc) s = $RATE msg/s"
}

# Warm-up through the gateway, not measured, until the JIT has settled: batches of 1000 messages until the
# C2 compiler uses under 0.2 ms of CPU per message (at most WARMUP_MAX_BATCHES, default 30). A long-running
# gateway is in that steady state; measured on 2 busy cores the C2 compiler still took 0.7-0.8 ms per message
# after 6 000 messages and settled only after ~25 000 (bench/smtp-relay/README.md, round 4).
c2_ticks() { thread_ticks "$1" | awk '$1 ~ /^C2_Compiler/ {t += $2} END {print t + 0}'; }
timeout "$STEP_TIMEOUT" java bench/smtp-relay/SmtpLoad.java 127.0.0.1 $GW_PORT "$SESSIONS" 500 "$SIZE" >/dev/null
for batch in $(seq 1 "${WARMUP_MAX_BATCHES:-30}"); do
  C2A=$(c2_ticks "$GW_PID")
  timeout "$STEP_TIMEOUT" "$SOURCE" -s "$SESSIONS" -m "$WARMUP_BATCH" -l "$SIZE" -f vanthu@sonoivu.daknong.gov.vn \
    -t vanthu@ubnd.daknong.gov.vn -M load.test 127.0.0.1:$GW_PORT
  C2_MS=$(echo "scale=3; ($(c2_ticks "$GW_PID") - $C2A) * 1000 / $(getconf CLK_TCK) / $WARMUP_BATCH" | bc)
  echo "warm-up batch $batch: C2 compiler $C2_MS ms CPU per message"
  [ "$(echo "$C2_MS < 0.2" | bc)" = 1 ] && break
done

echo "== gateway: $(grep -o 'instances=[0-9]*' "$WORK/gateway.log" | head -1), resolver: $RESOLVER (${BENCH_DNS:-responder}), overrides: ${GATEWAY_SET:-none}"
echo "== logs: $WORK"
echo "== size=$SIZE bytes, sessions=$SESSIONS, messages=$MESSAGES per run, rounds=$ROUNDS, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
  echo "-- round $round"
  source_run direct $SINK_PORT; DIRECT=$RATE
  CPU0=$(cpu_seconds "$GW_PID"); thread_ticks "$GW_PID" > "$WORK/ticks0"
  source_run gateway $GW_PORT; GATEWAY=$RATE
  CPU1=$(cpu_seconds "$GW_PID"); thread_ticks "$GW_PID" > "$WORK/ticks1"
  RATIO=$(echo "scale=2; $GATEWAY / $DIRECT" | bc)
  RATIOS+=("$RATIO")
  echo "smtp-source ratio gateway/direct: $RATIO (gateway CPU $(echo "scale=3; ($CPU1 - $CPU0) * 1000 / $MESSAGES" | bc) ms per message)"
  echo "gateway CPU by thread (ms per message): $(join "$WORK/ticks0" "$WORK/ticks1" | awk -v hz="$(getconf CLK_TCK)" \
    -v m="$MESSAGES" '$3 > $2 {printf "%s=%.2f ", $1, ($3 - $2) * 1000 / hz / m}')"
  echo "SmtpLoad direct:  $(timeout "$STEP_TIMEOUT" java bench/smtp-relay/SmtpLoad.java 127.0.0.1 $SINK_PORT "$SESSIONS" "$MESSAGES" "$SIZE")"
  echo "SmtpLoad gateway: $(timeout "$STEP_TIMEOUT" java bench/smtp-relay/SmtpLoad.java 127.0.0.1 $GW_PORT "$SESSIONS" "$MESSAGES" "$SIZE")"
done
echo "gateway replies: $(grep -c 'result="250' "$WORK/gateway.log") x 250, $(grep -c 'result="4' "$WORK/gateway.log" || true) x 4xx"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
MEDIAN=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
echo "GOAL gateway >= 0.5 x direct (smtp-source): median ratio $MEDIAN -> $(echo "$MEDIAN >= 0.5" | bc | sed 's/1/MET/;s/0/NOT MET/')"
