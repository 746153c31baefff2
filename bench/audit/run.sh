#!/usr/bin/env bash
# Audit log benchmark (issue 6): appends/s with the gateway's durability (1, 16, 64 appenders) and search
# p50/p95 over a million records, per store. Builds from this worktree (reactor, offline), never from ~/.m2.
#   bash bench/audit/run.sh [stores] [records]     e.g. bash bench/audit/run.sh sqlite,postgres 1000000
#   BENCH_SEARCHES_ONLY=1 bash bench/audit/run.sh sqlite    the searches (page + match count) only, no append phase
#   BENCH_PG_LOG=/tmp/dir bash bench/audit/run.sh postgres     PostgreSQL logs statements over 200 ms with their plans there
# The loaded databases are kept in /tmp/mailgw-audit-bench (override: BENCH_DIR=...), so a second run skips
# the bulk load. Run it under `flock /work/bench.lock` on a shared machine. Bounded: the whole run is killed after 40 minutes (first run, both stores).
set -euo pipefail
cd "$(dirname "$0")/../.."
STORES=${1:-sqlite,postgres}
RECORDS=${2:-1000000}
DIR=${BENCH_DIR:-/tmp/mailgw-audit-bench}
LOG=$(mktemp /tmp/audit-bench.XXXXXX.log)
status=0
timeout 2400 mvn -B -q -o test -pl gateway -am -Dtest=AuditStoreBenchmark -Dbench=true \
    -Dbench.stores="$STORES" -Dbench.records="$RECORDS" -Dbench.dir="$DIR" \
    -Dbench.searchesOnly="${BENCH_SEARCHES_ONLY:+true}" -Dbench.pgLog="${BENCH_PG_LOG:-}" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$LOG" 2>&1 || status=$?
grep -E '^(\||==|###|Searches|best|\(warm-up|relay-shaped|verdict-shaped|strict:|bulk|reusing|open|optimize|audit verify|slow sample|misjudged|plain statement)' "$LOG" || true
[ "$status" = 0 ] || { echo "benchmark failed (exit $status); full log: $LOG"; exit "$status"; }
