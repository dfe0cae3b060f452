#!/usr/bin/env sh
# The SnapStart hooks' cost (step 10): SnapshotHooksBenchmark and the timed Socket.connect of TimedCallsBenchmark
# (whose hook now also asks whether a checkpoint is ahead), without and with the agent, twice:
#   1. on demand (no AWS_LAMBDA_INITIALIZATION_TYPE): every hook's fast path, within JMH's error as a target;
#   2. with AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: init's cost per new generator (a stack walk, budget 10 µs),
#      a draw while a generator of init's is still unreported after the restore (budget 200 ns), and a socket write
#      and read while a connection init left open is unused after the restore (within error: two lookups, against a
#      loopback round trip of about 10 µs that varies by microseconds on a busy machine).
#   bench/snapstart-paths.sh
#   JMH_OPTS="-f 1 -wi 2 -w 1s -i 3 -r 1s" bench/snapstart-paths.sh     # a quick run
# SKIP_BUILD, JAVA, JMH_OPTS, AGENT and AGENT_OPTS as in bench/jmh-compare.sh. Writes bench/target/snapstart-*.
set -eu
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
status=0
SKIP_BUILD=1 bench/jmh-compare.sh snapstart-on-demand \
  'dev.faasguard.bench.jmh.SnapshotHooksBenchmark.(randomNextInt|splittableRandomNextInt|newRandom|socketWriteRead)$|TimedCallsBenchmark.socketConnectTimed' \
  || status=$?
AWS_LAMBDA_INITIALIZATION_TYPE=snap-start SKIP_BUILD=1 bench/jmh-compare.sh snapstart-snap-start \
  'dev.faasguard.bench.jmh.SnapshotHooksBenchmark.(newRandom|randomNextIntWhileWatched|socketWriteReadWhileWatched)$' \
  --budget newRandom=10000 --budget randomNextIntWhileWatched=200 || status=$?
exit "$status"
