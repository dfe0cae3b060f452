#!/usr/bin/env sh
# Startup benchmark: a hello-world JVM with and without the FaaSGuard agent, interleaved, on JDK 17 (the JDK
# running this script) and on Temurin 25 when it is installed. Run from anywhere; builds first.
#   bench/startup.sh                 # 20 measured runs per variant and JDK
#   bench/startup.sh --runs 40       # any StartupBenchmark option (--help lists them)
# Set SKIP_BUILD=1 to reuse the current build, JDK25_HOME to point at another JDK 25.
set -eu
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
JAVA_HOME_17="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -x "$JDK25_HOME/bin/java" ]; then
  set -- --java "$JAVA_HOME_17" --java "$JDK25_HOME" "$@"
else
  echo "note: no JDK 25 at $JDK25_HOME; measuring $JAVA_HOME_17 only" >&2
  set -- --java "$JAVA_HOME_17" "$@"
fi
exec java -cp bench/target/classes dev.faasguard.bench.startup.StartupBenchmark "$@"
