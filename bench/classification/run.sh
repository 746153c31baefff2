#!/usr/bin/env bash
# Classification vs. DSS validation time per document (see README.md). Usage: bench/classification/run.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile -pl validation -am
mvn -B -q -o dependency:build-classpath -pl validation -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/mailgw-classify-bench-cp.txt
java -Xmx1g -Dlogback.configurationFile=bench/classification/logback-bench.xml \
  -cp "validation/target/test-classes:validation/target/classes:$(cat /tmp/mailgw-classify-bench-cp.txt)" \
  vn.mailgw.validation.classify.ClassificationBenchmark "${1:-20}"
