# Sourced by the whole-process benchmarks (bench/coldstart-otel.sh, bench/restore.sh): the variants of a measurement
# run interleaved, run by run, so that all of them share the machine's noise alike. Needs $WORK, a scratch directory.

# interleave MEASURE HOME RUNS VARIANT...: `MEASURE HOME VARIANT` prints one result line. Runs each variant once to
# warm up (the page cache), then RUNS rounds of every variant, in the listed order in even rounds and reversed in odd
# ones, appending each result line to $WORK/<variant>. Exits with status 2 when a run prints nothing.
interleave() {
  measure="$1"; on="$2"; rounds="$3"; shift 3
  reversed=""
  for variant in "$@"; do
    reversed="$variant $reversed"
    : > "$WORK/$variant"
    "$measure" "$on" "$variant" > /dev/null
  done
  round=0
  while [ "$round" -lt "$rounds" ]; do
    if [ $((round % 2)) -eq 0 ]; then order="$*"; else order="$reversed"; fi
    for variant in $order; do
      result="$("$measure" "$on" "$variant")"
      [ -n "$result" ] || { echo "a $variant run failed on $on" >&2; exit 2; }
      echo "$result" >> "$WORK/$variant"
    done
    round=$((round + 1))
  done
}

# median FILE: the median of the numbers in a file, one a line.
median() { sort -n "$1" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
