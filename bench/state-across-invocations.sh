#!/usr/bin/env sh
# What state-across-invocations costs (issue 18), on JDK 17 (java on the PATH), whole processes, RUNS interleaved
# rounds, medians:
# 1. per invocation: INVOCATIONS (100,000) calls of a handler named by faasguard.handler, each one whole invocation for
#    the agent, with 0, 64 and 1,024 watched static maps of 100 entries (StateSampling); the report off (it is written
#    after every invocation, which is not sampling) and a tmpfs /tmp as on Lambda, in a private mount namespace
#    (unshare -m, as lambda-sim does; needs root), else the agent walks the shared /tmp at every invocation end;
# 2. at start-up: every class of jackson-databind loaded (none initialized) under the agent, its packages named as
#    the application's (the transformer reads each class's field table) or not (rejected by name).
#   bench/state-across-invocations.sh          # 10 rounds
#   INVOCATIONS=10000 bench/state-across-invocations.sh 2     # a quick smoke run
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
HANDLER="-Dfaasguard.handler=dev.faasguard.bench.state.StateSampling\$Handler::handle"
APP="-Dfaasguard.app.packages=dev.faasguard.bench"
INVOCATIONS="${INVOCATIONS:-100000}"

echo "== 1. $INVOCATIONS invocations with 0, 64 and 1,024 watched static maps (tmpfs /tmp), median ms of $RUNS"
sampling() { # unused fields
  unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64m tmpfs /tmp && exec "$@"' sh \
    java "-javaagent:$AGENT" "$HANDLER" "$APP" -Dfaasguard.report=off -cp "$JAR" \
    dev.faasguard.bench.state.StateSampling "${2#f}" "$INVOCATIONS" 2>/dev/null | awk '{print $1}'
}
interleave sampling - "$RUNS" f0 f64 f1024
for fields in 0 64 1024; do
  echo "$fields fields: $(median "$WORK/f$fields") ms"
done

echo "== 2. loading jackson-databind's classes under the agent: the transformer reading each class's fields, or not"
DATABIND="$(find "$HOME/.m2/repository/com/fasterxml/jackson/core/jackson-databind" -name 'jackson-databind-2.*.jar' \
  | sort | tail -1)"
loading() { # unused variant
  if [ "$2" = scanned ]; then packages=com.fasterxml.jackson; else packages=com.example.nothing; fi
  java "-javaagent:$AGENT" "-Dfaasguard.app.packages=$packages" "-Dfaasguard.report=$WORK/report-$2.json" \
    -cp "$JAR" dev.faasguard.bench.state.ClassLoading "$DATABIND" 2>/dev/null | awk '{print $2}'
}
classes="$(java -cp "$JAR" dev.faasguard.bench.state.ClassLoading "$DATABIND" | awk '{print $1}')"
interleave loading - "$RUNS" scanned rejected
echo "$classes classes of $(basename "$DATABIND"), median of $RUNS: scanned $(median "$WORK/scanned") ms," \
  "rejected by name $(median "$WORK/rejected") ms"
