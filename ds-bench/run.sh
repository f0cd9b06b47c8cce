#!/usr/bin/env bash
# Builds ds-bench and what it needs, then runs the ds-vs-raw-Redisson benchmarks.
#
#   ds-bench/run.sh                 # the full suite (about 18 minutes on 2 cores), embedded Redis 6.2
#   ds-bench/run.sh --quick         # a smoke run of about three minutes
#   ds-bench/run.sh --threads 16    # throughput (ops/s) of 16 JMH threads instead of time per op
#   ds-bench/run.sh 'io\.dstruct\.bench\.ObjectStoreBench\.'   # only ObjectStore vs RLiveObject
#   ds-bench/run.sh 'io\.dstruct\.bench\.ConnectorBench\.'     # only Connector vs raw RStream and RBlockingQueue
#   REDIS_URL=redis://127.0.0.1:6379 ds-bench/run.sh
#   ds-bench/run.sh --help          # every option
#
# Arguments go to io.dstruct.bench.BenchMain unchanged. These are benchmarks, not tests: CI only
# compiles them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -pl ds-bench -am package -DskipTests
exec java -jar ds-bench/target/benchmarks.jar "$@"
