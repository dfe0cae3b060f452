#!/usr/bin/env sh
# What the agent costs the field suite's correct functions (field-suite/*: real libraries, deployed as their Lambda
# guides say): each module's *Benchmark test runs FieldBenchmark.compare on JDK 17 and JDK 25, against the same
# local fakes (S3, DynamoDB, the stock service) as the module's integration test: per variant (no agent, the agent
# with its defaults) RUNS fresh lambda-sim environments, interleaved run by run, each a cold start and nine warm
# invocations. Cold start = lambda-sim's init + the first invocation; warm = the median of the later invocations.
#   bench/field-suite.sh                  # 5 environments per variant, function and JDK: all five modules
#   bench/field-suite.sh 10               # 10 environments (or RUNS=10)
#   MODULES=aws-sdk-function RUNS=1 SKIP_BUILD=1 bench/field-suite.sh    # a smoke test of one module
#   MODULES=tmp-cache-function bench/field-suite.sh   # warm invocations as /tmp fills (not in the default list)
# Set SKIP_BUILD=1 to reuse the current build (the agent jar, lambda-sim, the field harness in ~/.m2), MODULES to a
# space-separated subset of the modules, JDK25_HOME to point at another JDK 25, OUT to a file to keep the table in
# (it is overwritten), AGENT to another agent jar than agent/target/faasguard-agent.jar. The agent jar is copied
# once at the start, so every module measures the same build even if the agent is rebuilt meanwhile.
# Prints the markdown table (FieldBenchmark.header() and two rows per function and JDK) for bench/RESULTS.md.
# Each module is built and run offline (mvn -o) with failsafe restricted to its benchmark class (-Dit.test): its
# *IT does not run. Takes long (a Spring cold start is seconds): run it on a quiet machine.
set -eu
cd "$(dirname "$0")/.."
RUNS="${1:-${RUNS:-5}}"
MODULES="${MODULES:-clients-function storage-function aws-sdk-function spring-function powertools-function}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
WORK="$(mktemp -d /var/tmp/field-suite-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT INT TERM
# The benchmarks append their rows to OUT, the first under the table's header; failsafe runs them in the module's
# directory, so the path must be absolute.
OUT="${OUT:-$WORK/field-suite.md}"
case "$OUT" in /*) ;; *) OUT="$(pwd)/$OUT" ;; esac
: > "$OUT"
JDK25="${JDK25_HOME:+-Dfaasguard.test.jdk25=$JDK25_HOME}"
cp "${AGENT:-agent/target/faasguard-agent.jar}" "$WORK/faasguard-agent.jar"

benchmark_class() { # module
  case "$1" in
    clients-function) echo ClientsFunctionBenchmark ;;
    storage-function) echo StorageFunctionBenchmark ;;
    aws-sdk-function) echo ReceiptFunctionBenchmark ;;
    spring-function) echo SpringFunctionBenchmark ;;
    powertools-function) echo PowertoolsFunctionBenchmark ;;
    tmp-cache-function) echo TmpCacheBenchmark ;;
    *) echo "unknown field-suite module: $1" >&2; return 1 ;;
  esac
}

FAILED=""
for module in $MODULES; do
  class="$(benchmark_class "$module")"
  before="$(wc -l < "$OUT")"
  start="$(date +%s)"
  echo "field-suite/$module: $class, $RUNS environments per variant..." >&2
  # -Dit.test names the one class failsafe runs (it overrides the *IT includes); -Dfield.bench=true lifts the
  # benchmark's assumption; a -D property overrides the module's failsafe systemPropertyVariables (the agent jar).
  # The field modules have no unit tests for surefire to run.
  # shellcheck disable=SC2086 # $JDK25 is one optional word
  if mvn -B -o verify -pl "field-suite/$module" -Dit.test="$class" -Dfailsafe.failIfNoSpecifiedTests=false \
      -Dfield.bench=true -Dfield.bench.runs="$RUNS" -Dfield.bench.out="$OUT" \
      -Dfaasguard.agent.jar="$WORK/faasguard-agent.jar" $JDK25 > "$WORK/$module.log" 2>&1 \
      && [ "$(wc -l < "$OUT")" -gt "$before" ]; then
    echo "field-suite/$module: done in $(( $(date +%s) - start )) s" >&2
  else
    tail -n 60 "$WORK/$module.log" >&2
    echo "field-suite/$module: FAILED or measured nothing (the end of its build log is above)" >&2
    FAILED="$FAILED $module"
  fi
done

echo
if [ ! -s "$OUT" ]; then
  echo "no figures" >&2
  exit 1
fi
cat "$OUT"
if [ -n "$FAILED" ]; then
  echo "failed:$FAILED" >&2
  exit 1
fi
