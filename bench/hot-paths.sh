#!/usr/bin/env sh
# Hot-paths JMH benchmark (issue 15, target 4): the timed calls of bench/timed-calls.sh plus HotPathsBenchmark (a
# finding repeated at one line, FileOutputStream and Files.newOutputStream in /tmp, outside an invocation and on new
# names during one), without and with the agent.
# Targets: a repeated finding adds at most 2 µs (2000 ns) an occurrence; everything else within JMH's error.
#   bench/hot-paths.sh
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 2 -r 1s" bench/hot-paths.sh     # a quick smoke run
# SKIP_BUILD, JAVA, JMH_OPTS, AGENT and AGENT_OPTS as in bench/jmh-compare.sh, which does the work; before it, the
# repeated calls are made 100,000 times each under the agent and its report must count each exactly. Five warm-up
# iterations, not three: on a busy 2-core machine the finding path (the JDK's stack walk) reached its steady state
# only after about four seconds.
# Writes bench/target/hot-paths-{baseline,agent}.{json,log}, hot-paths-results.md and hot-paths-check.json.
set -eu
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
AGENT="${AGENT:-$(pwd)/agent/target/faasguard-agent.jar}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
# The benchmarks are the application here; without this the call site would be JMH's runner, a library.
APP="-Dfaasguard.app.packages=dev.faasguard.bench"
# The handler of the benchmarks that hold an invocation open (HeldInvocation): the others run outside any invocation.
# Where /tmp is no file system of its own, the agent walks it after each of those invocations, as it would on such a
# machine; to measure them as on Lambda, run this script as root under a tmpfs of its own:
#   unshare -m sh -c 'mount -t tmpfs -o size=512m tmpfs /tmp && bench/hot-paths.sh'

HANDLER="-Dfaasguard.handler=dev.faasguard.bench.jmh.HeldInvocation::hold"
REPORT="$(pwd)/bench/target/hot-paths-check.json"
echo "== repeated findings counted exactly (report: bench/target/hot-paths-check.json)"
rm -f "$REPORT"
if ! "$JAVA" "-javaagent:$AGENT" "$APP" "-Dfaasguard.report=$REPORT" -cp bench/target/benchmarks.jar \
    dev.faasguard.bench.jmh.RepeatedFindingCheck 2>/dev/null \
    || ! "$JAVA" -cp bench/target/benchmarks.jar dev.faasguard.bench.jmh.RepeatedFindingCheck --verify "$REPORT"; then
  echo "FAILED: the repeated calls are not each a finding, counted exactly" >&2
  exit 3
fi
JMH_OPTS="${JMH_OPTS:--f 3 -wi 5 -w 1s -i 5 -r 1s}" SKIP_BUILD=1 AGENT="$AGENT" AGENT_OPTS="$APP $HANDLER ${AGENT_OPTS:-}" \
  exec bench/jmh-compare.sh hot-paths \
  'dev.faasguard.bench.jmh.(TimedCalls|HotPaths)Benchmark' \
  --budget futureGetUntimedRepeated=2000 --budget createNewFileOutsideTmpRepeated=2000
