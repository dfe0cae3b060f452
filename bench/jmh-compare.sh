#!/usr/bin/env sh
# Runs JMH benchmarks once without and once with the FaaSGuard agent, same JMH settings, then compares them side by
# side with AgentCostReport (a target per benchmark: within JMH's error, or a budget given with --budget).
#   bench/jmh-compare.sh NAME BENCHMARK_REGEX [AgentCostReport options, e.g. --budget method=2000]
# bench/timed-calls.sh and bench/hot-paths.sh are the documented uses. Run from anywhere; builds first.
# Environment: SKIP_BUILD=1 reuses the current build; JAVA another java binary; JMH_OPTS replaces the JMH settings
# (default -f 3 -wi 3 -w 1s -i 5 -r 1s); AGENT another agent jar; AGENT_OPTS more JVM options for the agent's forks.
# Writes bench/target/NAME-{baseline,agent}.{json,log} and bench/target/NAME-results.md.
# Exit status: that of AgentCostReport (0 every target met, 1 one is not, 2 a benchmark is missing or has no error
# estimate), or 3 when the agent sanity check or a JMH run fails.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 NAME BENCHMARK_REGEX [report options]" >&2; exit 64; }
NAME="$1"
BENCHMARKS="$2"
shift 2
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
JAVA="${JAVA:-java}"
JMH_OPTS="${JMH_OPTS:--f 3 -wi 3 -w 1s -i 5 -r 1s}"
AGENT="${AGENT:-$ROOT/agent/target/faasguard-agent.jar}"
JAR="$ROOT/bench/target/benchmarks.jar"
OUT="$ROOT/bench/target"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
for f in "$AGENT" "$JAR"; do
  [ -f "$f" ] || { echo "missing $f: build first (mvn -B -q -DskipTests package)" >&2; exit 3; }
done

echo "== $("$JAVA" -version 2>&1 | sed -n 2p)"
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== agent: $AGENT ($(( $(wc -c < "$AGENT") / 1024 )) KiB)"
echo "== JMH settings: $JMH_OPTS"

# Sanity: the same -javaagent flag really instruments the JDK (an untimed join on a live thread is reported),
# and without it nothing is installed. Each benchmark fork also checks the agent's presence (-Dbench.expectAgent).
echo "== sanity check: Thread.join() with no timeout on a live thread, with the agent"
sanity_out="$("$JAVA" "-javaagent:$AGENT" -Dfaasguard.report=off -cp "$JAR" dev.faasguard.bench.jmh.AgentSanityCheck 2>"$OUT/$NAME-sanity.err")"
if [ "$sanity_out" != "agentActive=true" ] || ! grep -q 'join-without-timeout' "$OUT/$NAME-sanity.err"; then
  echo "FAILED: the agent did not report join-without-timeout (stdout: $sanity_out)" >&2
  cat "$OUT/$NAME-sanity.err" >&2
  exit 3
fi
grep 'join-without-timeout' "$OUT/$NAME-sanity.err" | head -1
sanity_out="$("$JAVA" -cp "$JAR" dev.faasguard.bench.jmh.AgentSanityCheck 2>&1)"
if [ "$sanity_out" != "agentActive=false" ]; then
  echo "FAILED: without -javaagent the check printed: $sanity_out" >&2
  exit 3
fi
echo "   ok: reported with the agent, nothing without it"

time_wait() { ss -Htan state time-wait 2>/dev/null | wc -l || echo "?"; }

run_jmh() { # $1 = variant name, $2 = extra JVM arguments for the forks
  echo "== JMH, $1 (log: bench/target/$NAME-$1.log; TIME_WAIT sockets before: $(time_wait))"
  # shellcheck disable=SC2086  # JMH_OPTS is a list of options
  if ! "$JAVA" -jar "$JAR" "$BENCHMARKS" $JMH_OPTS -foe true \
      -jvmArgsAppend "$2" -rf json -rff "$OUT/$NAME-$1.json" >"$OUT/$NAME-$1.log" 2>&1; then
    echo "FAILED: the $1 JMH run failed; the end of its log:" >&2
    tail -40 "$OUT/$NAME-$1.log" >&2
    exit 3
  fi
  sed -n '/^Benchmark  /,$p' "$OUT/$NAME-$1.log"
  echo "   TIME_WAIT sockets after: $(time_wait)"
}

run_jmh baseline "-Dbench.expectAgent=false"
run_jmh agent "-javaagent:$AGENT -Dfaasguard.report=off ${AGENT_OPTS:-} -Dbench.expectAgent=true"

echo "== side by side (also in bench/target/$NAME-results.md)"
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -cp "$JAR" dev.faasguard.bench.jmh.AgentCostReport \
  --baseline "$OUT/$NAME-baseline.json" --agent "$OUT/$NAME-agent.json" --out "$OUT/$NAME-results.md" "$@"
