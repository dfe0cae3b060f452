#!/usr/bin/env sh
# What swallowed-exception costs (issue 18), with the rule on (faasguard.swallowed=on; it is off by default):
# 1. Start-up: a real application's cold start under lambda-sim (the field suite's Spring Cloud Function,
#    spring-function: lambda-sim's init + the first invocation, the real AWS runtime client, 1024 MB), the agent with
#    the rule off, on, and on with Spring's own packages named as the application's (FAASGUARD_APP_PACKAGES: every
#    Spring class analysed as it loads, a stand-in for a large application), interleaved run by run (interleave.sh),
#    RUNS rounds (default 5), on JDK 17 and on Temurin 25 when installed. Prints the median of each.
# 2. Per dropped exception: SwallowedExceptionCheck proves the counts, then SwallowedExceptionBenchmark (JMH) runs
#    without and with the agent (bench/jmh-compare.sh).
#   bench/swallowed.sh
#   RUNS=3 JMH_OPTS="-f 1 -wi 2 -w 1s -i 3 -r 1s" SKIP_BUILD=1 bench/swallowed.sh     # a quicker run
# SPRING_JAR and LAMBDA_SIM point at other builds of the function's jar and of lambda-sim; JDK25_HOME at another JDK 25.
# Build first, or let it (mvn -B -q -DskipTests package): it needs the agent, lambda-sim, the field suite and bench.
set -eu
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
AGENT="${AGENT:-$ROOT/agent/target/faasguard-agent.jar}"
SPRING_JAR="${SPRING_JAR:-$ROOT/field-suite/spring-function/target/field-spring-function-0.1.0-aws.jar}"
LAMBDA_SIM="${LAMBDA_SIM:-$ROOT/lambda-sim/target/lambda-sim.jar}"
WORK="$(mktemp -d /var/tmp/swallowed-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT INT TERM
. bench/interleave.sh
echo '{"orderId":"A-1","lines":[{"sku":"apple","quantity":3},{"sku":"pear","quantity":2}]}' > "$WORK/order.json"

# cold JAVA_HOME VARIANT: one environment's init + first invocation, in ms.
cold() {
  case "$2" in
    off) rule=off; app="" ;;
    on) rule=on; app="" ;;
    on-spring) rule=on; app="--env FAASGUARD_APP_PACKAGES=org.springframework,com.example" ;;
  esac
  # shellcheck disable=SC2086  # $app is one option or none
  java -jar "$LAMBDA_SIM" --java "$1" --jar "$SPRING_JAR" --quiet --timeout 30s --memory 1024 \
      --handler org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest \
      --env spring_cloud_function_definition=priceOrder --event "$WORK/order.json" --invocations 1 \
      --agent "$AGENT" --env FAASGUARD_REPORT=off --env "FAASGUARD_SWALLOWED=$rule" $app 2>/dev/null \
    | sed -n 's/^#1 cold success \([0-9]*\) ms (init \([0-9]*\) ms).*/\1 \2/p' | awk '{print $1 + $2}'
}

JAVA_HOME_17="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
set -- "$JAVA_HOME_17"
[ -x "$JDK25_HOME/bin/java" ] && set -- "$@" "$JDK25_HOME"
echo "== start-up: spring-function cold start (init + first invocation), median of ${RUNS:-5} interleaved runs"
echo "| JDK | rule off (default) | rule on | rule on, Spring named as the application |"
echo "|---|---|---|---|"
for home in "$@"; do
  interleave cold "$home" "${RUNS:-5}" off on on-spring
  echo "| $("$home/bin/java" -version 2>&1 | sed -n 1p) | $(median "$WORK/off") ms | $(median "$WORK/on") ms | $(median "$WORK/on-spring") ms |"
done

echo "== per dropped exception: counted exactly first"
JAR="$ROOT/bench/target/benchmarks.jar"
APP="-Dfaasguard.app.packages=dev.faasguard.bench -Dfaasguard.swallowed=on"
HANDLER="-Dfaasguard.handler=dev.faasguard.bench.jmh.HeldInvocation::hold"
# shellcheck disable=SC2086  # $APP and $HANDLER are lists of options
java "-javaagent:$AGENT" $APP $HANDLER "-Dfaasguard.report=$WORK/check.json" -cp "$JAR" \
    dev.faasguard.bench.jmh.SwallowedExceptionCheck 2>/dev/null
java -cp "$JAR" dev.faasguard.bench.jmh.SwallowedExceptionCheck --verify "$WORK/check.json"
JMH_OPTS="${JMH_OPTS:--f 2 -wi 4 -w 1s -i 5 -r 1s}" SKIP_BUILD=1 AGENT="$AGENT" AGENT_OPTS="$APP $HANDLER" \
  exec bench/jmh-compare.sh swallowed 'dev.faasguard.bench.jmh.SwallowedExceptionBenchmark' \
  --budget droppedDuringInvocation=2000
