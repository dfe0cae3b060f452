#!/usr/bin/env sh
# What state-across-invocations costs (issue 18), on JDK 17 (java on the PATH):
# 1. per invocation: StateSamplingBenchmark (one faasguard.handler call = one whole invocation for the agent) with no
#    static collection watched and with 64 maps of 100 entries, with the agent, and once without it for scale; run in
#    a private mount namespace with a tmpfs /tmp as on Lambda (unshare -m, as lambda-sim does; needs root), else the
#    agent walks the shared /tmp at every invocation end;
# 2. at start-up: every class of jackson-databind loaded (none initialized) under the agent, its packages named as
#    the application's (the transformer reads each class's field table) or not (rejected by name): RUNS interleaved
#    rounds, median milliseconds.
#   bench/state-across-invocations.sh          # 10 class-loading rounds
#   JMH_OPTS="-f 1 -wi 2 -i 3" bench/state-across-invocations.sh 3     # a quick smoke run
# SKIP_BUILD=1 reuses the current build; AGENT another agent jar.
set -eu
cd "$(dirname "$0")/.."
. bench/interleave.sh
RUNS="${1:-10}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package -pl agent-bootstrap,agent,bench
fi
AGENT="${AGENT:-$(pwd)/agent/target/faasguard-agent.jar}"
JAR="$(pwd)/bench/target/benchmarks.jar"
WORK="$(mktemp -d /var/tmp/state-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT INT TERM
HANDLER="-Dfaasguard.handler=dev.faasguard.bench.jmh.StateSamplingBenchmark\$Handler::handle"
APP="-Dfaasguard.app.packages=dev.faasguard.bench"
JMH_OPTS="${JMH_OPTS:--f 2 -wi 3 -w 1s -i 5 -r 1s}"

echo "== 1. an invocation, with 0 and 64 watched static maps (tmpfs /tmp)"
for variant in agent baseline; do
  if [ "$variant" = agent ]; then
    # No report: it is written after every invocation (a file the size of the findings), which is not sampling.
    jvm="-javaagent:$AGENT $HANDLER $APP -Dfaasguard.report=off -Dbench.expectAgent=true"
  else
    jvm="-Dbench.expectAgent=false"
  fi
  # shellcheck disable=SC2086
  unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64m tmpfs /tmp && exec "$@"' sh \
    java -jar "$JAR" StateSamplingBenchmark $JMH_OPTS -jvmArgsAppend "$jvm" \
    -rf json -rff "$WORK/$variant.json" > "$WORK/$variant.log" 2>&1 || { cat "$WORK/$variant.log" >&2; exit 3; }
  python3 - "$WORK/$variant.json" "$variant" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    print("%-8s watchedFields=%-3s %10.1f ± %.1f ns/invocation" % (sys.argv[2], r["params"]["watchedFields"],
          m["score"], m["scoreError"]))
PY
done

echo "== 2. loading jackson-databind's classes under the agent: the transformer reading each class's fields, or not"
DATABIND="$(find "$HOME/.m2/repository/com/fasterxml/jackson/core/jackson-databind" -name 'jackson-databind-2.*.jar' \
  | sort | tail -1)"
loading() { # unused variant
  if [ "$2" = scanned ]; then packages=com.fasterxml.jackson; else packages=com.example.nothing; fi
  java "-javaagent:$AGENT" "-Dfaasguard.app.packages=$packages" "-Dfaasguard.report=$WORK/report-$2.json" \
    -cp "$JAR" dev.faasguard.bench.startup.ClassLoading "$DATABIND" 2>/dev/null | awk '{print $2}'
}
classes="$(java -cp "$JAR" dev.faasguard.bench.startup.ClassLoading "$DATABIND" | awk '{print $1}')"
interleave loading - "$RUNS" scanned rejected
echo "$classes classes of $(basename "$DATABIND"), median of $RUNS: scanned $(median "$WORK/scanned") ms," \
  "rejected by name $(median "$WORK/rejected") ms"
