#!/usr/bin/env sh
# Start-up of two agent jars side by side: the start-up benchmark (a hello-world JVM with and without the agent,
# interleaved) run for each jar in turn, alternating, ROUNDS times, on JDK 17 and on Temurin 25 when installed.
# Compare the "Added wall ms" and "Added peak RSS" rows of the two jars round by round.
#   bench/startup-compare.sh BEFORE.jar AFTER.jar            # 3 rounds of 10 measured runs per jar and JDK
#   ROUNDS=5 RUNS=20 bench/startup-compare.sh BEFORE.jar AFTER.jar
# Build first (mvn -B -q -DskipTests package): it uses bench/target/classes. JDK25_HOME points at another JDK 25.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar" >&2; exit 64; }
BEFORE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
AFTER="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
cd "$(dirname "$0")/.."
JAVA_HOME_17="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
set -- --java "$JAVA_HOME_17"
[ -x "$JDK25_HOME/bin/java" ] && set -- "$@" --java "$JDK25_HOME"
round=1
while [ "$round" -le "${ROUNDS:-3}" ]; do
  for variant in before after; do
    if [ "$variant" = before ]; then jar="$BEFORE"; else jar="$AFTER"; fi
    echo "=== round $round: $variant ($jar)"
    java -cp bench/target/classes dev.faasguard.bench.startup.StartupBenchmark "$@" --runs "${RUNS:-10}" --warmup 2 \
        --out "bench/target/startup-compare-$variant-$round.md" "$jar" | grep '^|' || true
  done
  round=$((round + 1))
done
