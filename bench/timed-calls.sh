#!/usr/bin/env sh
# Timed-calls JMH benchmark: the calls users make WITH a timeout (Thread.join(1000), Socket.connect(addr, 1000),
# CompletableFuture.get(1, SECONDS), HttpURLConnection GET with connect and read timeouts), measured once without
# and once with the FaaSGuard agent, same JMH settings, then compared side by side. Run from anywhere; builds first.
#   bench/timed-calls.sh
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 2 -r 1s" bench/timed-calls.sh     # a quick smoke run
# Set SKIP_BUILD=1 to reuse the current build, JAVA to use another java binary.
# Writes bench/target/timed-calls-{baseline,agent}.{json,log} and bench/target/timed-calls-results.md.
# Exit status: that of TimedCallsReport (0 all differences within error, 1 one is not, 2 a benchmark is missing or
# has no error estimate), or 3 when the agent sanity check or a JMH run fails.
set -eu
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
JAVA="${JAVA:-java}"
JMH_OPTS="${JMH_OPTS:--f 3 -wi 3 -w 1s -i 5 -r 1s}"
AGENT="$ROOT/agent/target/faasguard-agent.jar"
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
sanity_out="$("$JAVA" "-javaagent:$AGENT" -Dfaasguard.report=off -cp "$JAR" dev.faasguard.bench.jmh.AgentSanityCheck 2>"$OUT/timed-calls-sanity.err")"
if [ "$sanity_out" != "agentActive=true" ] || ! grep -q 'join-without-timeout' "$OUT/timed-calls-sanity.err"; then
  echo "FAILED: the agent did not report join-without-timeout (stdout: $sanity_out)" >&2
  cat "$OUT/timed-calls-sanity.err" >&2
  exit 3
fi
grep 'join-without-timeout' "$OUT/timed-calls-sanity.err" | head -1
sanity_out="$("$JAVA" -cp "$JAR" dev.faasguard.bench.jmh.AgentSanityCheck 2>&1)"
if [ "$sanity_out" != "agentActive=false" ]; then
  echo "FAILED: without -javaagent the check printed: $sanity_out" >&2
  exit 3
fi
echo "   ok: reported with the agent, nothing without it"

time_wait() { ss -Htan state time-wait 2>/dev/null | wc -l || echo "?"; }

run_jmh() { # $1 = variant name, $2 = extra JVM arguments for the forks
  echo "== JMH, $1 (log: bench/target/timed-calls-$1.log; TIME_WAIT sockets before: $(time_wait))"
  # shellcheck disable=SC2086  # JMH_OPTS is a list of options
  if ! "$JAVA" -jar "$JAR" 'dev.faasguard.bench.jmh.TimedCallsBenchmark' $JMH_OPTS -foe true \
      -jvmArgsAppend "$2" -rf json -rff "$OUT/timed-calls-$1.json" >"$OUT/timed-calls-$1.log" 2>&1; then
    echo "FAILED: the $1 JMH run failed; the end of its log:" >&2
    tail -40 "$OUT/timed-calls-$1.log" >&2
    exit 3
  fi
  sed -n '/^Benchmark  /,$p' "$OUT/timed-calls-$1.log"
  echo "   TIME_WAIT sockets after: $(time_wait)"
}

run_jmh baseline "-Dbench.expectAgent=false"
run_jmh agent "-javaagent:$AGENT -Dfaasguard.report=off -Dbench.expectAgent=true"

echo "== side by side (also in bench/target/timed-calls-results.md)"
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA" -cp "$JAR" dev.faasguard.bench.jmh.TimedCallsReport \
  --baseline "$OUT/timed-calls-baseline.json" --agent "$OUT/timed-calls-agent.json" \
  --out "$OUT/timed-calls-results.md"
