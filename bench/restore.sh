#!/usr/bin/env sh
# SnapStart restore with and without the agent: the demo's corrected document-split function run by lambda-sim in its
# SnapStart mode (the real AWS runtime client through its checkpoint protocol: beforeCheckpoint hooks, /restore/next
# held for the snapshot age, afterRestore hooks; no JVM snapshot is taken here), a new JVM per run, the two variants
# interleaved run by run. What counts is what a restored copy adds before it answers: lambda-sim's "restore" (from
# the /restore/next answer to the runtime's first /next, the afterRestore hooks included; it prints it with the
# snapshot age in it, the same for both variants) plus the first invocation after it.
#   bench/restore.sh                # 10 runs per variant and JDK
#   bench/restore.sh 20             # 20 runs
# Set SKIP_BUILD=1 to reuse the current build, AGENT to measure another agent jar, JDK25_HOME to point at another JDK 25.
# Target (issue 16): the restore adds at most a few milliseconds of the agent's own work.
set -eu
cd "$(dirname "$0")/.."
. bench/interleave.sh
RUNS="${1:-10}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
JAVA_HOME_17="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
AGENT="${AGENT:-agent/target/faasguard-agent.jar}"
WORK="$(mktemp -d /var/tmp/restore.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT INT TERM
echo '{"document":"invoice.pdf","pages":2,"pageKiB":16}' > "$WORK/event.json"

# One SnapStart environment: prints "restore_ms first_invocation_ms".
restored() { # java_home variant
  home="$1"
  if [ "$2" = agent ]; then set -- --agent "$AGENT"; else set --; fi
  java -jar lambda-sim/target/lambda-sim.jar --java "$home" --jar demo-app/target/faasguard-demo.jar \
      --handler com.example.documents.FixedDocumentSplitHandler::handleRequest --tmp-size 64m \
      --event "$WORK/event.json" --invocations 1 --quiet --snap-start --snapshot-age 100ms "$@" 2>&1 \
    | sed -n 's/^#1 cold restored success \([0-9]*\) ms (init [0-9]* ms, restore \([0-9]*\) ms).*/\2 \1/p'
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| JDK | variant | runs | median restore ms | median first invocation ms | median restore + first ms |"
echo "|---|---|--:|--:|--:|--:|"
for home in "$JAVA_HOME_17" "$JDK25_HOME"; do
  [ -x "$home/bin/java" ] || { echo "note: no JDK at $home, skipped" >&2; continue; }
  version="$("$home/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  interleave restored "$home" "$RUNS" none agent
  for v in none agent; do
    cut -d' ' -f1 "$WORK/$v" > "$WORK/restore"
    cut -d' ' -f2 "$WORK/$v" > "$WORK/first"
    awk '{print $1 + $2}' "$WORK/$v" > "$WORK/sum"
    r="$(median "$WORK/restore")"
    f="$(median "$WORK/first")"
    t="$(median "$WORK/sum")"
    echo "| $version | $v | $RUNS | $r | $f | $t |"
  done
  paste -d' ' "$WORK/agent" "$WORK/none" | awk '{print ($1 + $2) - ($3 + $4)}' > "$WORK/diff"
  echo "| $version | agent adds (median of paired diffs) | | | | $(median "$WORK/diff") |"
done
