#!/usr/bin/env python3
"""CPU time of a Lambda cold start, for agent jars side by side (with OTLP export unless said otherwise).

What bench/coldstart-otel.sh times on the wall clock, this counts in CPU time, which on a shared 2-CPU machine
varies far less from run to run: lambda-sim runs the demo's FixedDocumentSplitHandler for one invocation (a new
JVM each run, exporting traces and metrics over OTLP/HTTP to a local sink that answers 200), and the function's
processes are read in /proc every 10 ms; a run's figure is their user + system time at the last reading before
lambda-sim ends the environment (init, the first invocation and its flush, and what little runs after it).
Variants alternate run by run, the order reversed every other round; each also gets its wall time, process start
to first response, as bench/coldstart-otel.sh counts it.

    bench/coldstart-cpu.py 16 before=/path/to/old/faasguard-agent.jar after=agent/target/faasguard-agent.jar
    JAVA_HOME_FOR_FUNCTION=/usr/lib/jvm/temurin-25-jdk-amd64 bench/coldstart-cpu.py 16 ...
    bench/coldstart-cpu.py 20 none=none defaults=defaults:agent/target/faasguard-agent.jar otlp=agent/target/faasguard-agent.jar

A variant is LABEL=JAR (the agent exporting over OTLP), LABEL=defaults:JAR (the agent with its defaults, no export) or
LABEL=none (no agent).
"""
import os
import re
import statistics
import subprocess
import sys
import threading

import otlp_sink

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_millis(pid):
    """User + system time of a process and every process below it, in ms; 0 once it is gone."""
    total = 0
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) * 1000 // TICKS
        for task in os.listdir(f"/proc/{pid}/task"):
            for child in open(f"/proc/{pid}/task/{task}/children").read().split():
                total += cpu_millis(child)
    except OSError:
        pass
    return total


def cold_start(agent, endpoint, event, java_home):
    """CPU ms of the function's processes, and the wall ms from process start to first response."""
    command = ["java", "-jar", "lambda-sim/target/lambda-sim.jar", "--jar", "demo-app/target/faasguard-demo.jar",
               "--handler", "com.example.documents.FixedDocumentSplitHandler::handleRequest", "--tmp-size", "64m",
               "--event", event, "--invocations", "1"]
    if agent.startswith("defaults:"):
        command += ["--agent", agent[len("defaults:"):]]
    elif agent != "none":
        command += ["--agent", agent, "--env", "OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoint]
    if java_home:
        command += ["--java", java_home]
    sim = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pid, last = None, 0
    reading = threading.Event()
    def watch():
        nonlocal last
        while not reading.wait(0.01):
            if pid is not None:
                now = cpu_millis(pid)
                last = now if now else last
    watcher = threading.Thread(target=watch)
    watcher.start()
    wall = None
    for line in sim.stdout:
        if "execution environment 1 (pid " in line:
            pid = line.split("(pid ", 1)[1].split(")", 1)[0]
        cold = re.match(r"#1 cold success (\d+) ms \(init (\d+) ms\)", line)
        if cold:
            wall = int(cold.group(1)) + int(cold.group(2))
    sim.wait()
    reading.set()
    watcher.join()
    if sim.returncode != 0 or wall is None:
        raise SystemExit(f"lambda-sim failed ({sim.returncode}) with {agent}")
    return last, wall


def main():
    runs = int(sys.argv[1])
    variants = [argument.split("=", 1) for argument in sys.argv[2:]]
    server = otlp_sink.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    event = os.path.join(REPO, "bench", "target", "coldstart-cpu-event.json")
    os.makedirs(os.path.dirname(event), exist_ok=True)
    with open(event, "w") as out:
        out.write('{"document":"invoice.pdf","pages":2,"pageKiB":16}\n')
    java_home = os.environ.get("JAVA_HOME_FOR_FUNCTION")
    figures = {label: [] for label, _ in variants}
    for label, jar in variants:
        cold_start(jar, endpoint, event, java_home)  # warm-up: page cache
    for round_number in range(runs):
        for label, jar in (variants if round_number % 2 == 0 else variants[::-1]):
            figures[label].append(cold_start(jar, endpoint, event, java_home))
    print("| variant | runs | median CPU ms | min | max | median wall ms |")
    print("|---|--:|--:|--:|--:|--:|")
    for label, _ in variants:
        cpu = [c for c, _ in figures[label]]
        wall = [w for _, w in figures[label]]
        print(f"| {label} | {len(cpu)} | {statistics.median(cpu):.0f} | {min(cpu)} | {max(cpu)} | {statistics.median(wall):.0f} |")


if __name__ == "__main__":
    main()
