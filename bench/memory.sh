#!/usr/bin/env sh
# Memory benchmark (issue 15, target 5): the agent's heap after INVOCATIONS warm invocations (default 1,000,000) and
# 100,000 findings at 10,000 generated call sites, against the same program without the agent; the agent's report
# must count every site exactly. Child JVMs with -Xmx1g and the serial GC, each in a private mount namespace with a
# tmpfs /tmp of its own, as a function has: needs root and util-linux's unshare.
#   bench/memory.sh
#   INVOCATIONS=10000 bench/memory.sh     # a quick run
# Set SKIP_BUILD=1 to reuse the current build, JAVA for another java, AGENT for another agent jar, BOUND_MIB for the
# bound the added live objects are judged against (default 28, the bound docs/how-it-works.md states for 10,000
# call sites). Writes bench/target/memory/ (results.md, the histograms, the report and the children's stderr).
# Exit status: 0 counts exact and within the bound, 1 not.
set -eu
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
AGENT="${AGENT:-$(pwd)/agent/target/faasguard-agent.jar}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
echo "== $("$JAVA" -version 2>&1 | sed -n 2p)"
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== agent: $AGENT"
rm -rf bench/target/memory
status=0
"$JAVA" -cp bench/target/benchmarks.jar dev.faasguard.bench.memory.MemoryBenchmark --java "$JAVA" --agent "$AGENT" \
  --invocations "${INVOCATIONS:-1000000}" --work bench/target/memory --bound-mib "${BOUND_MIB:-28}" || status=$?
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
