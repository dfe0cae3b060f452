#!/usr/bin/env sh
# The fork-join hooks' cost (issue 16): ForkJoinBenchmark without and with the agent, same JMH settings. Outside
# invocations (supplyAsync, parallelSum, forkJoinOnCaller) every hook's fast path: within JMH's error as a target.
# While an invocation runs (…InInvocation) each task is remembered when handed to the pool and put on the thread
# that runs it: a budget of 1 µs for a fork and join on the caller (one task pushed, taken back and run); the round
# trips through pool threads are judged within error (their noise is tens of microseconds).
#   bench/forkjoin-paths.sh
#   JMH_OPTS="-f 1 -wi 2 -w 1s -i 3 -r 1s" bench/forkjoin-paths.sh     # a quick run
# SKIP_BUILD, JAVA, JMH_OPTS, AGENT and AGENT_OPTS as in bench/jmh-compare.sh. Writes bench/target/forkjoin-*.
set -eu
cd "$(dirname "$0")/.."
exec bench/jmh-compare.sh forkjoin 'dev.faasguard.bench.jmh.ForkJoinBenchmark' \
  --budget forkJoinOnCallerInInvocation=1000
