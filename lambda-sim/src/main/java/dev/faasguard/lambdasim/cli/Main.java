package dev.faasguard.lambdasim.cli;

import dev.faasguard.lambdasim.InvocationListener;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import dev.faasguard.lambdasim.SimConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code java -jar lambda-sim.jar --jar app.jar --handler com.example.Fn::handleRequest ...} */
public final class Main {
    private static final int MAX_SHOWN = 2000;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CliOptions o;
        List<byte[]> events;
        try {
            o = CliOptions.parse(args);
            if (o.help) {
                out.println(CliOptions.USAGE);
                return 0;
            }
            events = events(o);
        } catch (IllegalArgumentException | IOException e) {
            err.println("lambda-sim: " + e.getMessage());
            err.println("run with --help for the options");
            return 2;
        }
        LambdaSim.Builder b = LambdaSim.builder().handler(o.handler).timeout(o.timeout).initTimeout(o.initTimeout)
                .tmpSize(o.tmpSize).functionName(o.functionName).region(o.region).sandbox(o.sandbox)
                .listener(new Printer(out, o.quiet, o.maxConcurrency > 0));
        try {
            o.jars.forEach(b::jar);
            b.memoryMb(o.memoryMb);
            if (o.javaHome != null) {
                b.javaHome(o.javaHome);
            }
            if (o.agent != null) {
                b.agent(o.agent, o.agentArgs);
            }
            o.layers.forEach(b::layer);
            o.env.forEach(b::env);
            o.jvmArgs.forEach(b::jvmArg);
            if (o.keepTmp != null) {
                b.keepTmp(o.keepTmp);
            }
            if (o.workDir != null) {
                b.workDir(o.workDir);
            }
            if (o.snapStart) {
                b.snapStart(o.snapshotAge == null ? Duration.ZERO : o.snapshotAge);
            }
            if (o.maxConcurrency > 0) {
                b.maxConcurrency(o.maxConcurrency);
            }
        } catch (IllegalArgumentException e) {
            err.println("lambda-sim: " + e.getMessage());
            return 2;
        }
        List<InvocationResult> results = new ArrayList<>();
        try (LambdaSim sim = b.build()) {
            out.println("lambda-sim: " + o.handler + ", timeout " + o.timeout.toMillis() + " ms, memory "
                    + o.memoryMb + " MB, /tmp " + o.tmpSize + ", "
                    + (sim.sandboxed() ? "sandbox: " + sim.sandboxStatus() : "NO sandbox (" + sim.sandboxStatus() + ")")
                    + mode(sim));
            if (o.maxConcurrency > 0) {
                results.addAll(sim.invokeConcurrently(events));
            } else {
                for (byte[] event : events) {
                    results.add(sim.invoke(event));
                }
            }
            out.print(Summary.of(results));
            String running = Summary.stillRunning(results, sim.stillRunning());
            if (!running.isEmpty()) {
                out.println(running);
            }
            if (o.keepTmp != null && sim.sandboxed()) {
                out.println("  /tmp of each environment kept in " + o.keepTmp.toAbsolutePath() + "/env-N/");
            }
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("lambda-sim: " + e.getMessage());
            return 2;
        }
        return results.stream().allMatch(InvocationResult::succeeded) ? 0 : 1;
    }

    /** The mode, when not the default one: {@code , SnapStart (snapshot age 2000 ms)}. */
    private static String mode(LambdaSim sim) {
        SimConfig c = sim.config();
        if (c.snapStart()) {
            return ", SnapStart (snapshot age " + c.snapshotAge().toMillis() + " ms)";
        }
        return c.concurrent() ? ", Lambda Managed Instances (max concurrency " + c.maxConcurrency() + ")" : "";
    }

    /** The events in invocation order. */
    static List<byte[]> events(CliOptions o) throws IOException {
        List<byte[]> distinct = new ArrayList<>();
        if (o.eventsDir != null) {
            try (Stream<Path> files = Files.list(o.eventsDir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    distinct.add(Files.readAllBytes(f));
                }
            }
            if (distinct.isEmpty()) {
                throw new IOException("no event files in " + o.eventsDir);
            }
        } else if (o.event != null) {
            distinct.add(Files.readAllBytes(o.event));
        } else {
            distinct.add("{}".getBytes(StandardCharsets.UTF_8));
        }
        int n = o.invocations != null ? o.invocations : distinct.size();
        List<byte[]> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(distinct.get(i % distinct.size()));
        }
        return events;
    }

    /**
     * Prints each invocation as it ends: {@code #3 warm success 12 ms}; the first after a SnapStart restore is
     * {@code #1 cold restored success 98 ms (init 339 ms, restore 12 ms)}; under {@code --max-concurrency} the line
     * names the runtime connection that took the event, and a timeout is {@code left running}.
     */
    private static final class Printer implements InvocationListener {
        private final PrintStream out;
        private final boolean quiet;
        private final boolean concurrent;

        Printer(PrintStream out, boolean quiet, boolean concurrent) {
            this.out = out;
            this.quiet = quiet;
            this.concurrent = concurrent;
        }

        @Override
        public void environmentStarted(int environment, Path tmpDir, long pid) {
            out.println("lambda-sim: execution environment " + environment + " (pid " + pid + "), /tmp is " + tmpDir);
        }

        @Override
        public void invocationFinished(InvocationResult r) {
            StringBuilder line = new StringBuilder("#").append(r.number()).append(' ')
                    .append(r.coldStart() ? "cold" : "warm").append(r.restored() ? " restored " : " ")
                    .append(r.outcome().label());
            line.append(r.outcome() == Outcome.TIMEOUT ? " after " : " ").append(r.duration().toMillis()).append(" ms");
            if (r.coldStart()) {
                line.append(" (init ").append(r.initDuration().toMillis()).append(" ms");
                if (r.restored()) {
                    line.append(", restore ").append(r.restore().duration().toMillis()).append(" ms");
                }
                line.append(')');
            }
            line.append("  ").append(r.requestId());
            if (concurrent && r.runtimeConnection() > 0) {
                line.append("  runtime connection ").append(r.runtimeConnection());
                if (r.outcome() == Outcome.TIMEOUT) {
                    line.append(" (left running)");
                }
            }
            out.println(line);
            if (!quiet) {
                indent("stdout", r.stdout());
                indent("stderr", r.stderr());
                indent(r.succeeded() ? "response" : "error", r.bodyText());
            } else if (!r.succeeded()) {
                indent("error", r.bodyText());
            }
            out.flush();
        }

        private void indent(String label, String text) {
            if (text.isEmpty()) {
                return;
            }
            String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "... (" + text.length()
                    + " chars)" : text;
            for (String l : shown.split("\n")) {
                out.println("    " + label + " | " + l);
            }
        }
    }
}
