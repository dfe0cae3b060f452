#!/usr/bin/env sh
# Timed-calls JMH benchmark: the calls users make WITH a timeout (Thread.join(1000), Socket.connect(addr, 1000),
# CompletableFuture.get(1, SECONDS), HttpURLConnection GET with connect and read timeouts), measured once without
# and once with the FaaSGuard agent, same JMH settings, then compared side by side; every difference must be
# within JMH's error. Run from anywhere; builds first.
#   bench/timed-calls.sh
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 2 -r 1s" bench/timed-calls.sh     # a quick smoke run
# SKIP_BUILD, JAVA, JMH_OPTS, AGENT and AGENT_OPTS as in bench/jmh-compare.sh, which does the work.
# Writes bench/target/timed-calls-{baseline,agent}.{json,log} and bench/target/timed-calls-results.md.
exec "$(dirname "$0")/jmh-compare.sh" timed-calls 'dev.faasguard.bench.jmh.TimedCallsBenchmark'
